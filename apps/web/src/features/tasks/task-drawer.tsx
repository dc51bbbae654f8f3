import {
  dueDateOf,
  TASK_STATUSES,
  type TaskBody,
  type TaskDue,
  type TaskForceView,
  type TaskStatus,
  type TaskView,
} from '@ganxun/domain';
import { App, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { useDictionaryOptions } from '../classes/api';
import { useCreateTask, useUpdateTask } from './api';

type DueMode = 'none' | 'date' | 'relative';

interface Values {
  title: string;
  mode: DueMode;
  due?: { date?: Dayjs; anchor?: 'start' | 'end'; offsetDays?: number };
  ownerId?: string | null;
  role?: string | null;
  status?: TaskStatus;
  notes?: string | null;
}

function dueOf(values: Values): TaskDue | null {
  if (values.mode === 'date' && values.due?.date)
    return { kind: 'date', date: values.due.date.format('YYYY-MM-DD') };
  if (values.mode === 'relative') {
    return {
      kind: 'relative',
      anchor: values.due?.anchor ?? 'start',
      offsetDays: values.due?.offsetDays ?? 0,
    };
  }
  return null;
}

/** The drawer that adds or edits a task: title, due (a day, or days from the class's start or end), owner. */
export function TaskDrawer({
  force,
  task,
  open,
  onClose,
}: {
  force: TaskForceView;
  /** The task edited; null to add one. */
  task: TaskView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const roles = useDictionaryOptions('task_force_role');
  const create = useCreateTask(force.classId);
  const update = useUpdateTask(force.classId);
  const mode = Form.useWatch('mode', form);
  const anchor = Form.useWatch(['due', 'anchor'], form);
  const offset = Form.useWatch(['due', 'offsetDays'], form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const due = task?.due ?? null;
    form.setFieldsValue({
      title: task?.title ?? '',
      mode: due ? due.kind : 'relative',
      due:
        due?.kind === 'date'
          ? { date: dayjs(due.date), anchor: 'start', offsetDays: -7 }
          : { anchor: due?.anchor ?? 'start', offsetDays: due?.offsetDays ?? -7 },
      ownerId: task?.ownerId ?? null,
      role: task?.role ?? null,
      status: task?.status ?? 'todo',
      notes: task?.notes ?? null,
    });
  }, [open, task, form]);

  const resolved =
    mode === 'relative' && typeof offset === 'number'
      ? dueDateOf({ kind: 'relative', anchor: anchor ?? 'start', offsetDays: offset }, force)
      : null;

  const onFinish = async (values: Values) => {
    const body: TaskBody = {
      title: values.title,
      ownerId: values.ownerId ?? null,
      role: values.role ?? null,
      due: dueOf(values),
      notes: values.notes?.trim() ? values.notes : null,
    };
    try {
      if (task) await update.mutateAsync({ taskId: task.id, body: { ...body, status: values.status } });
      else await create.mutateAsync(body);
      void message.success(t('tasks.saved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(task ? 'tasks.drawer.edit' : 'tasks.drawer.create')}
      width={520}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      saveTestId="tf-task-save"
    >
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="title"
          label={t('tasks.drawer.title')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={200} data-testid="tf-task-title" />
        </Form.Item>
        <Form.Item name="mode" label={t('tasks.drawer.dueKind')}>
          <Radio.Group
            optionType="button"
            data-testid="tf-task-mode"
            options={[
              { value: 'relative', label: t('tasks.drawer.dueRelative') },
              { value: 'date', label: t('tasks.drawer.dueDate') },
              { value: 'none', label: t('tasks.drawer.dueNone') },
            ]}
          />
        </Form.Item>
        {mode === 'date' ? (
          <Form.Item name={['due', 'date']} label={t('tasks.drawer.dueDate')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} data-testid="tf-task-date" />
          </Form.Item>
        ) : null}
        {mode === 'relative' ? (
          <>
            <Space wrap align="start">
              <Form.Item name={['due', 'anchor']} label={t('tasks.drawer.anchor')}>
                <Select
                  style={{ width: 160 }}
                  options={[
                    { value: 'start', label: t('tasks.drawer.anchorStart') },
                    { value: 'end', label: t('tasks.drawer.anchorEnd') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name={['due', 'offsetDays']}
                label={t('tasks.drawer.offset')}
                extra={t('tasks.drawer.offsetHint')}
                rules={[{ required: true }]}
              >
                <InputNumber min={-365} max={365} precision={0} data-testid="tf-task-offset" />
              </Form.Item>
            </Space>
            {resolved ? (
              <Typography.Paragraph type="secondary" data-testid="tf-task-resolved">
                {t('tasks.drawer.resolved', { date: resolved })}
              </Typography.Paragraph>
            ) : null}
          </>
        ) : null}
        <Form.Item name="ownerId" label={t('tasks.drawer.owner')} extra={t('tasks.drawer.ownerHint')}>
          <Select
            allowClear
            data-testid="tf-task-owner"
            options={force.staff.map((s) => ({
              value: s.userId,
              label: `${s.name}（${t(`tasks.staffKind.${s.kind}`)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="role" label={t('tasks.checklist.role')}>
          <Select allowClear options={roles.options} loading={roles.loading} />
        </Form.Item>
        {task ? (
          <Form.Item name="status" label={t('tasks.drawer.status')}>
            <Select options={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="notes" label={t('tasks.drawer.notes')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
