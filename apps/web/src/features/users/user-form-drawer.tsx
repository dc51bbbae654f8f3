import { createUserBody, LOCALES, text, type UserView } from '@ganxun/domain';
import { App, Form, Input, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { zodRule } from '../../components/zod-rule';
import { useCreateUser, useUpdateUser } from './api';

interface Values {
  username: string;
  displayName: string;
  password: string;
  locale: UserView['locale'];
  mustChangePassword: boolean;
}

const displayNameField = text(50);

/** Create a user (no `user`) or edit one's name and language. */
export function UserFormDrawer({
  open,
  user,
  onClose,
}: {
  open: boolean;
  user: UserView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = !!user;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue({ displayName: user.displayName, locale: user.locale });
  }, [open, user, form]);

  const submit = async (values: Values) => {
    try {
      if (user) {
        await update.mutateAsync({
          id: user.id,
          displayName: values.displayName.trim(),
          locale: values.locale,
        });
        void message.success(t('users.updated'));
      } else {
        await create.mutateAsync({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password,
          locale: values.locale,
          mustChangePassword: values.mustChangePassword,
        });
        void message.success(t('users.created'));
      }
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={editing ? t('users.editTitle') : t('users.createTitle')}
      width={420}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      saveTestId="user-form-submit"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ locale: 'zh-CN', mustChangePassword: true }}
        data-testid="user-form"
      >
        {editing ? null : (
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[
              { required: true, message: t('validation.required') },
              zodRule(createUserBody.shape.username, t),
            ]}
          >
            <Input autoComplete="off" maxLength={40} data-testid="user-form-username" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            zodRule(displayNameField, t),
          ]}
        >
          <Input maxLength={50} data-testid="user-form-display-name" />
        </Form.Item>
        {editing ? null : (
          <Form.Item
            name="password"
            label={t('users.password')}
            extra={t('password.policyHint')}
            rules={[
              { required: true, message: t('validation.required') },
              zodRule(createUserBody.shape.password, t),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} data-testid="user-form-password" />
          </Form.Item>
        )}
        <Form.Item name="locale" label={t('users.locale')}>
          <Select options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))} />
        </Form.Item>
        {editing ? null : (
          <Form.Item name="mustChangePassword" label={t('users.mustChangePassword')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
