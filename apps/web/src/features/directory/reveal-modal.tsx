import { revealBody } from '@ganxun/domain';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { useRevealPerson } from './api';

/**
 * Asks why the reader needs the clear ID number and mobile, then reveals them. The server records
 * the view and its reason in the audit log; the answer is handed to the caller, never cached.
 */
export function RevealModal({
  personId,
  open,
  onClose,
  onRevealed,
}: {
  personId: string;
  open: boolean;
  onClose: () => void;
  onRevealed: (values: { idNumber: string; mobile: string | null }) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealPerson();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async ({ reason }: { reason: string }) => {
    try {
      const values = await reveal.mutateAsync({ id: personId, reason: reason.trim() });
      onRevealed(values);
      void message.success(t('directory.person.revealed'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('directory.person.revealTitle')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reveal.isPending}
      okButtonProps={{ 'data-testid': 'reveal-submit' }}
      forceRender
    >
      <Alert
        type="warning"
        showIcon
        title={t('directory.person.revealNotice')}
        style={{ marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('directory.person.revealReason')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            zodRule(revealBody.shape.reason, t),
          ]}
        >
          <Input
            maxLength={200}
            placeholder={t('directory.person.revealReasonPlaceholder')}
            data-testid="reveal-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
