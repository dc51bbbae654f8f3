import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import type { PlanAction, PlanDetailView, PlanItemView } from '@ganxun/domain';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Skeleton,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useFixedColumns } from '../../components/responsive';
import { ForbiddenPage } from '../../components/result-pages';
import { useClassKinds } from '../classes/api';
import { CLASS_STATUS_COLOR, dateRange } from '../classes/status';
import '../classes/classes.css';
import { useDeletePlanItem, usePlan } from './api';
import { PlanItemModal } from './plan-item-modal';
import { PlanActionModal, PlanEditModal } from './plan-modals';
import { ScheduleModal } from './schedule-modal';
import { monthWindow, PLAN_STATUS_COLOR } from './status';

function ItemsTable({
  plan,
  onEdit,
  onSchedule,
}: {
  plan: PlanDetailView;
  onEdit: (item: PlanItemView) => void;
  onSchedule: (item: PlanItemView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const fixed = useFixedColumns();
  const kinds = useClassKinds();
  const remove = useDeletePlanItem();
  const schedulable = plan.status === 'approved' && can('class.edit');
  const empty = t('common.empty');

  return (
    <Table<PlanItemView>
      rowKey="id"
      size="middle"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={plan.items}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classes.plans.noItems')} />,
      }}
      columns={[
        { title: t('classes.plans.itemName'), dataIndex: 'name', key: 'name', fixed: fixed.left, width: 200 },
        {
          title: t('classes.field.kind'),
          dataIndex: 'kind',
          key: 'kind',
          responsive: ['md'],
          render: (k: string, item) => kinds.label(k, item.kindName),
        },
        {
          title: t('classes.plans.window'),
          key: 'window',
          render: (_, item) => (
            <span className="gx-nowrap">{monthWindow(item.windowStart, item.windowEnd)}</span>
          ),
        },
        {
          title: t('classes.field.dates'),
          key: 'dates',
          responsive: ['md'],
          render: (_, item) => (
            <span className="gx-nowrap">{dateRange(item.startDate, item.endDate) ?? empty}</span>
          ),
        },
        {
          title: t('classes.field.targetAudience'),
          dataIndex: 'targetAudience',
          key: 'audience',
          responsive: ['lg'],
          render: (a: string | null) => (
            <Typography.Text ellipsis={{ tooltip: a }} style={{ maxWidth: 200 }}>
              {a ?? empty}
            </Typography.Text>
          ),
        },
        { title: t('classes.plans.size'), dataIndex: 'size', key: 'size', align: 'right' },
        { title: t('classes.plans.count'), dataIndex: 'count', key: 'count', align: 'right' },
        {
          title: t('classes.plans.scheduledClasses'),
          key: 'classes',
          render: (_, item) =>
            item.classes.length === 0 ? (
              <Typography.Text type="secondary">{t('classes.plans.notScheduled')}</Typography.Text>
            ) : (
              <Flex vertical gap={2}>
                {item.classes.map((c) => (
                  <span key={c.id} className="gx-nowrap">
                    <Link to={`/classes/${c.id}`}>
                      <span className="gx-mono">{c.code}</span> {c.name}
                    </Link>{' '}
                    {c.status in CLASS_STATUS_COLOR ? (
                      <Tag color={CLASS_STATUS_COLOR[c.status as keyof typeof CLASS_STATUS_COLOR]}>
                        {t(`classes.status.${c.status as keyof typeof CLASS_STATUS_COLOR}`)}
                      </Tag>
                    ) : null}
                  </span>
                ))}
              </Flex>
            ),
        },
        ...(plan.canEdit || schedulable
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                fixed: fixed.right,
                render: (_: unknown, item: PlanItemView) => (
                  <Flex gap={4} wrap={false}>
                    {plan.canEdit ? (
                      <>
                        <Button
                          size="small"
                          type="link"
                          icon={<EditOutlined />}
                          onClick={() => onEdit(item)}
                          data-testid="plan-item-edit"
                        >
                          {t('common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('classes.plans.deleteItemConfirm', { name: item.name })}
                          okButtonProps={{ danger: true }}
                          onConfirm={async () => {
                            try {
                              await remove.mutateAsync({ planId: plan.id, itemId: item.id });
                            } catch (error) {
                              void message.error(errorText(error, t));
                            }
                          }}
                        >
                          <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                            {t('classes.plans.deleteItem')}
                          </Button>
                        </Popconfirm>
                      </>
                    ) : null}
                    {schedulable ? (
                      <Button
                        size="small"
                        type="link"
                        icon={<ScheduleOutlined />}
                        onClick={() => onSchedule(item)}
                        data-testid="plan-item-schedule"
                      >
                        {t('classes.plans.schedule')}
                      </Button>
                    ) : null}
                  </Flex>
                ),
              },
            ]
          : []),
      ]}
      data-testid="plan-items"
    />
  );
}

function PlanTimeline({ plan }: { plan: PlanDetailView }) {
  const { t } = useTranslation();
  if (plan.events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const color = {
    created: 'green',
    submit: 'blue',
    approve: 'green',
    return: 'red',
    reopen: 'gray',
  } as const;
  return (
    <Timeline
      data-testid="plan-timeline"
      items={plan.events.map((e) => ({
        key: e.id,
        color: color[e.action],
        content: (
          <Flex vertical gap={4}>
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{t(`classes.plans.event.${e.action}`)}</Typography.Text>
              {e.toStatus ? (
                <span>
                  {e.fromStatus ? (
                    <>
                      <Tag color={PLAN_STATUS_COLOR[e.fromStatus]}>
                        {t(`classes.plans.statusName.${e.fromStatus}`)}
                      </Tag>
                      {'→ '}
                    </>
                  ) : null}
                  <Tag color={PLAN_STATUS_COLOR[e.toStatus]}>
                    {t(`classes.plans.statusName.${e.toStatus}`)}
                  </Tag>
                </span>
              ) : null}
            </Flex>
            <Typography.Text type="secondary">
              {e.actorName ?? t('classes.timeline.system')} · {formatDateTime(e.at)}
            </Typography.Text>
            {e.comment ? (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {e.comment}
              </Typography.Paragraph>
            ) : null}
          </Flex>
        ),
      }))}
    />
  );
}

/** /plans/:id: a plan's header with its approval actions, its items, and its timeline of comments. */
export default function PlanPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = usePlan(id);
  const [action, setAction] = useState<PlanAction | null>(null);
  const [editingPlan, setEditingPlan] = useState(false);
  const [itemModal, setItemModal] = useState<{ item: PlanItemView | null } | null>(null);
  const [scheduling, setScheduling] = useState<PlanItemView | null>(null);
  const plan = query.data;

  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.error instanceof ApiError && query.error.status === 403) return <ForbiddenPage />;
  if (!plan) {
    const notFound = query.error instanceof ApiError && [400, 404].includes(query.error.status);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('classes.plans.notFound') : errorText(query.error, t)}
        extra={
          <Link to="/plans">
            <Button type="primary">{t('classes.plans.back')}</Button>
          </Link>
        }
      />
    );
  }

  return (
    <>
      <Flex justify="space-between" align="flex-start" wrap gap={12} className="gx-page-header">
        <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Link to="/plans">
            <ArrowLeftOutlined /> {t('classes.plans.back')}
          </Link>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="plan-title">
              {plan.title}
            </Typography.Title>
            <Tag color={PLAN_STATUS_COLOR[plan.status]} data-testid="plan-status">
              {t(`classes.plans.statusName.${plan.status}`)}
            </Tag>
          </Flex>
          <Typography.Text className="gx-class-meta">
            <span>{t('classes.list.yearN', { year: plan.year })}</span>
            <span>{plan.organiser.name}</span>
          </Typography.Text>
        </Flex>
        <Flex gap={8} wrap>
          {plan.canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditingPlan(true)} data-testid="plan-edit">
              {t('common.edit')}
            </Button>
          ) : null}
          {plan.actions.map((a) => (
            <Button
              key={a}
              type={a === 'submit' || a === 'approve' ? 'primary' : 'default'}
              danger={a === 'return'}
              onClick={() => setAction(a)}
              data-testid={`plan-action-${a}`}
            >
              {t(`classes.plans.action.${a}`)}
            </Button>
          ))}
        </Flex>
      </Flex>
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 2, sm: 2, md: 4 }}
            items={[
              { key: 'items', label: t('classes.plans.items'), children: plan.itemCount },
              { key: 'classes', label: t('classes.plans.plannedClasses'), children: plan.plannedClasses },
              { key: 'trainees', label: t('classes.plans.plannedTrainees'), children: plan.plannedTrainees },
              {
                key: 'scheduled',
                label: t('classes.plans.scheduledClasses'),
                children: plan.scheduledClasses,
              },
              ...(plan.note
                ? [
                    {
                      key: 'note',
                      label: t('classes.plans.note'),
                      span: 'filled' as const,
                      children: <span style={{ whiteSpace: 'pre-wrap' }}>{plan.note}</span>,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
        <Card
          title={t('classes.plans.itemsTitle')}
          extra={
            plan.canEdit ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setItemModal({ item: null })}
                data-testid="plan-add-item"
              >
                {t('classes.plans.addItem')}
              </Button>
            ) : null
          }
        >
          {plan.status === 'approved' ? (
            <Typography.Paragraph type="secondary">{t('classes.plans.scheduleIntro')}</Typography.Paragraph>
          ) : null}
          <ItemsTable plan={plan} onEdit={(item) => setItemModal({ item })} onSchedule={setScheduling} />
        </Card>
        <Card title={t('classes.plans.timeline')}>
          <PlanTimeline plan={plan} />
        </Card>
      </Flex>
      <PlanActionModal plan={plan} action={action} onClose={() => setAction(null)} />
      <PlanEditModal plan={plan} open={editingPlan} onClose={() => setEditingPlan(false)} />
      <PlanItemModal
        open={!!itemModal}
        planId={plan.id}
        year={plan.year}
        item={itemModal?.item ?? null}
        onClose={() => setItemModal(null)}
      />
      <ScheduleModal planId={plan.id} item={scheduling} onClose={() => setScheduling(null)} />
    </>
  );
}
