import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  ASSESSMENT_GRADES,
  ASSESSMENT_KINDS,
  type AssessmentGrade,
  type AssessmentKind,
  type AssessmentView,
  SECONDMENT_LOG_KINDS,
  type SecondmentChangeView,
  type SecondmentDetailView,
  type SecondmentLogKind,
  type SecondmentLogView,
} from '@ganxun/domain';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useAddAssessment, useDecideChange, useDeleteLog, useSaveLog, useWithdrawChange } from './api';
import { GRADE_COLOR, type Translate, today } from './parts';

const dateProps = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

const CHANGE_COLOR: Record<SecondmentChangeView['status'], string> = {
  pending: 'processing',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

// Change requests ---------------------------------------------------------------------------------

export function PendingChange({ s, c }: { s: SecondmentDetailView; c: SecondmentChangeView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const decide = useDecideChange();
  const withdraw = useWithdrawChange();
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [comment, setComment] = useState('');

  const send = async () => {
    if (!deciding) return;
    try {
      await decide.mutateAsync({
        id: s.id,
        changeId: c.id,
        decision: deciding,
        comment: comment.trim() || null,
      });
      void message.success(t('secondments.change.decided'));
      setDeciding(null);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Card
      size="small"
      type="inner"
      title={
        <Flex gap={8} align="center" wrap>
          {t('secondments.change.pending')}
          <Tag color="processing">{t(`secondments.change.kinds.${c.kind}`)}</Tag>
        </Flex>
      }
      data-testid="secondment-change-pending"
      style={{ borderColor: '#faad14' }}
    >
      <Flex vertical gap={4}>
        <Typography.Text>
          {c.previousEnd} → <b>{c.newEnd}</b>
        </Typography.Text>
        <Typography.Text>{c.reason}</Typography.Text>
        <Typography.Text type="secondary">
          {t('secondments.change.requestedBy', { name: c.requestedBy, at: formatDateTime(c.requestedAt) })}
        </Typography.Text>
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {c.canDecide ? (
            <>
              <Button
                type="primary"
                onClick={() => setDeciding('approve')}
                data-testid="secondment-change-approve"
              >
                {t('secondments.change.approve')}
              </Button>
              <Button danger onClick={() => setDeciding('reject')} data-testid="secondment-change-reject">
                {t('secondments.change.reject')}
              </Button>
            </>
          ) : c.canWithdraw ? (
            <Popconfirm
              title={t('secondments.change.withdraw')}
              onConfirm={async () => {
                try {
                  await withdraw.mutateAsync({ id: s.id, changeId: c.id });
                  void message.success(t('secondments.change.withdrawn'));
                } catch (error) {
                  void message.error(errorText(error, t));
                }
              }}
            >
              <Button loading={withdraw.isPending} data-testid="secondment-change-withdraw">
                {t('secondments.change.withdraw')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      </Flex>
      <Modal
        open={!!deciding}
        title={deciding ? t(`secondments.change.${deciding}`) : ''}
        onCancel={() => setDeciding(null)}
        onOk={send}
        okButtonProps={
          {
            loading: decide.isPending,
            danger: deciding === 'reject',
            'data-testid': 'secondment-change-decide',
          } as ButtonProps
        }
        destroyOnHidden
      >
        <Typography.Paragraph>
          {t(`secondments.change.kinds.${c.kind}`)}: {c.previousEnd} → {c.newEnd}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('secondments.change.comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="secondment-change-comment"
        />
      </Modal>
    </Card>
  );
}

/** The history of changes (the pending one stands above, on the page). */
export function ChangesPanel({ s }: { s: SecondmentDetailView }) {
  const { t } = useTranslation();
  const done = s.changes.filter((c) => c.status !== 'pending');
  if (done.length === 0) return <Empty description={t('secondments.change.none')} />;
  return (
    <Flex vertical data-testid="secondment-change-history" className="gx-secondment-list">
      {done.map((c) => (
        <Flex vertical gap={2} key={c.id} className="gx-secondment-item" data-testid="secondment-change">
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>{t(`secondments.change.kinds.${c.kind}`)}</Typography.Text>
            <Typography.Text>
              {c.previousEnd} → {c.newEnd}
            </Typography.Text>
            <Tag color={CHANGE_COLOR[c.status]}>{t(`secondments.change.statuses.${c.status}`)}</Tag>
          </Flex>
          <Typography.Text>{c.reason}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('secondments.change.requestedBy', {
              name: c.requestedBy,
              at: formatDateTime(c.requestedAt),
            })}
          </Typography.Text>
          {c.decidedBy ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('secondments.change.decidedBy', { name: c.decidedBy, at: formatDateTime(c.decidedAt) })}
              {c.comment ? ` — ${c.comment}` : ''}
            </Typography.Text>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}

// Work log ----------------------------------------------------------------------------------------

interface LogValues {
  kind: SecondmentLogKind;
  date: string;
  title: string;
  content?: string;
}

/** The form of a log entry (also the secondee's phone form). */
export function LogForm({
  secondmentId,
  log,
  onDone,
  submitLabel,
}: {
  secondmentId: string;
  log: SecondmentLogView | null;
  onDone: () => void;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LogValues>();
  const save = useSaveLog();
  const submit = async (v: LogValues) => {
    try {
      await save.mutateAsync({
        id: secondmentId,
        logId: log?.id,
        kind: v.kind,
        date: v.date,
        title: v.title.trim(),
        content: v.content?.trim() ?? '',
      });
      void message.success(t('secondments.log.saved'));
      onDone();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <Form<LogValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      initialValues={
        log
          ? { kind: log.kind, date: log.date, title: log.title, content: log.content }
          : { kind: 'work', date: today() }
      }
      data-testid="secondment-log-form"
    >
      <Form.Item name="kind" label={t('secondments.log.kind')}>
        <Segmented<SecondmentLogKind>
          block
          options={SECONDMENT_LOG_KINDS.map((k) => ({ value: k, label: t(`secondments.log.kinds.${k}`) }))}
          data-testid="secondment-log-kind"
        />
      </Form.Item>
      <Form.Item name="date" label={t('secondments.log.date')} rules={[required]} {...dateProps}>
        <DatePicker style={{ width: '100%' }} inputReadOnly data-testid="secondment-log-date" />
      </Form.Item>
      <Form.Item name="title" label={t('secondments.log.title')} rules={[required]}>
        <Input maxLength={100} data-testid="secondment-log-title" />
      </Form.Item>
      <Form.Item name="content" label={t('secondments.log.content')}>
        <Input.TextArea rows={6} maxLength={5000} showCount data-testid="secondment-log-content" />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={save.isPending}
        data-testid="secondment-log-submit"
      >
        {submitLabel ?? t('common.save')}
      </Button>
    </Form>
  );
}

/** A list of log entries, newest first; `editable` adds edit and delete (the server checks the author). */
export function LogList({
  secondmentId,
  logs,
  editable,
  onEdit,
}: {
  secondmentId: string;
  logs: SecondmentLogView[];
  editable: boolean;
  onEdit?: (log: SecondmentLogView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeleteLog();
  const sorted = [...logs].sort(
    (a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt),
  );
  if (sorted.length === 0) return <Empty description={t('secondments.log.empty')} />;
  return (
    <Flex vertical data-testid="secondment-logs" className="gx-secondment-list">
      {sorted.map((log) => (
        <Flex
          key={log.id}
          justify="space-between"
          align="flex-start"
          gap={8}
          className="gx-secondment-item"
          data-testid="secondment-log"
        >
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Flex gap={8} align="center" wrap>
              <Tag color={log.kind === 'achievement' ? 'gold' : 'blue'}>
                {t(`secondments.log.kinds.${log.kind}`)}
              </Tag>
              <Typography.Text strong>{log.title}</Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {log.date} · {t('secondments.log.by', { name: log.createdBy })}
            </Typography.Text>
            {log.content ? (
              <Typography.Paragraph className="gx-secondment-log-content">{log.content}</Typography.Paragraph>
            ) : null}
          </Flex>
          {editable ? (
            <Flex gap={4}>
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => onEdit?.(log)}
                data-testid="secondment-log-edit"
              />
              <Popconfirm
                title={t('secondments.log.deleteConfirm')}
                onConfirm={async () => {
                  try {
                    await remove.mutateAsync({ id: secondmentId, logId: log.id });
                    void message.success(t('secondments.log.deleted'));
                  } catch (error) {
                    void message.error(errorText(error, t));
                  }
                }}
              >
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  data-testid="secondment-log-delete"
                />
              </Popconfirm>
            </Flex>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}

/** 工作日志与成效: the entries with add and edit in a modal. */
export function LogsPanel({ s }: { s: SecondmentDetailView }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<SecondmentLogView | 'new' | null>(null);
  return (
    <>
      {s.canLog ? (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="secondment-log-add">
            {t('secondments.log.add')}
          </Button>
        </Flex>
      ) : null}
      <LogList secondmentId={s.id} logs={s.logs} editable={s.canLog} onEdit={(log) => setEditing(log)} />
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('secondments.log.add') : t('secondments.log.edit')}
        onCancel={() => setEditing(null)}
        footer={null}
        destroyOnHidden
      >
        {editing ? (
          <LogForm
            secondmentId={s.id}
            log={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Modal>
    </>
  );
}

// Assessments -------------------------------------------------------------------------------------

interface AssessmentValues {
  kind: AssessmentKind;
  year?: number;
  grade: AssessmentGrade;
  comment?: string;
}

/** 考核: annual and final assessments with grade tags; staff who edit add them. */
export function AssessmentsPanel({ s }: { s: SecondmentDetailView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useAddAssessment();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<AssessmentValues>();
  const kind = Form.useWatch('kind', form);

  const submit = async (v: AssessmentValues) => {
    try {
      await add.mutateAsync({
        id: s.id,
        kind: v.kind,
        ...(v.kind === 'annual' ? { year: v.year } : {}),
        grade: v.grade,
        comment: v.comment?.trim() || null,
      });
      void message.success(t('secondments.assessment.saved'));
      setOpen(false);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const a = 'secondments.assessment';
  return (
    <>
      {s.canEdit ? (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setOpen(true);
            }}
            data-testid="secondment-assessment-add"
          >
            {t(`${a}.add`)}
          </Button>
        </Flex>
      ) : null}
      <Table<AssessmentView>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={[...s.assessments].sort((x, y) => x.year - y.year)}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${a}.empty`)} /> }}
        data-testid="secondment-assessments"
        columns={[
          { title: t(`${a}.kind`), key: 'kind', render: (_, r) => t(`${a}.kinds.${r.kind}`) },
          { title: t(`${a}.year`), dataIndex: 'year', key: 'year' },
          {
            title: t(`${a}.grade`),
            key: 'grade',
            render: (_, r) => <Tag color={GRADE_COLOR[r.grade]}>{t(`${a}.grades.${r.grade}`)}</Tag>,
          },
          { title: t(`${a}.comment`), key: 'comment', render: (_, r) => r.comment ?? '—' },
          {
            title: t(`${a}.by`),
            key: 'by',
            render: (_, r) => `${r.assessedBy} · ${formatDateTime(r.assessedAt).slice(0, 10)}`,
          },
        ]}
      />
      <Modal
        open={open}
        title={t(`${a}.add`)}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={
          { loading: add.isPending, 'data-testid': 'secondment-assessment-submit' } as ButtonProps
        }
        forceRender
      >
        <Form<AssessmentValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ kind: 'annual', year: Number(today().slice(0, 4)) }}
        >
          <Form.Item name="kind" label={t(`${a}.kind`)}>
            <Segmented<AssessmentKind>
              options={ASSESSMENT_KINDS.map((k) => ({ value: k, label: t(`${a}.kinds.${k}`) }))}
              data-testid="secondment-assessment-kind"
            />
          </Form.Item>
          {kind !== 'final' ? (
            <Form.Item
              name="year"
              label={t(`${a}.year`)}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <InputNumber min={1949} max={2100} precision={0} data-testid="secondment-assessment-year" />
            </Form.Item>
          ) : null}
          <Form.Item
            name="grade"
            label={t(`${a}.grade`)}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              options={ASSESSMENT_GRADES.map((g) => ({ value: g, label: t(`${a}.grades.${g}`) }))}
              data-testid="secondment-assessment-grade"
            />
          </Form.Item>
          <Form.Item name="comment" label={t(`${a}.comment`)}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

// Talks -------------------------------------------------------------------------------------------

/** 座谈交流: the talks the secondee took part in. */
export function TalksPanel({ s }: { s: SecondmentDetailView }) {
  const { t } = useTranslation();
  if (s.talks.length === 0) return <Empty description={t('secondments.talk.empty')} />;
  return (
    <Flex vertical data-testid="secondment-talks" className="gx-secondment-list">
      {[...s.talks]
        .sort((a, b) => b.date.localeCompare(a.date))
        .map((talk) => (
          <Flex vertical gap={2} key={talk.id} className="gx-secondment-item" style={{ minWidth: 0 }}>
            <Typography.Text strong>
              {talk.date} · {talk.title}
            </Typography.Text>
            {talk.location ? (
              <Typography.Text type="secondary">
                {t('secondments.talk.location')}：{talk.location}
              </Typography.Text>
            ) : null}
            {talk.participants ? (
              <Typography.Text type="secondary">
                {t('secondments.talk.participants')}：{talk.participants}
              </Typography.Text>
            ) : null}
            {talk.secondees.length ? (
              <Typography.Text type="secondary">
                {t('secondments.talk.secondees')}：{talk.secondees.map((x) => x.personName).join('、')}
              </Typography.Text>
            ) : null}
            {talk.notes ? (
              <Typography.Paragraph className="gx-secondment-log-content">{talk.notes}</Typography.Paragraph>
            ) : null}
          </Flex>
        ))}
    </Flex>
  );
}

// Timeline ----------------------------------------------------------------------------------------

const EVENT_COLOR: Record<string, string> = {
  created: 'green',
  started: 'green',
  completed: 'blue',
  cancelled: 'red',
  change_requested: 'orange',
  change_approved: 'green',
  change_rejected: 'red',
  change_withdrawn: 'gray',
  assessed: 'purple',
  log_added: 'blue',
  talk: 'cyan',
};

/** A short line from an event's detail: new end, reason, title, grade. */
function eventDetail(detail: Record<string, unknown>, t: Translate): string[] {
  const out: string[] = [];
  const str = (k: string) => (typeof detail[k] === 'string' && detail[k] ? (detail[k] as string) : null);
  const kind = str('kind');
  if (kind && ['extension', 'early_end'].includes(kind)) out.push(t(`secondments.change.kinds.${kind}`));
  if (kind && ['annual', 'final'].includes(kind)) out.push(t(`secondments.assessment.kinds.${kind}`));
  const year = detail.year;
  if (typeof year === 'number') out.push(String(year));
  const grade = str('grade');
  if (grade && (ASSESSMENT_GRADES as readonly string[]).includes(grade))
    out.push(t(`secondments.assessment.grades.${grade}`));
  const newEnd = str('newEnd');
  if (newEnd) out.push(`${t('secondments.change.newEnd')} ${newEnd}`);
  const title = str('title');
  if (title) out.push(title);
  const reason = str('reason');
  if (reason) out.push(t('secondments.timeline.reason', { reason }));
  const comment = str('comment');
  if (comment) out.push(`${t('secondments.change.comment')}：${comment}`);
  return out;
}

/** The term's timeline: created, started, changes, assessments, logs, talks, ended. */
export function SecondmentTimeline({ s }: { s: SecondmentDetailView }) {
  const { t, i18n } = useTranslation();
  if (s.events.length === 0) return <Empty description={t('secondments.timeline.empty')} />;
  // In the order they happened; an event's own day (start, return, new end, talk) shows by its name.
  const events = [...s.events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      data-testid="secondment-timeline"
      items={events.map((e) => {
        const key = `secondments.timeline.kinds.${e.kind}`;
        const lines = eventDetail(e.detail, t as unknown as Translate);
        return {
          key: e.id,
          color: EVENT_COLOR[e.kind] ?? 'gray',
          content: (
            <Flex vertical gap={2}>
              <Flex gap={8} wrap align="baseline">
                <Typography.Text strong>
                  {i18n.exists(key) ? t(key as 'secondments.title') : e.kind}
                </Typography.Text>
                {e.date ? <Typography.Text>{e.date}</Typography.Text> : null}
              </Flex>
              {lines.length ? <Typography.Text>{lines.join(' · ')}</Typography.Text> : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.actorName ?? t('secondments.timeline.system')} · {formatDateTime(e.at)}
              </Typography.Text>
            </Flex>
          ),
        };
      })}
    />
  );
}
