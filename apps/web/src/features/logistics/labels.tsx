import { type DietaryNeed, TRANSPORT_MODES } from '@ganxun/domain';

type TransportMode = (typeof TRANSPORT_MODES)[number];

import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/errors';

const NEED_COLOR: Record<DietaryNeed, string> = {
  none: 'default',
  halal: 'green',
  vegetarian: 'lime',
  no_pork: 'cyan',
  diabetic: 'orange',
  allergy: 'red',
  other: 'purple',
};

/** A trainee's gender as a small coloured tag (blue / magenta), nothing when unknown. */
export function GenderTag({ gender }: { gender: string | null }) {
  const { t } = useTranslation();
  if (gender !== 'male' && gender !== 'female') return null;
  return (
    <Tag color={gender === 'male' ? 'blue' : 'magenta'} variant="filled" className="lg-gender-tag">
      {t(`nominations.gender.${gender}`)}
    </Tag>
  );
}

/** A dietary need as a tag (none: 无). */
export function NeedTag({ need }: { need: DietaryNeed | null }) {
  const { t } = useTranslation();
  const n = need ?? 'none';
  return (
    <Tag color={NEED_COLOR[n]} data-need={n}>
      {t(`logistics.need.${n}`)}
    </Tag>
  );
}

const isTransport = (v: string | null): v is TransportMode =>
  (TRANSPORT_MODES as readonly (string | null)[]).includes(v);

/** "火车 G1234", "飞机 CZ3456", or the hour's window for arrivals of other kinds. */
export function arrivalText(transport: string | null, number: string | null, t: TFunction): string {
  const mode = isTransport(transport) ? t(`nominations.transport.${transport}`) : '';
  if (number) return `${mode} ${number}`.trim();
  return mode ? t('logistics.transport.byWindowOf', { mode }) : t('logistics.transport.byWindow');
}

/**
 * The message of a refused write: the server's field messages (room full, genders, …) when it
 * gave some, which say more than the generic 409 line; else the usual error text.
 */
export function problemText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.fields.length > 0) {
    return [...new Set(error.fields.map((f) => f.message))].join('；');
  }
  return errorText(error, t);
}
