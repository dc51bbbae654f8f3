import { type Me, text } from '@ganxun/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Form, Input, Modal, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { ME_QUERY_KEY, useMe } from '../../app/auth';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';

const displayNameField = text(50);

export function ProfileModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ displayName: string }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) form.setFieldsValue({ displayName: me.displayName });
  }, [open, me.displayName, form]);

  const save = async ({ displayName }: { displayName: string }) => {
    setSaving(true);
    try {
      await api.patch('/auth/me', { displayName: displayName.trim() });
      queryClient.setQueryData<Me | null>(ME_QUERY_KEY, (old) =>
        old ? { ...old, displayName: displayName.trim() } : old,
      );
      void message.success(t('profile.saved'));
      onClose();
    } catch (error) {
      if (applyFieldErrors(form, error).length === 0) void message.error(errorText(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('profile.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Descriptions
        column={1}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { key: 'username', label: t('profile.username'), children: me.username },
          {
            key: 'roles',
            label: t('profile.roles'),
            children: me.roles.length
              ? me.roles.map((r) => (
                  <Tag key={`${r.role}:${r.scopeId ?? ''}`} color="red">
                    {t(`roles.${r.role}`)}
                    {r.scopeId ? ` · ${r.scopeName ?? r.scopeId}` : ''}
                  </Tag>
                ))
              : t('common.empty'),
          },
        ]}
      />
      <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
        <Form.Item
          name="displayName"
          label={t('profile.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            zodRule(displayNameField, t),
          ]}
        >
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
