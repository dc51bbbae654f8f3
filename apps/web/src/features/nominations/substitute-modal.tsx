import type { NominationView } from '@ganxun/domain';
import type { ButtonProps } from 'antd';
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { failureText } from './nominate-modal';
import { PersonPicker } from './person-picker';

/** Replaces a nominee by another person (替换), who takes the same seat; a reason is required. */
export function SubstituteModal({
  nomination,
  onClose,
  onSubmit,
}: {
  nomination: NominationView | null;
  onClose: () => void;
  onSubmit: (personId: string, reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ personId: string; reason: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (!nomination) return;
    form.resetFields();
    setFailure(null);
  }, [nomination, form]);

  const submit = async () => {
    const values = await form.validateFields();
    setPending(true);
    try {
      await onSubmit(values.personId, values.reason.trim());
      onClose();
    } catch (error) {
      applyFieldErrors(form, error);
      setFailure(failureText(error, errorText(error, t)));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      open={!!nomination}
      title={t('nominations.substitute.title', { name: nomination?.person.name ?? '' })}
      okText={t('nominations.substitute.submit')}
      okButtonProps={{ loading: pending, 'data-testid': 'substitute-submit' } as ButtonProps}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" data-testid="substitute-form">
        <Form.Item
          name="personId"
          label={t('nominations.substitute.person')}
          rules={[{ required: true, message: t('nominations.nominate.personRequired') }]}
        >
          <PersonPicker exclude={nomination ? [nomination.person.id] : []} testId="substitute-person" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('nominations.substitute.reason')}
          rules={[{ required: true, whitespace: true, message: t('nominations.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
