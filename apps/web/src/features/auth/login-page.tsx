import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody, Me } from '@ganxun/domain';
import { Alert, Button, Card, Form, Input, type InputRef, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import { BrandMark } from '../../app/brand';
import { LanguageButton } from '../../app/language-menu';
import { errorText } from '../../components/errors';

interface Notice {
  type: 'error' | 'warning' | 'info';
  text: string;
}

/** What to tell the user about a failed sign-in, in their language. */
export function loginErrorNotice(error: unknown, t: TFunction): Notice {
  if (!(error instanceof ApiError)) return { type: 'error', text: t('errors.unknown') };
  switch (error.code) {
    case 'INVALID_CREDENTIALS': {
      const remaining = error.details.remainingAttempts;
      return typeof remaining === 'number'
        ? { type: 'error', text: t('login.invalidCredentials', { count: remaining }) }
        : { type: 'error', text: t('login.invalidCredentialsPlain') };
    }
    case 'ACCOUNT_LOCKED': {
      const until = error.details.lockedUntil;
      const time =
        typeof until === 'string' && dayjs(until).isValid()
          ? dayjs(until).format('YYYY-MM-DD HH:mm:ss')
          : null;
      return { type: 'error', text: time ? t('login.locked', { time }) : t('login.lockedPlain') };
    }
    case 'ACCOUNT_DISABLED':
      return { type: 'error', text: t('login.disabled') };
    case 'RATE_LIMITED':
      return { type: 'warning', text: t('login.rateLimited') };
    case 'TOTP_REQUIRED':
      return { type: 'info', text: t('login.totpHint') };
    case 'TOTP_INVALID':
      return { type: 'error', text: t('login.totpInvalid') };
    default:
      return { type: 'error', text: errorText(error, t) };
  }
}

export function LoginPage() {
  const { t } = useTranslation();
  const { signedIn, refresh, sessionEnded } = useAuth();
  const [form] = Form.useForm<LoginBody>();
  const [needTotp, setNeedTotp] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [lastError, setLastError] = useState<unknown>(null);
  const totpRef = useRef<InputRef | null>(null);

  // Re-word the current notice when the language changes.
  useEffect(() => {
    if (lastError) setNotice(loginErrorNotice(lastError, t));
  }, [t, lastError]);

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  const submit = async (values: LoginBody) => {
    setSubmitting(true);
    setNotice(null);
    setLastError(null);
    try {
      const body: LoginBody = { username: values.username.trim(), password: values.password };
      if (needTotp && values.totpCode) body.totpCode = values.totpCode;
      const me = await api.post<Me>('/auth/login', body, { quiet401: true });
      if (me && typeof me === 'object' && 'csrfToken' in me && Array.isArray(me.permissions)) signedIn(me);
      else await refresh();
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'TOTP_REQUIRED' || error.code === 'TOTP_INVALID')) {
        setNeedTotp(true);
        if (error.code === 'TOTP_INVALID')
          form.setFields([{ name: 'totpCode', value: '', errors: [t('login.totpInvalid')] }]);
      }
      if (
        error instanceof ApiError &&
        error.code === 'VALIDATION_FAILED' &&
        applyFieldErrors(form, error).length === 0
      ) {
        setSubmitting(false);
        return;
      }
      setLastError(error);
      setNotice(loginErrorNotice(error, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="gx-login">
      <div className="gx-login-top">
        <LanguageButton light />
      </div>
      <div className="gx-login-body">
        <div className="gx-login-brand">
          <BrandMark large />
        </div>
        <Card className="gx-login-card" title={t('login.title')}>
          {sessionEnded && !notice ? (
            <Alert type="warning" showIcon title={t('login.sessionEnded')} style={{ marginBottom: 16 }} />
          ) : null}
          {notice ? (
            <Alert
              type={notice.type}
              showIcon
              title={notice.text}
              style={{ marginBottom: 16 }}
              data-testid="login-alert"
            />
          ) : null}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernamePlaceholder') }]}
            >
              <Input
                prefix={<UserOutlined />}
                placeholder={t('login.usernamePlaceholder')}
                autoComplete="username"
                maxLength={64}
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordPlaceholder') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('login.passwordPlaceholder')}
                autoComplete="current-password"
                maxLength={128}
                data-testid="login-password"
              />
            </Form.Item>
            {needTotp ? (
              <Form.Item
                name="totpCode"
                label={t('login.totpCode')}
                rules={[
                  { required: true, message: t('login.totpRequired') },
                  { pattern: /^\d{6}$/, message: t('validation.totp_format') },
                ]}
              >
                <Input
                  ref={totpRef}
                  prefix={<SafetyOutlined />}
                  placeholder={t('login.totpPlaceholder')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  data-testid="login-totp"
                />
              </Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        <Typography.Paragraph className="gx-login-notice">{t('app.secrecyNotice')}</Typography.Paragraph>
      </div>
    </div>
  );
}
