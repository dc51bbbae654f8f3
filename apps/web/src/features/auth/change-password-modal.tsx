import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { NewPasswordFields, type PasswordChangeValues } from './password-fields';
import { useChangePassword } from './use-change-password';

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordChangeValues>();
  const { submit, submitting } = useChangePassword(form, onClose);
  return (
    <Modal
      open={open}
      title={t('password.changeTitle')}
      okText={t('password.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      confirmLoading={submitting}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('password.currentPassword')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields />
      </Form>
    </Modal>
  );
}
