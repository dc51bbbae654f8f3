import {
  DownloadOutlined,
  FileZipOutlined,
  SafetyCertificateOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { CertificateIssuerView, CertificateView, ClassView } from '@ganxun/domain';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  Modal,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useNotifyError } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useFixedColumns } from '../../components/responsive';
import {
  downloadCertificate,
  downloadZip,
  sealUrl,
  useClassCertificates,
  useIssue,
  useReissue,
  useRevoke,
  useUploadSeal,
} from './api';

const MAX_SEAL_BYTES = 1024 * 1024;

/** A certificate's status as a tag, with why it was revoked and what replaced it. */
export function CertificateStatusTag({ cert }: { cert: CertificateView }) {
  const { t } = useTranslation();
  if (cert.status === 'valid') return <Tag color="success">{t('certificates.valid')}</Tag>;
  const reason =
    cert.revokedReason === 'reissued'
      ? t('certificates.reissuedReason')
      : cert.revokedReason === 'completion_withdrawn'
        ? t('certificates.completionWithdrawnReason')
        : (cert.revokedReason ?? '');
  const title = [
    reason ? t('certificates.revokedBecause', { reason }) : null,
    cert.replacedBy ? t('certificates.reissuedAs', { number: cert.replacedBy }) : null,
  ]
    .filter(Boolean)
    .join('；');
  return (
    <Tooltip title={title || undefined}>
      <Tag color="error">{t('certificates.revoked')}</Tag>
    </Tooltip>
  );
}

type ReasonAction = { kind: 'revoke' | 'reissue'; cert: CertificateView };

/** Asks for the reason of a revocation or re-issue, then does it. */
function ReasonModal({
  classId,
  action,
  onClose,
}: {
  classId: string;
  action: ReasonAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useRevoke(classId);
  const reissue = useReissue(classId);
  const busy = revoke.isPending || reissue.isPending;

  const submit = async () => {
    if (!action) return;
    const { reason } = await form.validateFields();
    try {
      if (action.kind === 'revoke') {
        await revoke.mutateAsync({ id: action.cert.id, reason: reason.trim() });
        void message.success(t('certificates.revokedOk'));
      } else {
        const fresh = await reissue.mutateAsync({ id: action.cert.id, reason: reason.trim() });
        void message.success(t('certificates.reissuedOk', { number: fresh.number }));
      }
      form.resetFields();
      onClose();
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Modal
      open={!!action}
      title={
        action
          ? t(action.kind === 'revoke' ? 'certificates.revokeTitle' : 'certificates.reissueTitle', {
              number: action.cert.number,
            })
          : null
      }
      okText={t('certificates.confirm')}
      cancelText={t('certificates.cancel')}
      okButtonProps={{
        danger: action?.kind === 'revoke',
        loading: busy,
        ...{ 'data-testid': 'cert-confirm' },
      }}
      onOk={() => void submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      {action?.kind === 'reissue' ? (
        <Typography.Paragraph type="secondary">{t('certificates.reissueHint')}</Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('certificates.reason')}
          rules={[
            { required: true, whitespace: true, min: 2, max: 500, message: t('certificates.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="cert-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The issuer's seal: a preview, and an upload for those who may change it. */
function SealCard({ classId, issuer }: { classId: string; issuer: CertificateIssuerView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const upload = useUploadSeal(classId);
  return (
    <Card size="small" title={t('certificates.seal')} style={{ maxWidth: 420 }}>
      <Flex gap={16} align="center">
        <div
          style={{
            width: 120,
            height: 120,
            border: '1px dashed #d9d9d9',
            borderRadius: 8,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            flex: 'none',
            background: '#fafafa',
          }}
        >
          {issuer.hasSeal ? (
            <Image
              src={sealUrl(issuer.unitId, issuer.sealUpdatedAt)}
              alt={t('certificates.sealOf', { unit: issuer.name })}
              width={110}
              height={110}
              style={{ objectFit: 'contain' }}
              data-testid="cert-seal-image"
            />
          ) : (
            <SafetyCertificateOutlined style={{ fontSize: 40, color: '#bfbfbf' }} />
          )}
        </div>
        <Space direction="vertical" size={6}>
          <Typography.Text strong>{issuer.name}</Typography.Text>
          {issuer.hasSeal ? null : (
            <Typography.Text type="secondary">{t('certificates.sealNone')}</Typography.Text>
          )}
          {issuer.canEditSeal ? (
            <>
              <span data-testid="cert-seal-upload">
                <Upload
                  accept="image/png,image/jpeg"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    if (!['image/png', 'image/jpeg'].includes(file.type)) {
                      void message.error(t('certificates.sealFormat'));
                    } else if (file.size > MAX_SEAL_BYTES) {
                      void message.error(t('certificates.sealTooLarge'));
                    } else {
                      upload.mutate(
                        { unitId: issuer.unitId, file },
                        {
                          onSuccess: () => void message.success(t('certificates.sealUploaded')),
                          onError: notifyError,
                        },
                      );
                    }
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={upload.isPending}>
                    {issuer.hasSeal ? t('certificates.sealReplace') : t('certificates.sealUpload')}
                  </Button>
                </Upload>
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('certificates.sealHint')}
              </Typography.Text>
            </>
          ) : null}
        </Space>
      </Flex>
    </Card>
  );
}

/** The class's 证书 tab: its certificates, issuing to completed trainees, zip, revoke, re-issue, seal. */
export function CertificatesTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const notifyError = useNotifyError();
  const fixed = useFixedColumns();
  const list = useClassCertificates(cls.id);
  const issue = useIssue(cls.id);
  const [action, setAction] = useState<ReasonAction | null>(null);
  const [zipping, setZipping] = useState(false);
  const data = list.data;
  const mayIssue = can('certificate.issue') && data?.canIssue !== false;
  const items = data?.items ?? [];
  const validCount = items.filter((c) => c.status === 'valid').length;

  const issueAll = () =>
    issue.mutate(
      {},
      {
        onSuccess: (res) =>
          void (res.items.length
            ? message.success(t('certificates.issued', { count: res.items.length }))
            : message.info(t('certificates.nothingPending'))),
        onError: notifyError,
      },
    );

  const zip = async () => {
    setZipping(true);
    try {
      await downloadZip(cls.id);
    } catch (error) {
      notifyError(error);
    } finally {
      setZipping(false);
    }
  };

  const columns: ColumnsType<CertificateView> = [
    {
      title: t('certificates.number'),
      dataIndex: 'number',
      width: 200,
      fixed: fixed.left,
      render: (number: string) => (
        <Typography.Text code data-testid="cert-number" style={{ fontFamily: 'monospace' }}>
          {number}
        </Typography.Text>
      ),
    },
    { title: t('certificates.name'), dataIndex: 'personName', width: 120 },
    { title: t('certificates.hours'), dataIndex: 'hours', width: 80, align: 'right' },
    {
      title: t('certificates.status'),
      key: 'status',
      width: 100,
      render: (_, cert) => <CertificateStatusTag cert={cert} />,
    },
    {
      title: t('certificates.issuedAt'),
      dataIndex: 'issuedAt',
      width: 170,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('certificates.actions'),
      key: 'actions',
      width: 220,
      fixed: fixed.right,
      render: (_, cert) => (
        <Space size={4} wrap>
          <Button
            size="small"
            type="link"
            icon={<DownloadOutlined />}
            data-testid="cert-pdf"
            onClick={() => void downloadCertificate(cert).catch(notifyError)}
          >
            {t('certificates.pdf')}
          </Button>
          {mayIssue && cert.status === 'valid' ? (
            <>
              <Button
                size="small"
                type="link"
                data-testid="cert-reissue"
                onClick={() => setAction({ kind: 'reissue', cert })}
              >
                {t('certificates.reissue')}
              </Button>
              <Button
                size="small"
                type="link"
                danger
                data-testid="cert-revoke"
                onClick={() => setAction({ kind: 'revoke', cert })}
              >
                {t('certificates.revoke')}
              </Button>
            </>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap justify="space-between" align="center">
        <Space wrap>
          {mayIssue ? (
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={issue.isPending}
              disabled={data?.pending === 0}
              onClick={issueAll}
              data-testid="cert-issue"
            >
              {data?.pending
                ? t('certificates.issuePending', { count: data.pending })
                : t('certificates.issue')}
            </Button>
          ) : null}
          <Button
            icon={<FileZipOutlined />}
            loading={zipping}
            disabled={validCount === 0}
            onClick={() => void zip()}
            data-testid="cert-zip"
          >
            {t('certificates.zip')}
          </Button>
        </Space>
        {data?.issuer ? (
          <Typography.Text type="secondary">
            {t('certificates.issuer')}：{data.issuer.name}
          </Typography.Text>
        ) : null}
      </Flex>
      <Table<CertificateView>
        data-testid="cert-table"
        rowKey="id"
        size="middle"
        loading={list.isPending}
        columns={columns}
        dataSource={items}
        pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 900 }}
        onRow={() => ({ 'data-testid': 'cert-row' }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty description={t('certificates.empty')} /> }}
      />
      {data?.issuer && (data.issuer.canEditSeal || data.issuer.hasSeal) ? (
        <SealCard classId={cls.id} issuer={data.issuer} />
      ) : null}
      <ReasonModal classId={cls.id} action={action} onClose={() => setAction(null)} />
    </Flex>
  );
}
