import {
  CheckCircleOutlined,
  DownloadOutlined,
  FileTextOutlined,
  PaperClipOutlined,
} from '@ant-design/icons';
import {
  type ClassView,
  type CompletionRules,
  type CompletionView,
  type ConfirmCompletionView,
  REFLECTION_GRADES,
  type ReflectionGrade,
  type ReflectionRowView,
} from '@ganxun/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../api/client';
import { errorText, useNotifyError } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useFixedColumns } from '../../components/responsive';
import {
  reflectionFilePath,
  useClearOverride,
  useCompletion,
  useConfirmCompletion,
  useGradeReflection,
  useOverride,
  useReflection,
  useReflections,
  useSaveRules,
} from './api';
import { formatHours, formatPercent, GRADE_COLOR, ReasonTags, refusalText } from './reasons';

/** A class's completion (结业) for its runners: rules, each trainee with open reasons, overrides, confirmation, reflections. */
export function CompletionTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const completion = useCompletion(cls.id);
  if (completion.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (completion.error)
    return <Typography.Text type="danger">{errorText(completion.error, t)}</Typography.Text>;
  const view = completion.data;
  return (
    <Flex vertical gap={16}>
      <RulesCard classId={cls.id} rules={view.rules} />
      <TraineesCard classId={cls.id} view={view} />
      <ReflectionsCard classId={cls.id} />
    </Flex>
  );
}

interface RulesForm {
  minAttendancePercent: number;
  leaveWithinOneSeventh: boolean;
  evaluationsRequired: boolean;
  reflectionRequired: boolean;
  minReflectionGrade: ReflectionGrade;
}

function RulesCard({ classId, rules }: { classId: string; rules: CompletionRules }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RulesForm>();
  const save = useSaveRules(classId);
  const notify = useNotifyError();
  useEffect(() => {
    form.setFieldsValue({
      minAttendancePercent: Math.round(rules.minAttendanceRate * 1000) / 10,
      leaveWithinOneSeventh: rules.leaveWithinOneSeventh,
      evaluationsRequired: rules.evaluationsRequired,
      reflectionRequired: rules.reflectionRequired,
      minReflectionGrade: rules.minReflectionGrade,
    });
  }, [form, rules]);
  const onFinish = async (v: RulesForm) => {
    try {
      await save.mutateAsync({
        minAttendanceRate: Math.round(v.minAttendancePercent * 10) / 1000,
        leaveWithinOneSeventh: v.leaveWithinOneSeventh,
        evaluationsRequired: v.evaluationsRequired,
        reflectionRequired: v.reflectionRequired,
        minReflectionGrade: v.minReflectionGrade,
      });
      void message.success(t('completion.rules.saved'));
    } catch (e) {
      notify(e);
    }
  };
  return (
    <Card size="small" title={t('completion.rules.title')}>
      <Form form={form} layout="inline" onFinish={onFinish} data-testid="completion-rules">
        <Form.Item
          name="minAttendancePercent"
          label={t('completion.rules.minAttendance')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={100} step={5} data-testid="completion-rule-attendance" />
        </Form.Item>
        <Form.Item
          name="leaveWithinOneSeventh"
          label={t('completion.rules.leaveWithinOneSeventh')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name="evaluationsRequired"
          label={t('completion.rules.evaluationsRequired')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name="reflectionRequired"
          label={t('completion.rules.reflectionRequired')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item name="minReflectionGrade" label={t('completion.rules.minReflectionGrade')}>
          <Select
            style={{ width: 110 }}
            options={REFLECTION_GRADES.map((g) => ({ value: g, label: t(`completion.grade.${g}`) }))}
          />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={save.isPending} data-testid="completion-rules-save">
            {t('completion.rules.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function StatusCell({ row }: { row: CompletionView }) {
  const { t } = useTranslation();
  const completed = row.status === 'completed';
  return (
    <Space size={4} wrap>
      <Tag color={completed ? 'success' : 'default'} data-testid="completion-status" data-status={row.status}>
        {t(`completion.status.${row.status}`)}
      </Tag>
      {row.override && (
        <Tooltip
          title={`${row.override.reason}（${row.override.decidedBy.name} ${formatDateTime(row.override.decidedAt)}）`}
        >
          <Tag color="purple">{t('completion.table.overridden')}</Tag>
        </Tooltip>
      )}
      {row.confirmed && (
        <Tooltip title={formatDateTime(row.confirmed.confirmedAt)}>
          <Tag icon={<CheckCircleOutlined />} color={row.confirmed.completed ? 'green' : 'volcano'}>
            {t('completion.table.confirmedAs', {
              status: t(`completion.status.${row.confirmed.completed ? 'completed' : 'not_completed'}`),
            })}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

function TraineesCard({
  classId,
  view,
}: {
  classId: string;
  view: NonNullable<ReturnType<typeof useCompletion>['data']>;
}) {
  const { t } = useTranslation();
  const fixed = useFixedColumns();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const [editing, setEditing] = useState<CompletionView | null>(null);
  const [result, setResult] = useState<ConfirmCompletionView | null>(null);
  const clear = useClearOverride(classId);
  const confirm = useConfirmCompletion(classId);

  const onConfirm = async () => {
    try {
      setResult(await confirm.mutateAsync());
      void message.success(t('completion.confirm.done'));
    } catch (e) {
      void message.error(refusalText(e, t));
    }
  };
  const onClear = async (row: CompletionView) => {
    try {
      await clear.mutateAsync(row.enrollmentId);
      void message.success(t('completion.override.cleared'));
    } catch (e) {
      notify(e);
    }
  };

  const columns: ColumnsType<CompletionView> = [
    {
      title: t('completion.table.name'),
      key: 'name',
      fixed: fixed.left,
      width: 100,
      render: (_, r) => r.trainee.name,
    },
    {
      title: t('completion.table.unit'),
      key: 'unit',
      width: 140,
      render: (_, r) => r.trainee.unitName ?? '',
    },
    {
      title: t('completion.table.attendance'),
      key: 'attendance',
      width: 90,
      render: (_, r) => formatPercent(r.attendanceRate),
    },
    {
      title: t('completion.table.leave'),
      key: 'leave',
      width: 110,
      render: (_, r) =>
        `${formatHours(r.leaveHours)} / ${r.leaveRatio === null ? t('completion.table.none') : formatPercent(r.leaveRatio)}`,
    },
    {
      title: t('completion.table.forms'),
      key: 'forms',
      width: 70,
      render: (_, r) => `${r.evaluationsSubmitted}/${r.evaluationsRequired}`,
    },
    {
      title: t('completion.table.reflection'),
      key: 'reflection',
      width: 90,
      render: (_, r) =>
        r.reflectionGrade ? (
          <Tag color={GRADE_COLOR[r.reflectionGrade]}>{t(`completion.grade.${r.reflectionGrade}`)}</Tag>
        ) : r.reflectionSubmitted ? (
          t('completion.reflections.ungraded')
        ) : (
          t('completion.table.none')
        ),
    },
    {
      title: t('completion.table.status'),
      key: 'status',
      width: 120,
      render: (_, r) => <StatusCell row={r} />,
    },
    {
      title: t('completion.table.reasons'),
      key: 'reasons',
      width: 260,
      render: (_, r) => <ReasonTags reasons={r.reasons} />,
    },
    {
      title: t('completion.table.actions'),
      key: 'actions',
      fixed: fixed.right,
      width: 120,
      render: (_, r) => (
        <Space size={4}>
          <Button
            size="small"
            onClick={() => setEditing(r)}
            disabled={r.reasons.some((x) => x.code === 'withdrawn')}
            data-testid="completion-override"
          >
            {t('completion.table.override')}
          </Button>
          {r.override && (
            <Button
              size="small"
              type="link"
              onClick={() => void onClear(r)}
              data-testid="completion-override-clear"
            >
              {t('completion.table.clearOverride')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('completion.table.title')}
      extra={
        <Popconfirm
          title={t('completion.confirm.title')}
          description={<div style={{ maxWidth: 360 }}>{t('completion.confirm.body')}</div>}
          okText={t('completion.confirm.ok')}
          onConfirm={onConfirm}
          disabled={view.ended === false}
        >
          <Button
            type="primary"
            loading={confirm.isPending}
            disabled={view.ended === false}
            data-testid="completion-confirm"
          >
            {t('completion.confirm.button')}
          </Button>
        </Popconfirm>
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={16} wrap>
          <Typography.Text data-testid="completion-summary">
            {t('completion.table.summary', { completed: view.completed, notCompleted: view.notCompleted })}
          </Typography.Text>
          {view.hours !== undefined && view.hoursSource && (
            <Typography.Text type="secondary">
              {t('completion.table.hours', {
                hours: formatHours(view.hours),
                source: t(`completion.table.hoursSource.${view.hoursSource}`),
              })}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">
            {view.confirmedAt
              ? t('completion.table.confirmedAt', { at: formatDateTime(view.confirmedAt) })
              : t('completion.table.neverConfirmed')}
          </Typography.Text>
        </Flex>
        {view.ended === false && <Alert type="info" showIcon title={t('completion.table.notEnded')} />}
        {result && (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setResult(null) }}
            data-testid="completion-confirm-result"
            title={t('completion.confirm.result', {
              completed: result.completed,
              notCompleted: result.notCompleted,
              issued: result.certificatesIssued,
              revoked: result.certificatesRevoked,
            })}
          />
        )}
        <Table<CompletionView>
          rowKey="enrollmentId"
          size="small"
          columns={columns}
          dataSource={view.items}
          pagination={false}
          scroll={{ x: 1100 }}
          data-testid="completion-table"
          onRow={(r) => ({ 'data-testid': 'completion-row', 'data-person': r.trainee.name }) as object}
        />
      </Flex>
      <OverrideModal classId={classId} row={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

function OverrideModal({
  classId,
  row,
  onClose,
}: {
  classId: string;
  row: CompletionView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ completed: boolean; reason: string }>();
  const save = useOverride(classId);
  useEffect(() => {
    if (row) {
      form.setFieldsValue({
        completed: row.override ? row.override.completed : !row.judgedCompleted,
        reason: row.override?.reason ?? '',
      });
    }
  }, [form, row]);
  const onOk = async () => {
    if (!row) return;
    const v = await form.validateFields();
    try {
      await save.mutateAsync({
        enrollmentId: row.enrollmentId,
        body: { completed: v.completed, reason: v.reason },
      });
      void message.success(t('completion.override.saved'));
      onClose();
    } catch (e) {
      void message.error(refusalText(e, t));
    }
  };
  return (
    <Modal
      open={!!row}
      title={t('completion.override.title', { name: row?.trainee.name ?? '' })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button
          key="ok"
          type="primary"
          loading={save.isPending}
          onClick={onOk}
          data-testid="completion-override-save"
        >
          {t('completion.override.save')}
        </Button>,
      ]}
    >
      {row && row.reasons.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <ReasonTags reasons={row.reasons} />
        </div>
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="completed" label={t('completion.override.completed')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: t('completion.override.yes') },
              { value: false, label: t('completion.override.no') },
            ]}
            data-testid="completion-override-completed"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('completion.override.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              max: 500,
              message: t('completion.override.reasonRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="completion-override-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReflectionsCard({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const list = useReflections(classId);
  const [open, setOpen] = useState<ReflectionRowView | null>(null);
  const columns: ColumnsType<ReflectionRowView> = [
    { title: t('completion.reflections.name'), key: 'name', width: 100, render: (_, r) => r.trainee.name },
    {
      title: t('completion.reflections.unit'),
      key: 'unit',
      width: 160,
      render: (_, r) => r.trainee.unitName ?? '',
    },
    {
      title: t('completion.reflections.submittedAt'),
      key: 'submittedAt',
      width: 150,
      render: (_, r) => formatDateTime(r.updatedAt),
    },
    {
      title: t('completion.reflections.content'),
      key: 'content',
      width: 110,
      render: (_, r) => (
        <Space size={4}>
          {r.hasText && <Tag icon={<FileTextOutlined />}>{t('completion.reflections.text')}</Tag>}
          {r.hasFile && <Tag icon={<PaperClipOutlined />}>{t('completion.reflections.file')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('completion.reflections.grade'),
      key: 'grade',
      width: 90,
      render: (_, r) =>
        r.grade ? (
          <Tag color={GRADE_COLOR[r.grade]}>{t(`completion.grade.${r.grade}`)}</Tag>
        ) : (
          <Tag>{t('completion.reflections.ungraded')}</Tag>
        ),
    },
    {
      title: '',
      key: 'view',
      width: 70,
      render: (_, r) => (
        <Button size="small" type="link" onClick={() => setOpen(r)} data-testid="reflection-view">
          {t('completion.reflections.view')}
        </Button>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={t('completion.reflections.title')}
      extra={
        list.data && (
          <Typography.Text type="secondary">
            {t('completion.reflections.count', {
              submitted: list.data.submitted,
              trainees: list.data.trainees,
            })}
          </Typography.Text>
        )
      }
    >
      {list.error ? (
        <Typography.Text type="danger">{errorText(list.error, t)}</Typography.Text>
      ) : (
        <Table<ReflectionRowView>
          rowKey="id"
          size="small"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 700 }}
          locale={{ emptyText: <Empty description={t('completion.reflections.empty')} /> }}
          data-testid="reflection-list"
          onRow={(r) =>
            ({
              'data-testid': 'reflection-row',
              'data-person': r.trainee.name,
              onClick: () => setOpen(r),
            }) as object
          }
        />
      )}
      <ReflectionDrawer classId={classId} row={open} onClose={() => setOpen(null)} />
    </Card>
  );
}

function ReflectionDrawer({
  classId,
  row,
  onClose,
}: {
  classId: string;
  row: ReflectionRowView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const one = useReflection(classId, row?.id ?? null);
  const grade = useGradeReflection(classId);
  const [form] = Form.useForm<{ grade: ReflectionGrade; comment: string }>();
  const data = one.data;
  useEffect(() => {
    if (data) form.setFieldsValue({ grade: data.grade ?? undefined, comment: data.gradeComment ?? '' });
  }, [form, data]);
  const onSave = async () => {
    if (!row) return;
    const v = await form.validateFields();
    try {
      await grade.mutateAsync({
        id: row.id,
        body: { grade: v.grade, comment: v.comment?.trim() ? v.comment : null },
      });
      void message.success(t('completion.reflections.saved'));
      await one.refetch();
    } catch (e) {
      void message.error(refusalText(e, t));
    }
  };
  return (
    <Drawer
      open={!!row}
      onClose={onClose}
      size="large"
      title={t('completion.reflections.drawerTitle', { name: row?.trainee.name ?? '' })}
      destroyOnHidden
    >
      {one.isPending ? (
        <Skeleton active />
      ) : one.error ? (
        <Typography.Text type="danger">{errorText(one.error, t)}</Typography.Text>
      ) : data ? (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">{formatDateTime(data.updatedAt)}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="reflection-text-shown">
            {data.text || t('completion.reflections.noText')}
          </Typography.Paragraph>
          {data.file && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadFile(reflectionFilePath(classId, data.id), data.file?.name ?? 'reflection').catch(
                  notify,
                )
              }
              data-testid="reflection-download"
            >
              {t('completion.reflections.download')}（{data.file.name}）
            </Button>
          )}
          {data.gradedBy && data.gradedAt && (
            <Typography.Text type="secondary">
              {t('completion.reflections.gradedBy', {
                name: data.gradedBy.name,
                at: formatDateTime(data.gradedAt),
              })}
            </Typography.Text>
          )}
          <Form form={form} layout="vertical">
            <Form.Item
              name="grade"
              label={t('completion.reflections.gradeLabel')}
              rules={[{ required: true }]}
            >
              <Select
                style={{ maxWidth: 200 }}
                options={REFLECTION_GRADES.map((g) => ({ value: g, label: t(`completion.grade.${g}`) }))}
                data-testid="reflection-grade"
              />
            </Form.Item>
            <Form.Item name="comment" label={t('completion.reflections.comment')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="reflection-comment" />
            </Form.Item>
            <Button
              type="primary"
              loading={grade.isPending}
              onClick={onSave}
              data-testid="reflection-grade-save"
            >
              {t('completion.reflections.save')}
            </Button>
          </Form>
        </Flex>
      ) : null}
    </Drawer>
  );
}
