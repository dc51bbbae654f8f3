import type { TaskDue, TaskStatus } from '@ganxun/domain';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<TaskStatus, string> = {
  todo: 'default',
  doing: 'processing',
  done: 'success',
  cancelled: 'default',
};

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`tasks.status.${status}`)}</Tag>;
}

/** "T−30", "T", "结束+3": how a relative due reads (null for an absolute or no due). */
export function relativeText(due: TaskDue | null, t: TFunction): string | null {
  if (due?.kind !== 'relative') return null;
  const { anchor, offsetDays } = due;
  if (offsetDays === 0) return t(anchor === 'end' ? 'tasks.rel.endZero' : 'tasks.rel.startZero');
  return t(anchor === 'end' ? 'tasks.rel.end' : 'tasks.rel.start', {
    sign: offsetDays < 0 ? '−' : '+',
    days: Math.abs(offsetDays),
  });
}

/** Days from `today` to `day` (negative: past). */
export function daysFrom(today: string, day: string): number {
  return dayjs(day).diff(dayjs(today), 'day');
}

/** `2030-03-10` → `3月10日 周二` style short day in the UI language. */
export function shortDay(day: string | null): string {
  return day ? dayjs(day).format('YYYY-MM-DD ddd') : '—';
}
