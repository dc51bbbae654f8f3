import { ClockCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format';
import { countdown } from './logic';

/** The current time, refreshed every `ms` (countdowns). */
function useNow(ms = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** A nomination deadline with the time left; red under three days, grey once passed. */
export function DeadlineCountdown({ deadline }: { deadline: string | null }) {
  const { t } = useTranslation();
  const now = useNow();
  const left = countdown(deadline, now);
  if (!left) return <Typography.Text type="secondary">{t('nominations.countdown.none')}</Typography.Text>;
  const text = left.passed
    ? t('nominations.countdown.passed')
    : left.days > 0
      ? t('nominations.countdown.daysHours', { days: left.days, hours: left.hours })
      : t('nominations.countdown.hoursMinutes', { hours: left.hours, minutes: left.minutes });
  return (
    <span data-testid="deadline-countdown">
      <Typography.Text>{formatDateTime(deadline).slice(0, 16)}</Typography.Text>{' '}
      <Typography.Text
        type={left.passed ? 'secondary' : left.urgent ? 'danger' : 'success'}
        strong={left.urgent && !left.passed}
        style={{ whiteSpace: 'nowrap' }}
        data-urgent={left.urgent && !left.passed ? 'true' : 'false'}
      >
        <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
        {text}
      </Typography.Text>
    </span>
  );
}
