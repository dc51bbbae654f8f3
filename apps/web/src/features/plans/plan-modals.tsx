import { multilineText, type PlanAction, type PlanDetailView, text } from '@ganxun/domain';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { usePlanAction, useUpdatePlan } from './api';

/**
 * Confirms a plan action with a comment for the timeline; returning a plan needs one. A refusal
 * (approving one's own submission, say) is shown in the dialog.
 */
export function PlanActionModal({
  plan,
  action,
  onClose,
}: {
  plan: PlanDetailView;
  action: PlanAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const run = usePlanAction();
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (action) {
      form.resetFields();
      setProblem(null);
    }
  }, [action, form]);

  const submit = async ({ comment }: { comment?: string }) => {
    if (!action) return;
    setProblem(null);
    try {
      await run.mutateAsync({ id: plan.id, action, comment: comment?.trim() ? comment : null });
      void message.success(t('classes.plans.actionDone', { action: t(`classes.plans.action.${action}`) }));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      setProblem(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <Modal
      open={!!action}
      title={action ? t('classes.plans.actionTitle', { action: t(`classes.plans.action.${action}`) }) : ''}
      okText={action ? t(`classes.plans.action.${action}`) : undefined}
      okButtonProps={{ danger: action === 'return' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      forceRender
    >
      {action ? (
        <Typography.Paragraph type="secondary">
          {t(`classes.plans.actionHint.${action}`)}
        </Typography.Paragraph>
      ) : null}
      {problem ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={problem}
          data-testid="plan-action-error"
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="comment"
          label={t('classes.plans.comment')}
          rules={[
            ...(action === 'return'
              ? [{ required: true, whitespace: true, message: t('classes.plans.returnCommentRequired') }]
              : []),
            zodRule(multilineText(2000), t),
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            data-testid="plan-action-comment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Edits a plan's title and note. */
export function PlanEditModal({
  plan,
  open,
  onClose,
}: {
  plan: PlanDetailView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; note?: string }>();
  const update = useUpdatePlan();

  useEffect(() => {
    if (open) form.setFieldsValue({ title: plan.title, note: plan.note ?? undefined });
  }, [open, plan, form]);

  const submit = async (v: { title: string; note?: string }) => {
    try {
      await update.mutateAsync({ id: plan.id, title: v.title.trim(), note: v.note?.trim() ? v.note : null });
      void message.success(t('common.saved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('classes.plans.editTitle')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="title"
          label={t('classes.plans.planTitle')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            zodRule(text(200), t),
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('classes.plans.note')} rules={[zodRule(multilineText(2000), t)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
