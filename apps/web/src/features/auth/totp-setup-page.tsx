import { SafetyCertificateOutlined } from '@ant-design/icons';
import { totpEnableBody } from '@ganxun/domain';
import { Alert, Button, Card, Flex, Form, Input, Result, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth, useMe } from '../../app/auth';
import { errorText, useNotifyError } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { zodRule } from '../../components/zod-rule';
import { StandaloneLayout } from './standalone-layout';

interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

function TotpSetupSteps({ onEnabled }: { onEnabled: () => void }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { refresh } = useAuth();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [starting, setStarting] = useState(false);
  const [enabling, setEnabling] = useState(false);
  const [form] = Form.useForm<{ code: string }>();

  const start = async () => {
    setStarting(true);
    try {
      setSetup(await api.post<TotpSetup>('/auth/totp/setup'));
      form.resetFields();
    } catch (error) {
      notifyError(error);
    } finally {
      setStarting(false);
    }
  };

  const enable = async ({ code }: { code: string }) => {
    setEnabling(true);
    try {
      await api.post('/auth/totp/enable', { code: code.trim() });
      await refresh();
      onEnabled();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      const placed = error instanceof ApiError && error.fields.length > unmatched.length;
      if (!placed) form.setFields([{ name: 'code', errors: [errorText(error, t)] }]);
    } finally {
      setEnabling(false);
    }
  };

  return (
    <>
      <Typography.Paragraph>{t('totp.intro')}</Typography.Paragraph>
      <Steps
        orientation="vertical"
        size="small"
        current={setup ? 1 : 0}
        items={[
          {
            title: t('totp.scan'),
            content: setup ? (
              <Flex vertical align="flex-start" gap={8} style={{ marginTop: 8 }}>
                <img
                  src={setup.qrDataUrl}
                  alt={t('totp.qrAlt')}
                  width={180}
                  height={180}
                  style={{ border: '1px solid #f0f0f0', borderRadius: 6 }}
                  data-testid="totp-qr"
                />
                <Typography.Text type="secondary">{t('totp.secret')}</Typography.Text>
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="totp-secret">
                  {setup.secret}
                </Typography.Text>
                <Button size="small" onClick={start} loading={starting}>
                  {t('totp.regenerate')}
                </Button>
              </Flex>
            ) : (
              <Button
                type="primary"
                onClick={start}
                loading={starting}
                style={{ marginTop: 8 }}
                data-testid="totp-start"
              >
                {t('totp.start')}
              </Button>
            ),
          },
          {
            title: t('totp.code'),
            content: setup ? (
              <Form form={form} layout="inline" onFinish={enable} style={{ marginTop: 8, rowGap: 8 }}>
                <Form.Item
                  name="code"
                  rules={[
                    { required: true, message: t('validation.totp_format') },
                    zodRule(totpEnableBody.shape.code, t),
                  ]}
                >
                  <Input
                    maxLength={6}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    placeholder="000000"
                    style={{ width: 140 }}
                  />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={enabling}>
                  {t('totp.enable')}
                </Button>
              </Form>
            ) : null,
          },
        ]}
      />
    </>
  );
}

/** Two-factor set-up: forced (a restricted session, outside the shell) or from the user menu. */
export function TotpSetupPage({ forced }: { forced?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [done, setDone] = useState(false);

  if (forced) {
    return (
      <StandaloneLayout title={t('totp.title')}>
        <Alert type="warning" showIcon title={t('totp.requiredReason')} style={{ marginBottom: 16 }} />
        <TotpSetupSteps onEnabled={() => navigate('/', { replace: true })} />
      </StandaloneLayout>
    );
  }

  return (
    <>
      <PageHeader title={t('totp.title')} />
      <Card style={{ maxWidth: 640 }}>
        {done ? (
          <Result status="success" title={t('totp.enabled')} />
        ) : me.totpEnabled ? (
          <Result icon={<SafetyCertificateOutlined />} title={t('totp.alreadyEnabled')} />
        ) : (
          <TotpSetupSteps onEnabled={() => setDone(true)} />
        )}
      </Card>
    </>
  );
}
