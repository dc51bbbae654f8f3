import { chinaDay, type LecturerView, type MyScheduleItem } from '@ganxun/domain';
import { Alert, Drawer, Flex, Grid, List, Table, type TableProps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { useLecturerSessions } from '../schedule/api';
import { FeedList, FeedSubscribeButton } from '../schedule/feeds';
import { formatHours, timeRange } from '../schedule/logic';
import { ROLE_COLOR } from '../schedule/schedule-card';
import { LecturerEvaluations } from '../surveys/lecturer-evaluations';

/**
 * A lecturer's history across classes (GET /lecturers/:id/sessions, newest first) and, for those
 * who edit the pool, a calendar feed to send to the lecturer.
 */
export function LecturerHistoryDrawer({
  lecturer,
  onClose,
}: {
  lecturer: LecturerView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const screens = Grid.useBreakpoint();
  const sessions = useLecturerSessions(lecturer?.id ?? null);
  const items = sessions.data?.items ?? [];
  const total = items.reduce((sum, i) => sum + i.session.hours, 0);
  const canEdit = can('lecturer.edit');
  const canOpenClass = can('class.edit', 'enrollment.edit');

  const columns: TableProps<MyScheduleItem>['columns'] = [
    {
      title: t('schedule.lecturer.date'),
      key: 'date',
      width: 120,
      render: (_, i) => (
        <Flex vertical>
          <span style={{ whiteSpace: 'nowrap' }}>{chinaDay(i.session.startsAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {timeRange(i.session.startsAt, i.session.endsAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('schedule.lecturer.class'),
      key: 'class',
      width: 200,
      render: (_, i) => (
        <Flex vertical>
          {canOpenClass ? (
            <Link to={`/classes/${i.class.id}`}>{i.class.name}</Link>
          ) : (
            <span>{i.class.name}</span>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.class.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('schedule.lecturer.title'),
      key: 'title',
      render: (_, i) => (
        <Flex vertical>
          <span>{i.session.title}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.session.typeName ?? i.session.type}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('schedule.lecturer.role'),
      key: 'role',
      width: 76,
      render: (_, i) =>
        i.role ? <Tag color={ROLE_COLOR[i.role]}>{t(`schedule.role.${i.role}`)}</Tag> : t('common.empty'),
    },
    {
      title: t('schedule.lecturer.hours'),
      key: 'hours',
      width: 64,
      align: 'right',
      render: (_, i) => formatHours(i.session.hours),
    },
  ];

  return (
    <Drawer
      open={!!lecturer}
      onClose={onClose}
      title={lecturer ? t('schedule.lecturer.historyTitle', { name: lecturer.name }) : null}
      size={screens.md ? 760 : '100%'}
      destroyOnHidden
      data-testid="lecturer-history"
    >
      {lecturer ? (
        <Flex vertical gap={16}>
          {canEdit ? (
            <Flex vertical gap={8} className="gx-pool-feed">
              <div>
                <FeedSubscribeButton
                  request={{ scope: 'lecturer', lecturerId: lecturer.id }}
                  label={t('schedule.lecturer.feed')}
                  hint={t('schedule.lecturer.feedHint')}
                />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('schedule.lecturer.feedHint')}
              </Typography.Text>
              <FeedList
                bordered={false}
                title={t('schedule.lecturer.feedsOfLecturer')}
                match={(f) => f.scope === 'lecturer' && f.lecturerId === lecturer.id}
              />
            </Flex>
          ) : null}
          {/* Evaluation results across classes and years (issue 6), for those who may see them. */}
          <LecturerEvaluations lecturerId={lecturer.id} />
          {sessions.isError ? (
            <Alert type="error" showIcon title={errorText(sessions.error, t)} />
          ) : (
            <>
              {items.length > 0 ? (
                <Typography.Text strong data-testid="lecturer-history-total">
                  {t('schedule.lecturer.total', { n: items.length, hours: formatHours(total) })}
                </Typography.Text>
              ) : null}
              {screens.md ? (
                <Table<MyScheduleItem>
                  size="small"
                  rowKey={(i) => i.session.id}
                  loading={sessions.isPending}
                  dataSource={items}
                  columns={columns}
                  pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                  scroll={{ x: 620 }}
                  locale={{ emptyText: t('schedule.lecturer.historyEmpty') }}
                  data-testid="lecturer-history-table"
                />
              ) : (
                <List<MyScheduleItem>
                  size="small"
                  loading={sessions.isPending}
                  dataSource={items}
                  rowKey={(i) => i.session.id}
                  pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
                  locale={{ emptyText: t('schedule.lecturer.historyEmpty') }}
                  data-testid="lecturer-history-table"
                  renderItem={(i) => (
                    <List.Item style={{ paddingInline: 0 }}>
                      <Flex vertical gap={2} style={{ width: '100%' }}>
                        <Flex justify="space-between" gap={8}>
                          <Typography.Text type="secondary">
                            {chinaDay(i.session.startsAt)} {timeRange(i.session.startsAt, i.session.endsAt)}
                          </Typography.Text>
                          <span style={{ whiteSpace: 'nowrap' }}>
                            {i.role ? (
                              <Tag color={ROLE_COLOR[i.role]}>{t(`schedule.role.${i.role}`)}</Tag>
                            ) : null}
                            {t('schedule.item.hours', { hours: formatHours(i.session.hours) })}
                          </span>
                        </Flex>
                        <Typography.Text strong>{i.session.title}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          {i.class.code} {i.class.name}
                        </Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              )}
            </>
          )}
        </Flex>
      ) : null}
    </Drawer>
  );
}
