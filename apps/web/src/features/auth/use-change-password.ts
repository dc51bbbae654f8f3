import type { ChangePasswordBody } from '@ganxun/domain';
import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import type { PasswordChangeValues } from './password-fields';

/** Submits POST /auth/password; wrong current password and policy problems land on the fields. */
export function useChangePassword(form: FormInstance<PasswordChangeValues>, onDone?: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: PasswordChangeValues) => {
    setSubmitting(true);
    try {
      const body: ChangePasswordBody = {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      };
      await api.post('/auth/password', body, { quiet401: true });
      void message.success(t('password.changed'));
      form.resetFields();
      onDone?.();
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
        form.setFields([{ name: 'currentPassword', errors: [error.message] }]);
      } else {
        const unmatched = applyFieldErrors(form, error);
        const hasFieldErrors = error instanceof ApiError && error.fields.length > unmatched.length;
        if (!hasFieldErrors) void message.error(errorText(error, t));
        else if (unmatched.length) void message.error(unmatched.join('; '));
        else if (error instanceof ApiError && error.code === 'PASSWORD_POLICY')
          void message.error(error.message);
      }
    } finally {
      setSubmitting(false);
    }
  };
  return { submit, submitting };
}
