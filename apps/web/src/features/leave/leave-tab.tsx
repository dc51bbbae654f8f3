import { PaperClipOutlined } from '@ant-design/icons';
import {
  type ClassView,
  LEAVE_STATUSES,
  type LeaveRequestView,
  type LeaveStandingItem,
  type LeaveStatus,
} from '@ganxun/domain';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { formatDate } from '../../components/format';
import { useFixedColumns } from '../../components/responsive';
import { useClassLeave, useDecideLeave, useLeaveSettings, useLeaveStanding } from './api';
import { chinaTime, hoursText, LeaveStatusTag, percent, StandingTag } from './standing';
import './leave.css';

const RANK = { ok: 0, warning: 1, limit: 2 } as const;

/** Trainees at the limit first, then at the warning, then by leave taken and asked for. */
function sortStanding(items: LeaveStandingItem[]): LeaveStandingItem[] {
  return [...items].sort(
    (a, b) =>
      RANK[b.standing.level] - RANK[a.standing.level] ||
      b.standing.approvedHours + b.pendingHours - (a.standing.approvedHours + a.pendingHours),
  );
}

type Pending = { request: LeaveRequestView; decision: 'approve' | 'reject' };

/** What a request covers, in a line: its days, or its items. */
export function coverText(r: LeaveRequestView, t: TFunction): string {
  if (r.kind === 'days' && r.days)
    return `${r.days.map(formatDate).join('、')}（${t('leave.itemsCount', { count: r.items.length })}）`;
  return r.items.map((i) => `${chinaTime(i.startsAt)} ${i.title}`).join('；');
}

/** The class page's 请假 tab: the requests to decide, and every trainee's standing against 1/7. */
export function LeaveTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fixed = useFixedColumns();
  const [status, setStatus] = useState<LeaveStatus | 'all'>('pending');
  const list = useClassLeave(cls.id, status === 'all' ? undefined : status);
  const standing = useLeaveStanding(cls.id);
  const settings = useLeaveSettings();
  const decide = useDecideLeave();
  const [pending, setPending] = useState<Pending | null>(null);
  const [form] = Form.useForm<{ comment: string }>();

  const open = (request: LeaveRequestView, decision: Pending['decision']) => {
    form.resetFields();
    setPending({ request, decision });
  };

  const confirm = async () => {
    if (!pending) return;
    const { comment } = form.getFieldsValue();
    try {
      await decide.mutateAsync({
        id: pending.request.id,
        body: { decision: pending.decision, comment: comment?.trim() ? comment.trim() : null },
      });
      void message.success(t(pending.decision === 'approve' ? 'leave.tab.approved' : 'leave.tab.rejected'));
      setPending(null);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      if (unmatched.length || !(error instanceof ApiError && error.fields.length > 0)) {
        void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
      }
    }
  };

  const share = settings.data ? `1/${Math.round((1 / settings.data.maxLeaveShare) * 100) / 100}` : '1/7';

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('leave.tab.requests')}
        extra={
          <Segmented<LeaveStatus | 'all'>
            value={status}
            onChange={setStatus}
            options={[
              ...LEAVE_STATUSES.map((s) => ({ value: s, label: t(`leave.status.${s}`) })),
              { value: 'all' as const, label: t('leave.tab.all') },
            ]}
            data-testid="leave-status-filter"
          />
        }
      >
        <Table<LeaveRequestView>
          size="small"
          rowKey="id"
          data-testid="leave-table"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1100 }}
          locale={{ emptyText: list.isError ? errorText(list.error, t) : t('leave.tab.empty') }}
          onRow={(r) => ({ 'data-testid': 'leave-row', 'data-status': r.status }) as object}
          columns={[
            {
              title: t('leave.tab.trainee'),
              key: 'trainee',
              width: 140,
              fixed: fixed.left,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{r.trainee.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.trainee.unitName ?? ''}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('leave.tab.items'),
              key: 'items',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`leave.kind.${r.kind}`)}
                  </Typography.Text>
                  <Typography.Text style={{ fontSize: 13 }}>{coverText(r, t)}</Typography.Text>
                </Space>
              ),
            },
            { title: t('leave.tab.hours'), key: 'hours', width: 70, render: (_, r) => hoursText(r.hours) },
            {
              title: t('leave.tab.reason'),
              dataIndex: 'reason',
              width: 180,
              render: (reason: string, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Paragraph ellipsis={{ rows: 2, tooltip: reason }} style={{ margin: 0 }}>
                    {reason}
                  </Typography.Paragraph>
                  {r.attachment ? (
                    <a
                      href={`${API_BASE}/leave-requests/${r.id}/attachment`}
                      target="_blank"
                      rel="noreferrer"
                      data-testid="leave-attachment"
                    >
                      <PaperClipOutlined /> {r.attachment.name}
                    </a>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('leave.tab.status'),
              key: 'status',
              width: 150,
              render: (_, r) => (
                <Space direction="vertical" size={2}>
                  <LeaveStatusTag status={r.status} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('leave.levels', {
                      done: r.decisions.filter((d) => d.decision === 'approve').length,
                      required: r.levelsRequired,
                    })}
                  </Typography.Text>
                  {r.decisions.map((d) => (
                    <Typography.Text key={d.level} type="secondary" style={{ fontSize: 12 }}>
                      {t('leave.levelN', { n: d.level })} {d.decidedBy.name}{' '}
                      {t(`leave.decision.${d.decision}`)}
                      {d.comment ? `：${d.comment}` : ''}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
            {
              title: t('leave.tab.standing'),
              key: 'standing',
              width: 150,
              render: (_, r) => (
                <Space direction="vertical" size={2}>
                  <StandingTag standing={r.standing} />
                  {r.status === 'pending' && r.standing.projectedLevel !== r.standing.level ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('leave.tab.projected', {
                        level: t(`leave.level.${r.standing.projectedLevel}`),
                        ratio: percent(r.standing.projectedRatio),
                      })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('leave.tab.actions'),
              key: 'actions',
              width: 150,
              fixed: fixed.right,
              render: (_, r) =>
                r.canDecide ? (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => open(r, 'approve')}
                      data-testid="leave-approve"
                    >
                      {t('leave.tab.approve')}
                    </Button>
                    <Button size="small" danger onClick={() => open(r, 'reject')} data-testid="leave-reject">
                      {t('leave.tab.reject')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('leave.tab.standingTitle', { share })}>
        <Table<LeaveStandingItem>
          size="small"
          rowKey="enrollmentId"
          data-testid="leave-standing"
          loading={standing.isPending}
          dataSource={sortStanding(standing.data?.items ?? [])}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          locale={{ emptyText: standing.isError ? errorText(standing.error, t) : t('leave.tab.noStanding') }}
          rowClassName={(r) => `gx-leave-${r.standing.level}`}
          onRow={(r) => ({ 'data-testid': 'leave-standing-row', 'data-level': r.standing.level }) as object}
          columns={[
            {
              title: t('leave.tab.trainee'),
              key: 'name',
              render: (_, r) => (
                <Space size={4}>
                  <Typography.Text strong={r.standing.level !== 'ok'}>{r.trainee.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.trainee.unitName ?? ''}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('leave.tab.approvedHours'),
              key: 'approved',
              width: 100,
              render: (_, r) => hoursText(r.standing.approvedHours),
            },
            {
              title: t('leave.tab.pendingHours'),
              key: 'pending',
              width: 100,
              render: (_, r) => hoursText(r.pendingHours),
            },
            {
              title: t('leave.tab.allowance'),
              key: 'allowance',
              width: 100,
              render: (_, r) => hoursText(r.standing.allowanceHours),
            },
            {
              title: t('leave.tab.standing'),
              key: 'level',
              width: 150,
              render: (_, r) => <StandingTag standing={r.standing} />,
            },
          ]}
        />
      </Card>

      <Modal
        open={pending !== null}
        title={pending?.decision === 'reject' ? t('leave.tab.rejectTitle') : t('leave.tab.approveTitle')}
        onCancel={() => setPending(null)}
        onOk={() => void confirm()}
        okText={t('leave.tab.confirm')}
        okButtonProps={
          {
            danger: pending?.decision === 'reject',
            loading: decide.isPending,
            'data-testid': 'leave-confirm',
          } as ButtonProps
        }
        destroyOnHidden
      >
        {pending ? (
          <Typography.Paragraph>
            {pending.request.trainee.name} · {hoursText(pending.request.hours)} ·{' '}
            {coverText(pending.request, t)}
          </Typography.Paragraph>
        ) : null}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="comment"
            label={t('leave.tab.comment')}
            extra={t('leave.tab.commentHint')}
            rules={
              pending?.decision === 'reject'
                ? [{ required: true, whitespace: true, message: t('validation.required') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="leave-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
