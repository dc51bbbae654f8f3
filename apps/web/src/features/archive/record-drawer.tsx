import { type ManualRecordBody, manualRecordBody, RECORD_CATEGORIES } from '@ganxun/domain';
import { App, DatePicker, Form, Input, InputNumber, Segmented } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { zodRule } from '../../components/zod-rule';
import { useCreateRecord } from './api';

interface Values {
  title: string;
  organiser: string;
  category: ManualRecordBody['category'];
  dates: [Dayjs, Dayjs];
  hours: number;
  note?: string;
}

/** The drawer of a manual entry (online learning, another institution, abroad) for a person. */
export function RecordDrawer({
  personId,
  open,
  onClose,
}: {
  personId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateRecord();
  const shape = manualRecordBody.shape;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async (values: Values) => {
    const body: ManualRecordBody = {
      personId,
      title: values.title.trim(),
      organiser: values.organiser.trim(),
      category: values.category,
      startDate: values.dates[0].format('YYYY-MM-DD'),
      endDate: values.dates[1].format('YYYY-MM-DD'),
      hours: Number(values.hours),
      note: values.note?.trim() ? values.note.trim() : null,
    };
    try {
      await create.mutateAsync(body);
      void message.success(t('archive.form.saved'));
      onClose();
    } catch (error) {
      // The dates are one range field here; the server names its two ends.
      if (error instanceof ApiError) {
        const dates = error.fields.filter((f) => f.path === 'startDate' || f.path === 'endDate');
        if (dates.length) form.setFields([{ name: 'dates', errors: dates.map((f) => f.message) }]);
      }
      const unmatched = applyFieldErrors(form, error).filter(
        (m) => !m.startsWith('startDate') && !m.startsWith('endDate'),
      );
      if (unmatched.length || !(error instanceof ApiError) || error.fields.length === 0)
        void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const required = { required: true, message: t('validation.required') };
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('archive.form.title')}
      width={480}
      onSave={() => form.submit()}
      saving={create.isPending}
      saveTestId="archive-save"
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ category: 'online' }}>
        <Form.Item name="title" label={t('archive.form.name')} rules={[required, zodRule(shape.title, t)]}>
          <Input maxLength={200} data-testid="archive-form-title" />
        </Form.Item>
        <Form.Item
          name="organiser"
          label={t('archive.form.organiser')}
          rules={[required, zodRule(shape.organiser, t)]}
        >
          <Input maxLength={200} data-testid="archive-form-organiser" />
        </Form.Item>
        <Form.Item name="category" label={t('archive.form.category')} rules={[required]}>
          <Segmented
            options={RECORD_CATEGORIES.map((c) => ({ value: c, label: t(`archive.category.${c}`) }))}
            data-testid="archive-form-category"
          />
        </Form.Item>
        <Form.Item name="dates" label={t('archive.form.dates')} rules={[required]}>
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="archive-form-dates" />
        </Form.Item>
        <Form.Item name="hours" label={t('archive.form.hours')} rules={[required, zodRule(shape.hours, t)]}>
          <InputNumber
            min={0.25}
            max={2000}
            step={0.5}
            style={{ width: 160 }}
            data-testid="archive-form-hours"
          />
        </Form.Item>
        <Form.Item name="note" label={t('archive.form.note')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
