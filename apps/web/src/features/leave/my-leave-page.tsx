import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { chinaDay, type LeaveRequestView, type LeaveStandingView, type MyClassView } from '@ganxun/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Segmented,
  Select,
  Skeleton,
  Space,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import {
  uploadLeaveAttachment,
  useAskLeave,
  useCancelLeave,
  useMyClassesForLeave,
  useMyLeave,
  useMySessions,
} from './api';
import { coverText } from './leave-tab';
import { chinaHm, chinaTime, hoursText, LeaveStatusTag, StandingTag } from './standing';
import './leave.css';

type Mode = 'sessions' | 'days';
interface FormValues {
  classId: string;
  mode: Mode;
  sessionIds?: string[];
  days?: string[];
  reason: string;
}

const OVER = new Set(['completed', 'archived', 'cancelled']);

/** Classes a trainee may ask leave in: enrolled, not over. */
function currentClasses(items: MyClassView[]): MyClassView[] {
  return items.filter((c) => c.enrollmentStatus === 'enrolled' && !OVER.has(c.classStatus));
}

/** The China days from `start` to `end` (inclusive), at most 60. */
function daysBetween(start: string | null, end: string | null): string[] {
  if (!start) return [];
  const out: string[] = [];
  let d = dayjs(start);
  const last = dayjs(end ?? start);
  while (!d.isAfter(last) && out.length < 60) {
    out.push(d.format('YYYY-MM-DD'));
    d = d.add(1, 'day');
  }
  return out;
}

function StandingNote({ standing, pending }: { standing: LeaveStandingView; pending: boolean }) {
  const { t } = useTranslation();
  const text = t('leave.my.standing', {
    approved: hoursText(standing.approvedHours),
    allowance: hoursText(standing.allowanceHours),
  });
  const level = standing.projectedLevel;
  if (level === 'ok') return <Typography.Text type="secondary">{text}</Typography.Text>;
  return (
    <Alert
      type={level === 'limit' ? 'error' : 'warning'}
      showIcon
      message={text}
      description={t(
        pending
          ? level === 'limit'
            ? 'leave.my.ifApprovedLimit'
            : 'leave.my.ifApprovedWarning'
          : level === 'limit'
            ? 'leave.my.standingLimit'
            : 'leave.my.standingWarning',
      )}
      data-testid="leave-standing-note"
    />
  );
}

function RequestCard({ r }: { r: LeaveRequestView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const cancel = useCancelLeave();
  return (
    <Card size="small" data-testid="leave-card" data-status={r.status}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text strong>{r.className}</Typography.Text>
          <LeaveStatusTag status={r.status} />
        </Flex>
        <Typography.Text>
          {t(`leave.kind.${r.kind}`)} · {t('leave.hours', { hours: hoursText(r.hours) })}
          {r.levelsRequired === 2 ? ` · ${t('leave.twoLevels')}` : ''}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {coverText(r, t)}
        </Typography.Text>
        <Typography.Paragraph style={{ margin: 0 }}>{r.reason}</Typography.Paragraph>
        {r.attachment ? (
          <a href={`${API_BASE}/leave-requests/${r.id}/attachment`} target="_blank" rel="noreferrer">
            <PaperClipOutlined /> {r.attachment.name}
          </a>
        ) : null}
        {r.decisions.map((d) => (
          <Typography.Text key={d.level} style={{ fontSize: 13 }}>
            {t('leave.my.decidedBy', { name: d.decidedBy.name, level: t('leave.levelN', { n: d.level }) })}：
            {t(`leave.decision.${d.decision}`)}
            {d.comment ? ` — ${d.comment}` : ''}
          </Typography.Text>
        ))}
        {r.status === 'pending' || r.status === 'approved' ? (
          <StandingNote standing={r.standing} pending={r.status === 'pending'} />
        ) : null}
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('leave.my.requestedAt', { at: formatDateTime(r.createdAt) })}
          </Typography.Text>
          {r.canCancel ? (
            <Popconfirm
              title={t('leave.my.cancelConfirm')}
              onConfirm={async () => {
                try {
                  await cancel.mutateAsync(r.id);
                  void message.success(t('leave.my.cancelled'));
                } catch (error) {
                  void message.error(errorText(error, t));
                }
              }}
            >
              <Button size="small" danger loading={cancel.isPending} data-testid="leave-cancel">
                {t('leave.my.cancel')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

function LeaveForm({ classes, onDone }: { classes: MyClassView[]; onDone: (v: LeaveRequestView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const ask = useAskLeave();
  const sessions = useMySessions(true);
  const [file, setFile] = useState<{ id: string; name: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const classId = Form.useWatch('classId', form);
  const mode = Form.useWatch('mode', form) ?? 'sessions';
  const cls = classes.find((c) => c.classId === classId);
  const only = classes.length === 1 ? classes[0]?.classId : undefined;
  useEffect(() => {
    if (only && !form.getFieldValue('classId')) form.setFieldValue('classId', only);
  }, [only, form]);

  const items = useMemo(
    () =>
      (sessions.data?.items ?? [])
        .filter((i) => i.class.id === classId)
        .map((i) => i.session)
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    [sessions.data, classId],
  );
  const perDay = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of items) m.set(chinaDay(s.startsAt), (m.get(chinaDay(s.startsAt)) ?? 0) + 1);
    return m;
  }, [items]);
  const days = cls ? daysBetween(cls.startDate, cls.endDate) : [];

  const submit = async (v: FormValues) => {
    try {
      const view = await ask.mutateAsync({
        classId: v.classId,
        ...(v.mode === 'days' ? { days: v.days ?? [] } : { sessionIds: v.sessionIds ?? [] }),
        reason: v.reason,
        attachmentFileId: file?.id ?? null,
      });
      void message.success(t('leave.my.submitted'));
      onDone(view);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const required = { required: true, message: t('validation.required') };
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ mode: 'sessions' }}
      onFinish={submit}
    >
      <Form.Item name="classId" label={t('leave.my.class')} rules={[required]}>
        <Select
          data-testid="leave-class"
          options={classes.map((c) => ({ value: c.classId, label: `${c.name}（${c.code}）` }))}
        />
      </Form.Item>
      <Form.Item name="mode" label={t('leave.my.mode')}>
        <Segmented<Mode>
          block
          data-testid="leave-mode"
          options={[
            { value: 'sessions', label: t('leave.kind.sessions') },
            { value: 'days', label: t('leave.kind.days') },
          ]}
        />
      </Form.Item>
      {mode === 'sessions' ? (
        <Form.Item
          name="sessionIds"
          label={t('leave.my.items')}
          rules={[{ required: true, type: 'array', min: 1, message: t('leave.my.pickItems') }]}
        >
          {sessions.isPending && classId ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : items.length === 0 ? (
            <Typography.Text type="secondary">{classId ? t('leave.my.noItems') : ''}</Typography.Text>
          ) : (
            <Checkbox.Group className="gx-leave-checks">
              {items.map((s) => (
                <Checkbox key={s.id} value={s.id} data-testid="leave-item">
                  <span className="gx-leave-check-time">
                    {chinaTime(s.startsAt)}–{chinaHm(s.endsAt)}
                  </span>{' '}
                  {s.title} <Typography.Text type="secondary">({hoursText(s.hours)})</Typography.Text>
                </Checkbox>
              ))}
            </Checkbox.Group>
          )}
        </Form.Item>
      ) : (
        <Form.Item
          name="days"
          label={t('leave.my.days')}
          rules={[{ required: true, type: 'array', min: 1, message: t('leave.my.pickDays') }]}
        >
          <Checkbox.Group className="gx-leave-checks">
            {days.map((d) => (
              <Checkbox key={d} value={d} disabled={!perDay.get(d)} data-testid="leave-day">
                {d}{' '}
                <Typography.Text type="secondary">
                  {t('leave.itemsCount', { count: perDay.get(d) ?? 0 })}
                </Typography.Text>
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      )}
      <Form.Item name="reason" label={t('leave.my.reason')} rules={[{ ...required, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="leave-reason" />
      </Form.Item>
      <Form.Item label={t('leave.my.attachment')}>
        <Upload
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          maxCount={1}
          showUploadList={false}
          customRequest={async ({ file: raw }) => {
            setUploading(true);
            try {
              const view = await uploadLeaveAttachment(raw as File);
              setFile({ id: view.id, name: view.name });
            } catch (error) {
              void message.error(errorText(error, t));
            } finally {
              setUploading(false);
            }
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading} data-testid="leave-file">
            {t('leave.my.upload')}
          </Button>
        </Upload>
        {file ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {t('leave.my.uploaded', { name: file.name })}
          </Typography.Text>
        ) : null}
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={ask.isPending}
        data-testid="leave-submit"
      >
        {t('leave.my.submit')}
      </Button>
    </Form>
  );
}

/** /my-leave: the trainee's leave requests as cards, and a form to ask for leave (phone first). */
export default function MyLeavePage() {
  const { t } = useTranslation();
  const mine = useMyLeave();
  const myClasses = useMyClassesForLeave();
  const [open, setOpen] = useState(false);
  const [last, setLast] = useState<LeaveRequestView | null>(null);
  const classes = currentClasses(myClasses.data?.items ?? []);

  return (
    <div className="gx-leave-phone">
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('leave.my.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setOpen(true)}
          disabled={!myClasses.isPending && classes.length === 0}
          data-testid="leave-new"
        >
          {t('leave.my.new')}
        </Button>
      </Flex>
      {!myClasses.isPending && classes.length === 0 ? (
        <Typography.Text type="secondary">{t('leave.my.noClasses')}</Typography.Text>
      ) : null}
      {last ? (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setLast(null)}
          message={t('leave.my.submitted')}
          description={
            <Space direction="vertical" size={4}>
              <span>
                {t('leave.hours', { hours: hoursText(last.hours) })} ·{' '}
                <StandingTag standing={last.standing} projected />
              </span>
              <StandingNote standing={last.standing} pending={last.status === 'pending'} />
            </Space>
          }
          data-testid="leave-submitted"
        />
      ) : null}
      {mine.isPending ? (
        <Skeleton active />
      ) : mine.isError ? (
        <Typography.Text type="danger">{errorText(mine.error, t)}</Typography.Text>
      ) : (mine.data?.items ?? []).length === 0 ? (
        <Empty description={t('leave.my.empty')} />
      ) : (
        (mine.data?.items ?? []).map((r) => <RequestCard key={r.id} r={r} />)
      )}
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('leave.my.formTitle')}
        placement="bottom"
        height="90%"
        destroyOnHidden
      >
        <LeaveForm
          classes={classes}
          onDone={(v) => {
            setLast(v);
            setOpen(false);
          }}
        />
      </Drawer>
    </div>
  );
}
