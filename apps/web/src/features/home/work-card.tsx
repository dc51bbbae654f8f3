import { BellOutlined } from '@ant-design/icons';
import type { Page } from '@ganxun/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';

interface Reminder {
  key: string;
  text: string;
  to: string;
}

/** How many items a list has (one row fetched; the list is scoped to the reader on the server). */
function useTotal(path: string, query: Record<string, string>, enabled: boolean) {
  return useQuery({
    queryKey: ['home', path, query],
    queryFn: ({ signal }) => api.get<Page<unknown>>(path, { ...query, pageSize: 1 }, signal),
    enabled,
    select: (page) => page.total,
  });
}

/**
 * What is waiting for the reader, from lists they may read: classes open to their nominations or
 * registration, plans to approve, classes they run that are under way.
 */
export function WorkCard() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const open = useTotal('/classes', { nominating: 'true' }, can('nomination.create', 'class.register'));
  const plans = useTotal('/plans', { status: 'submitted' }, can('plan.approve'));
  const running = useTotal('/classes', { status: 'in_progress' }, can('class.edit', 'enrollment.edit'));
  // Classes the reader runs that take nominations: someone has to decide them.
  const deciding = useTotal('/classes', { status: 'published' }, can('nomination.approve'));
  const reminders: Reminder[] = [];
  if (open.data) {
    reminders.push({
      key: 'open',
      text: t('home.work.open', { count: open.data }),
      to: can('nomination.create') ? '/my-quotas' : '/my-classes',
    });
  }
  if (plans.data)
    reminders.push({
      key: 'plans',
      text: t('home.work.plans', { count: plans.data }),
      to: '/plans?status=submitted',
    });
  if (deciding.data) {
    reminders.push({
      key: 'deciding',
      text: t('home.work.deciding', { count: deciding.data }),
      to: '/classes?status=published',
    });
  }
  if (running.data) {
    reminders.push({
      key: 'running',
      text: t('home.work.running', { count: running.data }),
      to: '/classes?status=in_progress',
    });
  }
  if (!can('nomination.create', 'class.register', 'plan.approve', 'class.edit', 'enrollment.edit'))
    return null;
  return (
    <Card title={t('home.work.title')} data-testid="work-card">
      {reminders.length ? (
        <List
          split={false}
          dataSource={reminders}
          renderItem={(r) => (
            <List.Item key={r.key}>
              <Link to={r.to}>
                <BellOutlined /> {r.text}
              </Link>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('home.work.none')}</Typography.Text>
      )}
    </Card>
  );
}
