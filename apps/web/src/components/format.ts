import dayjs from 'dayjs';

/** A timestamp in the viewer's local time, `YYYY-MM-DD HH:mm:ss`; `—` when absent. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : value;
}

/** A date in the viewer's local time, `YYYY-MM-DD`. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}
