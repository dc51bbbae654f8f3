import type { UserView } from '@ganxun/domain';
import { Alert, App, Form, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { NewPasswordFields } from '../auth/password-fields';
import { useResetPassword } from './api';

/** The security admin sets a temporary password; the user must change it at next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string; confirmPassword: string }>();
  const reset = useResetPassword();

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const submit = async ({ newPassword }: { newPassword: string }) => {
    if (!user) return;
    try {
      await reset.mutateAsync({ id: user.id, newPassword });
      void message.success(t('users.passwordReset'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('users.resetPasswordTitle', { name: user.displayName }) : ''}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      forceRender
    >
      <Alert type="info" showIcon title={t('users.resetPasswordHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <NewPasswordFields />
      </Form>
    </Modal>
  );
}
