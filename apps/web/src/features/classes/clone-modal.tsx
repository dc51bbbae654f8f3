import { type ClassView, text } from '@ganxun/domain';
import { App, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { useCloneClass } from './api';

interface Values {
  name: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
  quotas: boolean;
}

/** Copies a class into a new draft (new name and dates, quotas optionally), then opens the copy. */
export function CloneModal({ cls, onClose }: { cls: ClassView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const clone = useCloneClass();

  useEffect(() => {
    if (!cls) return;
    form.resetFields();
    form.setFieldsValue({ name: t('classes.clone.defaultName', { name: cls.name }), quotas: true });
  }, [cls, form, t]);

  const submit = async (v: Values) => {
    if (!cls) return;
    try {
      const created = await clone.mutateAsync({
        id: cls.id,
        name: v.name.trim(),
        startDate: v.dates?.[0]?.format('YYYY-MM-DD') ?? null,
        endDate: v.dates?.[1]?.format('YYYY-MM-DD') ?? null,
        quotas: v.quotas,
      });
      void message.success(t('classes.clone.done', { code: created.code }));
      onClose();
      navigate(`/classes/${created.id}`);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <Modal
      open={!!cls}
      title={t('classes.clone.title', { name: cls?.name ?? '' })}
      okText={t('classes.clone.ok')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={clone.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="clone-form">
        <Form.Item
          name="name"
          label={t('classes.field.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            zodRule(text(200), t),
          ]}
        >
          <Input maxLength={200} data-testid="clone-name" />
        </Form.Item>
        <Form.Item name="dates" label={t('classes.field.dates')} extra={t('classes.clone.datesHint')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="quotas" valuePropName="checked">
          <Checkbox>{t('classes.clone.copyQuotas')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
