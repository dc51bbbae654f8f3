import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { normalizeCertificateNumber, validCertificateNumber } from '@ganxun/domain';
import { Button, Card, Descriptions, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { LanguageButton } from '../../app/language-menu';
import { useVerification } from './api';

function Result({ number }: { number: string }) {
  const { t } = useTranslation();
  const query = useVerification(number);
  if (query.isPending) return <Skeleton active />;
  if (query.error) {
    const status = query.error instanceof ApiError ? query.error.status : 0;
    const text =
      status === 400
        ? t('certificates.verify.invalid')
        : status === 429
          ? t('certificates.verify.rateLimited')
          : t('certificates.verify.notFound');
    return (
      <Flex vertical align="center" gap={8} style={{ padding: '16px 0' }}>
        <QuestionCircleFilled style={{ fontSize: 56, color: '#faad14' }} />
        <Typography.Title
          level={4}
          style={{ margin: 0, textAlign: 'center' }}
          data-testid="verify-status"
          data-status="unknown"
        >
          {text}
        </Typography.Title>
        <Typography.Text code>{number}</Typography.Text>
      </Flex>
    );
  }
  const v = query.data;
  const valid = v.status === 'valid';
  return (
    <Flex vertical gap={16}>
      <Flex vertical align="center" gap={6} style={{ padding: '8px 0' }}>
        {valid ? (
          <CheckCircleFilled style={{ fontSize: 64, color: '#389e0d' }} />
        ) : (
          <CloseCircleFilled style={{ fontSize: 64, color: '#cf1322' }} />
        )}
        <Typography.Title
          level={1}
          style={{ margin: 0, color: valid ? '#389e0d' : '#cf1322', letterSpacing: 4 }}
          data-testid="verify-status"
          data-status={v.status}
        >
          {valid ? t('certificates.verify.valid') : t('certificates.verify.revoked')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {valid ? t('certificates.verify.validHint') : t('certificates.verify.revokedHint')}
        </Typography.Text>
      </Flex>
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 96 } }}>
        <Descriptions.Item label={t('certificates.verify.number')}>
          <Typography.Text code>{v.number}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.verify.name')}>
          <span data-testid="verify-name">{v.maskedName}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.verify.className')}>
          <span data-testid="verify-class">{v.className}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.verify.dates')}>
          {v.startDate} ~ {v.endDate}
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.verify.hours')}>
          <span data-testid="verify-hours">{v.hours}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.verify.issuer')}>{v.issuer}</Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('certificates.verify.privacy')}
      </Typography.Text>
    </Flex>
  );
}

/** /verify/:number — the public page a certificate's QR code leads to (no sign-in, phone first). */
export default function VerifyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { number: raw } = useParams();
  const number = raw ? normalizeCertificateNumber(raw) : '';
  const [form] = Form.useForm<{ number: string }>();
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    document.title = t('certificates.verify.title');
  }, [t]);

  const check = ({ number: typed }: { number: string }) => {
    const next = normalizeCertificateNumber(typed ?? '');
    if (!validCertificateNumber(next)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    form.resetFields();
    navigate(`/verify/${encodeURIComponent(next)}`);
  };

  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', padding: '16px 12px 32px' }}>
      <Flex vertical gap={16} style={{ maxWidth: 520, margin: '0 auto' }}>
        <Flex justify="space-between" align="center">
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('certificates.verify.title')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('certificates.verify.subtitle')}
            </Typography.Text>
          </div>
          <LanguageButton />
        </Flex>
        {number ? (
          <Card>
            <Result number={number} />
          </Card>
        ) : null}
        <Card size="small" title={t('certificates.verify.another')}>
          <Form form={form} onFinish={check} layout="vertical">
            <Form.Item
              name="number"
              validateStatus={invalid ? 'error' : undefined}
              help={invalid ? t('certificates.verify.invalid') : undefined}
              style={{ marginBottom: 8 }}
            >
              <Input
                size="large"
                placeholder={t('certificates.verify.placeholder')}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                data-testid="verify-input"
                onChange={() => setInvalid(false)}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" data-testid="verify-submit">
              {t('certificates.verify.check')}
            </Button>
          </Form>
        </Card>
      </Flex>
    </div>
  );
}
