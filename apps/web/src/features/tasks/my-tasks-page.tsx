import { CheckOutlined, PlayCircleOutlined, UndoOutlined } from '@ant-design/icons';
import type { MyTaskView, TaskStatus } from '@ganxun/domain';
import { Alert, Button, Card, Empty, Flex, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText, useNotifyError } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { useDictionaryOptions } from '../classes/api';
import { useMyTasks, useUpdateTask } from './api';
import { daysFrom, relativeText, shortDay, TaskStatusTag } from './labels';
import './tasks.css';

/** /my-tasks: every staff member's tasks across classes, as cards (phone first), overdue first. */
export default function MyTasksPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const query = useMyTasks(status);

  return (
    <div data-testid="mytasks">
      <PageHeader
        title={t('tasks.my.title')}
        extra={
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as 'open' | 'all')}
            data-testid="mt-filter"
            options={[
              { value: 'open', label: t('tasks.my.open') },
              { value: 'all', label: t('tasks.my.all') },
            ]}
          />
        }
      />
      {query.isPending ? (
        <Skeleton active />
      ) : query.isError ? (
        <Alert type="error" showIcon message={errorText(query.error, t)} />
      ) : query.data.items.length === 0 ? (
        <Empty description={t('tasks.my.empty')} data-testid="mt-empty" />
      ) : (
        <Flex vertical gap={12} style={{ maxWidth: 720 }} data-testid="mt-list">
          {query.data.items.map((task) => (
            <TaskCard key={task.id} task={task} today={query.data.today} />
          ))}
        </Flex>
      )}
    </div>
  );
}

function TaskCard({ task, today }: { task: MyTaskView; today: string }) {
  const { t } = useTranslation();
  const roles = useDictionaryOptions('task_force_role');
  const update = useUpdateTask();
  const notifyError = useNotifyError();
  const set = (status: TaskStatus) =>
    update.mutateAsync({ classId: task.classId, taskId: task.id, body: { status } }).catch(notifyError);
  const rel = relativeText(task.due, t);
  const days = task.dueDate ? daysFrom(today, task.dueDate) : null;
  const open = task.status === 'todo' || task.status === 'doing';

  return (
    <Card
      size="small"
      className={`mt-card${task.overdue ? ' mt-overdue' : ''}`}
      data-testid={task.overdue ? 'mt-card-overdue' : 'mt-card'}
    >
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong style={{ fontSize: 15 }} delete={task.status === 'cancelled'}>
            {task.title}
          </Typography.Text>
          <TaskStatusTag status={task.status} />
        </Flex>
        <Link to={`/classes/${task.classId}?tab=taskforce`}>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: '100%' }}>
            {task.className}
          </Typography.Text>
        </Link>
        <Space size={6} wrap>
          <Typography.Text type={task.overdue ? 'danger' : undefined} strong={task.overdue}>
            {task.dueDate ? shortDay(task.dueDate) : t('tasks.noDue')}
          </Typography.Text>
          {rel ? <Tag className="tf-rel">{rel}</Tag> : null}
          {task.overdue && days !== null ? (
            <Tag color="error">{t('tasks.my.overdueSince', { n: -days })}</Tag>
          ) : open && days === 0 ? (
            <Tag color="warning">{t('tasks.dueToday')}</Tag>
          ) : open && days !== null && days > 0 && days <= 7 ? (
            <Tag>{t('tasks.my.dueIn', { n: days })}</Tag>
          ) : null}
          {task.role ? <Typography.Text type="secondary">{roles.label(task.role)}</Typography.Text> : null}
        </Space>
        {task.notes ? <Typography.Text type="secondary">{task.notes}</Typography.Text> : null}
        <Flex gap={8} className="mt-actions">
          {task.status === 'todo' ? (
            <Button
              icon={<PlayCircleOutlined />}
              onClick={() => void set('doing')}
              loading={update.isPending}
              data-testid="mt-start"
            >
              {t('tasks.my.start')}
            </Button>
          ) : null}
          {open ? (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => void set('done')}
              loading={update.isPending}
              data-testid="mt-done"
            >
              {t('tasks.my.done')}
            </Button>
          ) : (
            <Button icon={<UndoOutlined />} onClick={() => void set('doing')} data-testid="mt-reopen">
              {t('tasks.my.reopen')}
            </Button>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
