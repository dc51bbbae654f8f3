import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { NewPasswordFields, type PasswordChangeValues } from './password-fields';
import { StandaloneLayout } from './standalone-layout';
import { useChangePassword } from './use-change-password';

/** Shown instead of the console while the session may only change the password. */
export function ForcedPasswordChangePage() {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<PasswordChangeValues>();
  const { submit, submitting } = useChangePassword(form);
  const expired = !!me.passwordExpiresAt && new Date(me.passwordExpiresAt).getTime() <= Date.now();
  return (
    <StandaloneLayout title={t('password.forcedTitle')}>
      <Alert
        type="warning"
        showIcon
        title={expired ? t('password.expiredReason') : t('password.forcedReason')}
        style={{ marginBottom: 20 }}
        data-testid="forced-password-alert"
      />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('password.currentPassword')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <NewPasswordFields />
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </StandaloneLayout>
  );
}
