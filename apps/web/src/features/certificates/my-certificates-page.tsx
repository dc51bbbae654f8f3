import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { CertificateView } from '@ganxun/domain';
import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifyError } from '../../components/errors';
import { downloadCertificate, useMyCertificates } from './api';
import { CertificateStatusTag } from './certificates-tab';

function CertificateCard({ cert }: { cert: CertificateView }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [busy, setBusy] = useState(false);
  const revoked = cert.status === 'revoked';
  return (
    <Card size="small" data-testid="mycert-card" style={revoked ? { opacity: 0.75 } : undefined}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            <SafetyCertificateOutlined style={{ color: revoked ? '#bfbfbf' : '#b3261e', marginRight: 6 }} />
            {cert.className}
          </Typography.Text>
          <CertificateStatusTag cert={cert} />
        </Flex>
        <Typography.Text type="secondary">
          {t('certificates.mine.dates')}：{cert.startDate} ~ {cert.endDate}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('certificates.hours')}：{cert.hours}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('certificates.issuer')}：{cert.issuer}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('certificates.number')}：<Typography.Text code>{cert.number}</Typography.Text>
        </Typography.Text>
        <Flex gap={8} wrap>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            loading={busy}
            data-testid="mycert-download"
            onClick={async () => {
              setBusy(true);
              try {
                await downloadCertificate(cert);
              } catch (error) {
                notifyError(error);
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('certificates.mine.download')}
          </Button>
          <Link to={`/verify/${encodeURIComponent(cert.number)}`} data-testid="mycert-verify">
            <Button>{t('certificates.mine.verify')}</Button>
          </Link>
        </Flex>
      </Flex>
    </Card>
  );
}

/** /my-certificates: the trainee's certificates on a phone, to download and verify. */
export default function MyCertificatesPage() {
  const { t } = useTranslation();
  const mine = useMyCertificates();
  const items = mine.data?.items ?? [];
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640, margin: '0 auto', width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('certificates.mine.title')}
      </Typography.Title>
      {mine.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('certificates.mine.empty')} />
      ) : (
        items.map((cert) => <CertificateCard key={cert.id} cert={cert} />)
      )}
    </Flex>
  );
}
