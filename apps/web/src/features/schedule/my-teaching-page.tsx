import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { ScheduleView } from './schedule-view';

/** /my-teaching: a lecturer's own sessions across classes (my sessions), with their part in each. */
export default function MyTeachingPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const own = me?.lecturerId ?? null;
  return (
    <ScheduleView
      source="teaching"
      texts="myTeaching"
      feed={{ scope: 'lecturer' }}
      feedLabel={t('schedule.feeds.subscribeTeaching')}
      feedMatch={(f) => f.scope === 'lecturer' && (f.lecturerId === null || f.lecturerId === own)}
    />
  );
}
