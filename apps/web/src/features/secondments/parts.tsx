import {
  type AssessmentGrade,
  addDays,
  chinaDay,
  type PersonView,
  type SecondmentAlert,
  type SecondmentStatus,
  type SecondmentView,
} from '@ganxun/domain';
import { Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../components/debounce';
import { useDictionaryOptions } from '../classes/api';
import { usePeopleSearch } from './api';

export const STATUS_COLOR: Record<SecondmentStatus, string> = {
  planned: 'blue',
  in_post: 'green',
  extended: 'gold',
  completed: 'cyan',
  ended_early: 'orange',
  cancelled: 'default',
};

export const ALERT_COLOR: Record<SecondmentAlert, string> = {
  ending_soon: 'orange',
  return_overdue: 'red',
  start_overdue: 'volcano',
};

export const GRADE_COLOR: Record<AssessmentGrade, string> = {
  excellent: 'green',
  competent: 'blue',
  basically_competent: 'orange',
  incompetent: 'red',
};

export function StatusTag({ status }: { status: SecondmentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="secondment-status" data-status={status}>
      {t(`secondments.status.${status}`)}
    </Tag>
  );
}

export function AlertTag({ alert }: { alert: SecondmentAlert | null }) {
  const { t } = useTranslation();
  if (!alert) return null;
  return (
    <Tag color={ALERT_COLOR[alert]} data-testid="secondment-alert" data-alert={alert}>
      {t(`secondments.alert.${alert}`)}
    </Tag>
  );
}

/** "恩施市 → 江干区". */
export function directionText(s: Pick<SecondmentView, 'sendingLabel' | 'receivingLabel'>): string {
  return `${s.sendingLabel} → ${s.receivingLabel}`;
}

/** "2024-03-01 – 2025-02-28". */
export function termText(start: string | null, end: string | null): string {
  if (!start && !end) return '—';
  return `${start ?? '?'} – ${end ?? '?'}`;
}

/** Today as a China day. */
export function today(): string {
  return chinaDay(Date.now());
}

/** Days from `from` to `to` (calendar days). */
export function daysBetween(from: string, to: string): number {
  return dayjs(to).diff(dayjs(from), 'day');
}

/** The reminder line of a term: days left while open, days to the start while planned. */
/** A translate function over keys built at run time. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export function daysLeftText(s: SecondmentView, t: Translate): string | null {
  const now = today();
  if (s.status === 'planned') {
    const n = daysBetween(now, s.plannedStart);
    return n >= 0 ? t('secondments.mine.startsIn', { count: n }) : null;
  }
  if (s.status === 'in_post' || s.status === 'extended') {
    const n = daysBetween(now, s.plannedEnd);
    return n >= 0
      ? t('secondments.mine.daysLeft', { count: n })
      : t('secondments.mine.overdue', { count: -n });
  }
  return null;
}

/** Is the term ending within the alert window (for colouring)? */
export function endingSoon(s: SecondmentView): boolean {
  return (s.status === 'in_post' || s.status === 'extended') && s.plannedEnd <= addDays(today(), 30);
}

/** Category, and specialty for professionals: "专业技术人才 · 医疗". */
export function useCategoryText() {
  const { t } = useTranslation();
  return (s: Pick<SecondmentView, 'category' | 'specialty'>) =>
    s.category === 'professional' && s.specialty
      ? `${t(`secondments.category.${s.category}`)} · ${t(`directory.specialty.${s.specialty}`)}`
      : t(`secondments.category.${s.category}`);
}

/** The `secondment_form` dictionary (挂职服务, 跟岗学习, …). */
export function useSecondmentForms() {
  return useDictionaryOptions('secondment_form');
}

/**
 * Picks one person from those the reader may see (GET /people?q=), searched by name or pinyin;
 * each option shows name, unit and post. `onChange` hands back the record for defaults.
 */
export function PersonSearchSelect({
  value,
  onChange,
  initial,
  testId,
  disabled,
}: {
  value?: string;
  onChange?: (id: string | undefined, person?: PersonView) => void;
  /** The name to show for a value chosen earlier (editing). */
  initial?: { id: string; name: string };
  testId?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const people = usePeopleSearch(q);
  const [picked, setPicked] = useState<PersonView | undefined>();
  const found = people.data?.items ?? [];
  const items =
    picked && value === picked.id && !found.some((p) => p.id === picked.id) ? [picked, ...found] : found;
  const options = items.map((p) => ({ value: p.id, label: p.name, person: p as PersonView | undefined }));
  if (initial && value === initial.id && !options.some((o) => o.value === initial.id))
    options.unshift({ value: initial.id, label: initial.name, person: undefined });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      disabled={disabled}
      value={value}
      placeholder={t('secondments.form.personPlaceholder')}
      loading={people.isFetching}
      onChange={(id: string | undefined) => {
        const person = items.find((p) => p.id === id);
        setPicked(person);
        onChange?.(id, person);
      }}
      options={options}
      optionRender={(option) => {
        const p = (option.data as { person?: PersonView }).person;
        return (
          <div data-testid="secondment-person-option">
            <Typography.Text strong>{option.label}</Typography.Text>
            {p ? (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {[p.unitName, p.post].filter(Boolean).join(' · ')}
              </Typography.Text>
            ) : null}
          </div>
        );
      }}
      data-testid={testId}
    />
  );
}
