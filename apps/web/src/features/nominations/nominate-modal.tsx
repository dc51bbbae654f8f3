import type { QuotaView } from '@ganxun/domain';
import type { ButtonProps } from 'antd';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { useNominate, useQuotas } from './api';
import { PersonPicker } from './person-picker';

interface Values {
  personId: string;
  quotaId?: string;
  note?: string;
}

/** The server's words for a failure: its field messages when it gave any (quota_full …), else its message. */
export function failureText(error: unknown, fallback: string): string {
  if (error instanceof ApiError && error.fields.length > 0)
    return error.fields.map((f) => f.message).join('；');
  if (error instanceof ApiError && error.message) return error.message;
  return fallback;
}

/** The quota option's label: holder and seats left. */
function quotaLabel(q: QuotaView, t: TFunction): string {
  return q.remaining > 0
    ? String(
        t('nominations.nominate.quotaOption', { name: q.holderName, remaining: q.remaining, seats: q.seats }),
      )
    : String(t('nominations.nominate.quotaFull', { name: q.holderName }));
}

/**
 * Nominates a person to a class against one of the reader's quotas (the class page's tab and the
 * liaison's "my quotas" page). A refusal (quota full, deadline passed, out of scope) stays on
 * screen in the modal and on the field the server names.
 */
export function NominateModal({
  cls,
  open,
  onClose,
  defaultQuotaId,
}: {
  cls: { id: string; name: string };
  open: boolean;
  onClose: () => void;
  defaultQuotaId?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const quotas = useQuotas(cls.id, open);
  const nominate = useNominate(cls.id);
  const [failure, setFailure] = useState<string | null>(null);
  const usable = (quotas.data?.items ?? []).filter((q) => q.canNominate);
  const hasQuotas = (quotas.data?.items.length ?? 0) > 0;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFailure(null);
  }, [open, form]);

  // With one usable quota there is nothing to choose.
  const onlyQuota = usable.length === 1 ? usable[0]?.id : undefined;
  useEffect(() => {
    if (!open || form.getFieldValue('quotaId')) return;
    const initial = defaultQuotaId ?? onlyQuota;
    if (initial) form.setFieldsValue({ quotaId: initial });
  }, [open, onlyQuota, defaultQuotaId, form]);

  const submit = async () => {
    const values = await form.validateFields();
    setFailure(null);
    try {
      const created = await nominate.mutateAsync({
        personId: values.personId,
        quotaId: values.quotaId ?? null,
        note: values.note?.trim() ? values.note.trim() : null,
      });
      const name = created.person.name;
      if (created.status === 'waitlisted')
        void message.warning(t('nominations.nominate.waitlisted', { name }));
      else void message.success(t('nominations.nominate.done', { name }));
      onClose();
    } catch (error) {
      applyFieldErrors(form, error);
      const text = failureText(error, errorText(error, t));
      setFailure(text);
      void message.error(text);
    }
  };

  return (
    <Modal
      open={open}
      title={t('nominations.tab.nominate')}
      okText={t('nominations.nominate.submit')}
      okButtonProps={{ loading: nominate.isPending, 'data-testid': 'nominate-submit' } as ButtonProps}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph type="secondary">{cls.name}</Typography.Paragraph>
      {failure ? (
        <Alert
          type="error"
          showIcon
          title={failure}
          style={{ marginBottom: 16 }}
          data-testid="nominate-error"
        />
      ) : null}
      <Form form={form} layout="vertical" data-testid="nominate-form" onValuesChange={() => setFailure(null)}>
        <Form.Item
          name="personId"
          label={t('nominations.nominate.person')}
          rules={[{ required: true, message: t('nominations.nominate.personRequired') }]}
        >
          <PersonPicker testId="nominate-person" />
        </Form.Item>
        {hasQuotas || quotas.isLoading ? (
          <Form.Item
            name="quotaId"
            label={t('nominations.nominate.quota')}
            rules={[{ required: true, message: t('nominations.nominate.quotaRequired') }]}
          >
            <Select
              loading={quotas.isLoading}
              notFoundContent={t('nominations.nominate.noQuota')}
              options={usable.map((q) => ({ value: q.id, label: quotaLabel(q, t) }))}
              data-testid="nominate-quota"
            />
          </Form.Item>
        ) : null}
        {hasQuotas && !quotas.isLoading && usable.length === 0 ? (
          <Typography.Text type="warning">{t('nominations.nominate.noQuota')}</Typography.Text>
        ) : null}
        <Form.Item name="note" label={t('nominations.nominate.note')}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
