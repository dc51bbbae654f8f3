import { multilineText, text } from '@ganxun/domain';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { UnitPicker } from '../../components/unit-picker';
import { zodRule } from '../../components/zod-rule';
import { useCreatePlan } from './api';

interface Values {
  organiserId: string;
  year: number;
  title: string;
  note?: string;
}

/** Starts a plan (organiser, year, title), then opens it to add items. */
export function CreatePlanModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreatePlan();

  // A training officer plans for their own institution: start from it.
  const ownUnit = me?.roles.find((r) => r.role === 'training_officer' && r.scopeId)?.scopeId ?? undefined;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (ownUnit) form.setFieldsValue({ organiserId: ownUnit });
  }, [open, form, ownUnit]);

  const submit = async (v: Values) => {
    try {
      const plan = await create.mutateAsync({
        organiserId: v.organiserId,
        year: Number(v.year),
        title: v.title.trim(),
        note: v.note?.trim() ? v.note : null,
      });
      void message.success(t('classes.plans.created'));
      onClose();
      navigate(`/plans/${plan.id}`);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const required = { required: true, message: t('validation.required') };
  return (
    <Modal
      open={open}
      title={t('classes.plans.createTitle')}
      okText={t('common.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ year: new Date().getFullYear() + 1 }}
        data-testid="plan-form"
      >
        <Form.Item name="organiserId" label={t('classes.plans.organiser')} rules={[required]}>
          <UnitPicker data-testid="plan-form-organiser" />
        </Form.Item>
        <Form.Item name="year" label={t('classes.plans.year')} rules={[required]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('classes.plans.planTitle')}
          rules={[{ ...required, whitespace: true }, zodRule(text(200), t)]}
        >
          <Input maxLength={200} data-testid="plan-form-title" />
        </Form.Item>
        <Form.Item name="note" label={t('classes.plans.note')} rules={[zodRule(multilineText(2000), t)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
