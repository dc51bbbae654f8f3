import type { ClassView, ConflictView, TimetableView } from '@ganxun/domain';
import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { useCopy, usePublish, useSaveTemplate, useShift, useTemplates } from './api';
import { chinaDate, timeRange } from './logic';
import { ClassPicker } from './pickers';

/** The conflicts a refused bulk write or publication lists in `details.conflicts`. */
function refusedFindings(error: unknown): ConflictView[] {
  if (!(error instanceof ApiError)) return [];
  const list = error.details.conflicts;
  return Array.isArray(list) ? (list as ConflictView[]) : [];
}

function FindingList({ findings }: { findings: ConflictView[] }) {
  return (
    <ul className="gx-tt-alert-list">
      {findings.map((c) => (
        <li key={c.key}>{c.message}</li>
      ))}
    </ul>
  );
}

/** Publish: blocked with the errors listed, else each warning acknowledged by a checkbox. */
export function PublishModal({
  cls,
  timetable,
  open,
  onClose,
}: {
  cls: ClassView;
  timetable: TimetableView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const publish = usePublish(cls.id);
  const [acked, setAcked] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setAcked([]);
      setNote('');
      setRefused(null);
    }
  }, [open]);
  const errors = timetable.conflicts.filter((c) => c.severity === 'error');
  const warnings = timetable.conflicts.filter((c) => c.severity === 'warning');
  const empty = timetable.items.length === 0;
  const ready = !timetable.blocked && !empty && warnings.every((w) => acked.includes(w.key));

  const submit = async () => {
    try {
      await publish.mutateAsync({ acknowledge: acked, note: note.trim() || null });
      void message.success(t('timetable.publish.done'));
      onClose();
    } catch (error) {
      setRefused(errorText(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('timetable.publish.title')}
      okText={t('timetable.publish.confirm')}
      okButtonProps={
        { disabled: !ready, loading: publish.isPending, 'data-testid': 'publish-confirm' } as ButtonProps
      }
      onOk={submit}
      onCancel={onClose}
      width={600}
    >
      <Flex vertical gap={12} data-testid="publish-dialog">
        {empty ? <Alert type="warning" showIcon title={t('timetable.publish.empty')} /> : null}
        {errors.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={t('timetable.publish.blocked')}
            description={<FindingList findings={errors} />}
            data-testid="publish-blocked"
          />
        ) : null}
        {warnings.length > 0 ? (
          <Flex vertical gap={6}>
            <Typography.Text strong>{t('timetable.publish.warningsHint')}</Typography.Text>
            {warnings.map((w) => (
              <Checkbox
                key={w.key}
                checked={acked.includes(w.key)}
                disabled={timetable.blocked}
                onChange={(e) =>
                  setAcked((prev) => (e.target.checked ? [...prev, w.key] : prev.filter((k) => k !== w.key)))
                }
                data-testid="publish-ack"
              >
                {w.message}
              </Checkbox>
            ))}
          </Flex>
        ) : null}
        {!empty && timetable.conflicts.length === 0 ? (
          <Typography.Text>{t('timetable.publish.ready')}</Typography.Text>
        ) : null}
        {timetable.publishedVersion > 0 ? (
          <Typography.Text type="secondary">{t('timetable.publish.republishHint')}</Typography.Text>
        ) : null}
        <div>
          <Typography.Text>{t('timetable.publish.note')}</Typography.Text>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
            placeholder={t('timetable.publish.notePlaceholder')}
            autoSize={{ minRows: 2, maxRows: 4 }}
          />
        </div>
        {refused ? <Alert type="error" showIcon title={refused} /> : null}
      </Flex>
    </Modal>
  );
}

/** Bulk shift by whole days, of every item or a selection. */
export function ShiftModal({
  cls,
  timetable,
  open,
  onClose,
}: {
  cls: ClassView;
  timetable: TimetableView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const shift = useShift(cls.id);
  const [form] = Form.useForm<{ days: number; scope: 'all' | 'selected'; sessionIds?: string[] }>();
  const scope = Form.useWatch('scope', form);
  const [refused, setRefused] = useState<{ text: string; findings: ConflictView[] } | null>(null);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setRefused(null);
    }
  }, [open, form]);

  const submit = async (values: { days: number; scope: 'all' | 'selected'; sessionIds?: string[] }) => {
    try {
      const result = await shift.mutateAsync({
        days: values.days,
        sessionIds: values.scope === 'selected' ? (values.sessionIds ?? null) : null,
        acknowledge: [],
      });
      void message.success(t('timetable.shift.done', { count: result.items.length }));
      onClose();
    } catch (error) {
      applyFieldErrors(form, error);
      setRefused({ text: errorText(error, t), findings: refusedFindings(error) });
    }
  };

  return (
    <Modal
      open={open}
      title={t('timetable.shift.title')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: shift.isPending, 'data-testid': 'shift-confirm' } as ButtonProps}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ days: 1, scope: 'all' }}>
        <Form.Item
          name="days"
          label={t('timetable.shift.days')}
          extra={t('timetable.shift.daysHelp')}
          rules={[
            { required: true, message: t('validation.required') },
            {
              validator: async (_r, v: number | null) => {
                if (v === 0) throw new Error(t('timetable.shift.zero'));
              },
            },
          ]}
        >
          <InputNumber min={-366} max={366} precision={0} style={{ width: 160 }} data-testid="shift-days" />
        </Form.Item>
        <Form.Item name="scope" label={t('timetable.shift.scope')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('timetable.shift.all') },
              { value: 'selected', label: t('timetable.shift.selected') },
            ]}
          />
        </Form.Item>
        {scope === 'selected' ? (
          <Form.Item name="sessionIds" rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              mode="multiple"
              placeholder={t('timetable.shift.sessionsPlaceholder')}
              optionFilterProp="label"
              options={timetable.items.map((s) => ({
                value: s.id,
                label: `${chinaDate(s.startsAt).slice(5)} ${timeRange(s.startsAt, s.endsAt)} ${s.title}`,
              }))}
            />
          </Form.Item>
        ) : null}
      </Form>
      {refused ? (
        <Alert
          type="error"
          showIcon
          title={refused.text}
          description={refused.findings.length ? <FindingList findings={refused.findings} /> : undefined}
        />
      ) : null}
    </Modal>
  );
}

interface CopyValues {
  source: 'class' | 'template';
  fromClassId?: string;
  templateId?: string;
  startDate?: Dayjs | null;
  lecturers: boolean;
}

/** Adds another class's or a template's items laid on this class's days. */
export function CopyModal({ cls, open, onClose }: { cls: ClassView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = useCopy(cls.id);
  const templates = useTemplates(open);
  const [form] = Form.useForm<CopyValues>();
  const source = Form.useWatch('source', form);
  const [refused, setRefused] = useState<{ text: string; findings: ConflictView[] } | null>(null);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setRefused(null);
    }
  }, [open, form]);

  const submit = async (values: CopyValues) => {
    try {
      const result = await copy.mutateAsync({
        fromClassId: values.source === 'class' ? (values.fromClassId ?? null) : null,
        templateId: values.source === 'template' ? (values.templateId ?? null) : null,
        startDate: values.startDate ? values.startDate.format('YYYY-MM-DD') : null,
        lecturers: values.source === 'template' ? true : values.lecturers,
        acknowledge: [],
      });
      void message.success(t('timetable.copy.done', { count: result.items.length }));
      onClose();
    } catch (error) {
      applyFieldErrors(form, error);
      setRefused({ text: errorText(error, t), findings: refusedFindings(error) });
    }
  };

  const required = [{ required: true, message: t('timetable.copy.sourceRequired') }];
  return (
    <Modal
      open={open}
      title={t('timetable.copy.title')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: copy.isPending, 'data-testid': 'copy-confirm' } as ButtonProps}
      onCancel={onClose}
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          source: 'class',
          lecturers: true,
          startDate: cls.startDate ? dayjs(cls.startDate) : null,
        }}
      >
        <Form.Item name="source" label={t('timetable.copy.source')}>
          <Radio.Group
            options={[
              { value: 'class', label: t('timetable.copy.fromClass') },
              { value: 'template', label: t('timetable.copy.fromTemplate') },
            ]}
          />
        </Form.Item>
        {source === 'template' ? (
          <Form.Item name="templateId" rules={required}>
            <Select
              placeholder={t('timetable.copy.templatePlaceholder')}
              loading={templates.isPending}
              options={(templates.data?.items ?? []).map((tpl) => ({
                value: tpl.id,
                label: `${tpl.name}（${t('timetable.copy.templateDays', { count: tpl.days, items: tpl.items.length })}）`,
              }))}
              data-testid="copy-template"
            />
          </Form.Item>
        ) : (
          <Form.Item name="fromClassId" rules={required}>
            <ClassPicker excludeId={cls.id} testId="copy-class" />
          </Form.Item>
        )}
        <Form.Item name="startDate" label={t('timetable.copy.startDate')}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        {source !== 'template' ? (
          <Form.Item name="lecturers" valuePropName="checked" extra={t('timetable.copy.lecturersHelp')}>
            <Checkbox>{t('timetable.copy.lecturers')}</Checkbox>
          </Form.Item>
        ) : null}
      </Form>
      {refused ? (
        <Alert
          type="error"
          showIcon
          title={refused.text}
          description={refused.findings.length ? <FindingList findings={refused.findings} /> : undefined}
        />
      ) : null}
    </Modal>
  );
}

/** Saves this class's timetable as a template (by day number and time of day). */
export function TemplateModal({
  cls,
  open,
  onClose,
}: {
  cls: ClassView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveTemplate();
  const [form] = Form.useForm<{ name: string; description?: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ name: cls.name, description: undefined });
  }, [open, form, cls.name]);

  const submit = async (values: { name: string; description?: string }) => {
    try {
      await save.mutateAsync({
        name: values.name.trim(),
        fromClassId: cls.id,
        description: values.description?.trim() || null,
      });
      void message.success(t('timetable.template.done'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('timetable.template.title')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'template-confirm' } as ButtonProps}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={t('timetable.template.name')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('timetable.template.description')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
