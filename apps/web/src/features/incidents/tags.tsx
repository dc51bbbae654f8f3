import type { ContingencyPlanView, IncidentSeverity, IncidentStatus } from '@ganxun/domain';
import { Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const SEVERITY_COLOR: Record<IncidentSeverity, string> = {
  low: 'blue',
  medium: 'gold',
  high: 'orange',
  critical: 'red',
};
const STATUS_COLOR: Record<IncidentStatus, string> = {
  open: 'red',
  handling: 'processing',
  resolved: 'green',
  reviewed: 'default',
};

export function SeverityTag({ severity }: { severity: IncidentSeverity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLOR[severity]} data-severity={severity}>
      {t(`incidents.severity.${severity}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-status={status}>
      {t(`incidents.status.${status}`)}
    </Tag>
  );
}

/** Minutes as "N 分钟" (— while not yet). */
export function minutesText(value: number | null, t: TFunction): string {
  return value === null ? '—' : t('incidents.minutes', { count: value });
}

/** China wall clock of an instant, `YYYY-MM-DD HH:mm` (classes run on China time). */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A plan's steps, numbered, each with who acts. */
export function PlanSteps({ plan }: { plan: ContingencyPlanView }) {
  const { t } = useTranslation();
  return (
    <ol className="gx-inc-steps">
      {plan.steps.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered list without ids
        <li key={i}>
          <Typography.Text>{s.text}</Typography.Text>{' '}
          <Tag bordered={false} color={s.role ? 'geekblue' : 'default'}>
            {s.roleName ?? t('incidents.anyone')}
          </Tag>
        </li>
      ))}
    </ol>
  );
}
