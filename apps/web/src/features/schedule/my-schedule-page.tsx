import { useTranslation } from 'react-i18next';
import { ScheduleView } from './schedule-view';

/** /my-schedule: the trainee's own timetable across their classes, made for a phone. */
export default function MySchedulePage() {
  const { t } = useTranslation();
  return (
    <ScheduleView
      source="sessions"
      texts="mySchedule"
      feed={{ scope: 'trainee' }}
      feedLabel={t('schedule.feeds.subscribe')}
      feedMatch={(f) => f.scope === 'trainee'}
    />
  );
}
