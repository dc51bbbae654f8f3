import { AppstoreAddOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type ClassView,
  TASK_STATUSES,
  type TaskForceView,
  type TaskStatus,
  type TaskView,
} from '@ganxun/domain';
import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  List,
  Modal,
  Popconfirm,
  Progress,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useNotifyError } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useClassKinds, useDictionaryOptions } from '../classes/api';
import { useApplyTemplate, useDeleteTask, useTaskForce, useTaskTemplates, useUpdateTask } from './api';
import { relativeText, shortDay, TaskStatusTag } from './labels';
import { MembersCard } from './members-card';
import { TaskDrawer } from './task-drawer';
import './tasks.css';

/** The class's task force (工作专班) and its checklist: members, tasks with due days, progress. */
export function TaskForceTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const query = useTaskForce(cls.id);
  const [editing, setEditing] = useState<TaskView | null | undefined>(undefined);
  const [picking, setPicking] = useState(false);

  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <Alert type="error" showIcon message={errorText(query.error, t)} />;
  const force = query.data;

  return (
    <div data-testid="tf-tab" className="tf-tab">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <SummaryCard force={force} />
        </Col>
        <Col xs={24} lg={15}>
          <MembersCard force={force} />
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title={t('tasks.checklist.title')}
            extra={
              force.canManage ? (
                <Space wrap>
                  <Button
                    size="small"
                    icon={<AppstoreAddOutlined />}
                    onClick={() => setPicking(true)}
                    data-testid="tf-from-template"
                  >
                    {t('tasks.checklist.fromTemplate')}
                  </Button>
                  <Button
                    size="small"
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => setEditing(null)}
                    data-testid="tf-task-add"
                  >
                    {t('tasks.checklist.add')}
                  </Button>
                </Space>
              ) : null
            }
          >
            <Checklist force={force} onEdit={setEditing} />
          </Card>
        </Col>
      </Row>
      {force.canManage ? (
        <>
          <TaskDrawer
            force={force}
            task={editing ?? null}
            open={editing !== undefined}
            onClose={() => setEditing(undefined)}
          />
          <TemplatePicker force={force} open={picking} onClose={() => setPicking(false)} />
        </>
      ) : null}
    </div>
  );
}

function SummaryCard({ force }: { force: TaskForceView }) {
  const { t } = useTranslation();
  const { progress } = force;
  return (
    <Card size="small" data-testid="tf-summary">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="baseline" wrap gap={8}>
          <Typography.Text strong data-testid="tf-progress-text">
            {t('tasks.checklist.progress', { done: progress.done, total: progress.total })}
          </Typography.Text>
          {force.overdue > 0 ? (
            <Tag color="error" data-testid="tf-overdue-count">
              {t('tasks.checklist.overdueCount', { n: force.overdue })}
            </Tag>
          ) : null}
        </Flex>
        <Progress
          percent={Math.round((progress.share ?? 0) * 100)}
          status={progress.share === 1 ? 'success' : 'normal'}
          data-testid="tf-progress"
        />
        <Typography.Text type="secondary">
          {force.startDate
            ? t('tasks.checklist.classDates', {
                start: force.startDate,
                end: force.endDate ?? force.startDate,
              })
            : t('tasks.checklist.noDates')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function Checklist({ force, onEdit }: { force: TaskForceView; onEdit: (task: TaskView) => void }) {
  const { t } = useTranslation();
  const roles = useDictionaryOptions('task_force_role');
  const update = useUpdateTask(force.classId);
  const remove = useDeleteTask(force.classId);
  const notifyError = useNotifyError();

  const setStatus = (task: TaskView, status: TaskStatus) =>
    update.mutateAsync({ taskId: task.id, body: { status } }).catch(notifyError);

  const columns: ColumnsType<TaskView> = [
    {
      title: t('tasks.checklist.due'),
      key: 'due',
      width: 150,
      render: (_, task) => (
        <Flex vertical>
          <Typography.Text type={task.overdue ? 'danger' : undefined} strong={task.overdue}>
            {shortDay(task.dueDate)}
          </Typography.Text>
          <Space size={4}>
            {relativeText(task.due, t) ? (
              <Tag className="tf-rel" data-testid="tf-rel">
                {relativeText(task.due, t)}
              </Tag>
            ) : null}
            {task.overdue ? <Tag color="error">{t('tasks.overdue')}</Tag> : null}
          </Space>
        </Flex>
      ),
    },
    {
      title: t('tasks.checklist.task'),
      dataIndex: 'title',
      render: (_, task) => (
        <Flex vertical>
          <Typography.Text delete={task.status === 'cancelled'}>{task.title}</Typography.Text>
          {task.notes ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {task.notes}
            </Typography.Text>
          ) : null}
          {task.status === 'done' && task.doneAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tasks.checklist.doneBy', { name: task.doneByName ?? '—', at: formatDateTime(task.doneAt) })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('tasks.checklist.owner'),
      key: 'owner',
      width: 170,
      render: (_, task) => (
        <Flex vertical>
          <span>
            {task.ownerName ?? (
              <Typography.Text type="secondary">{t('tasks.checklist.unassigned')}</Typography.Text>
            )}
          </span>
          {task.role ? <Typography.Text type="secondary">{roles.label(task.role)}</Typography.Text> : null}
        </Flex>
      ),
    },
    {
      title: t('tasks.checklist.status'),
      key: 'status',
      width: 130,
      render: (_, task) =>
        force.canManage ? (
          <Select
            size="small"
            value={task.status}
            style={{ width: 110 }}
            onChange={(s) => void setStatus(task, s)}
            data-testid="tf-status"
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
          />
        ) : (
          <TaskStatusTag status={task.status} />
        ),
    },
  ];
  if (force.canManage) {
    columns.push({
      title: t('tasks.checklist.actions'),
      key: 'actions',
      width: 90,
      render: (_, task) => (
        <Space size={0}>
          <Button
            type="text"
            size="small"
            icon={<EditOutlined />}
            aria-label={t('tasks.checklist.edit')}
            onClick={() => onEdit(task)}
            data-testid="tf-task-edit"
          />
          <Popconfirm
            title={t('tasks.checklist.deleteConfirm', { title: task.title })}
            onConfirm={() => remove.mutateAsync(task.id).catch(notifyError)}
          >
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('tasks.checklist.delete')}
              data-testid="tf-task-delete"
            />
          </Popconfirm>
        </Space>
      ),
    });
  }

  if (force.tasks.length === 0) {
    return <Empty description={t('tasks.checklist.empty')} data-testid="tf-empty" />;
  }
  return (
    <Table
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={force.tasks}
      pagination={false}
      scroll={{ x: 720 }}
      data-testid="tf-checklist"
      rowClassName={(task) =>
        task.overdue
          ? 'tf-row-overdue'
          : task.status === 'done' || task.status === 'cancelled'
            ? 'tf-row-closed'
            : ''
      }
      onRow={(task) => ({ 'data-testid': task.overdue ? 'tf-row-overdue' : 'tf-row' }) as object}
    />
  );
}

function TemplatePicker({
  force,
  open,
  onClose,
}: {
  force: TaskForceView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const templates = useTaskTemplates(open);
  const kinds = useClassKinds();
  const apply = useApplyTemplate(force.classId);
  const [chosen, setChosen] = useState<string | null>(null);
  const fitting = (templates.data?.items ?? []).filter(
    (x) => x.classKinds.length === 0 || x.classKinds.includes(force.classKind),
  );

  const onOk = async () => {
    if (!chosen) return;
    const before = force.tasks.length;
    try {
      const view = await apply.mutateAsync(chosen);
      void message.success(t('tasks.template.applied', { n: view.tasks.length - before }));
      setChosen(null);
      onClose();
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('tasks.template.pick')}
      onCancel={onClose}
      onOk={onOk}
      okText={t('tasks.template.apply')}
      okButtonProps={{ disabled: !chosen, 'data-testid': 'tf-template-apply' } as ButtonProps}
      confirmLoading={apply.isPending}
      width={560}
    >
      {templates.isPending ? (
        <Skeleton active />
      ) : fitting.length === 0 ? (
        <Empty description={t('tasks.template.none')} />
      ) : (
        <List
          data-testid="tf-templates"
          dataSource={fitting}
          renderItem={(x) => (
            <List.Item
              className={`tf-template${chosen === x.id ? ' tf-template-chosen' : ''}`}
              onClick={() => setChosen(x.id)}
              data-testid="tf-template"
            >
              <List.Item.Meta
                title={
                  <Space>
                    {x.name}
                    <Tag>{t('tasks.template.items', { n: x.items.length })}</Tag>
                  </Space>
                }
                description={
                  <Flex vertical gap={2}>
                    <span>
                      {x.classKinds.length
                        ? x.classKinds.map((k) => kinds.label(k)).join('、')
                        : t('tasks.template.allKinds')}
                    </span>
                    <span>
                      {x.items
                        .slice(0, 5)
                        .map((i) => `${relativeText({ kind: 'relative', ...i }, t)} ${i.title}`)
                        .join('；')}
                      {x.items.length > 5 ? '…' : ''}
                    </span>
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
