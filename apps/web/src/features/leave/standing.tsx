import type { LeaveLevel, LeaveStandingView, LeaveStatus } from '@ganxun/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const LEVEL_COLOR: Record<LeaveLevel, string> = { ok: 'green', warning: 'orange', limit: 'red' };
const STATUS_COLOR: Record<LeaveStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

/** `0.142857` → `14.3%`. */
export function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 1000) / 10}%`;
}

/** 学时 without trailing zeros: 1.50 → 1.5. */
export function hoursText(h: number): string {
  return String(Math.round(h * 100) / 100);
}

export function LeaveStatusTag({ status }: { status: LeaveStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`leave.status.${status}`)}</Tag>;
}

/** The level against the 1/7 allowance; `projected` shows the level as if pending leave were approved. */
export function StandingTag({ standing, projected }: { standing: LeaveStandingView; projected?: boolean }) {
  const { t } = useTranslation();
  const level = projected ? standing.projectedLevel : standing.level;
  const ratio = projected ? standing.projectedRatio : standing.ratio;
  return (
    <Tag color={LEVEL_COLOR[level]} data-level={level}>
      {t(`leave.level.${level}`)} · {percent(ratio)}
    </Tag>
  );
}

/** China wall time of an instant, `YYYY-MM-DD HH:mm` (times are China times whatever the device's zone). */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** China wall clock of an instant, `HH:mm`. */
export function chinaHm(iso: string): string {
  return chinaTime(iso).slice(11);
}
