import { DeleteOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ExportView } from '@ganxun/domain';
import { App, Button, Popconfirm, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { downloadExport, useDeleteExport, useExports } from './api';
import { formatSize, paramsSummary } from './params-summary';

const STATUS_COLOR: Record<ExportView['status'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

function StatusCell({ row }: { row: ExportView }) {
  const { t } = useTranslation();
  if (row.status === 'running' || row.status === 'queued')
    return (
      <div style={{ minWidth: 140 }}>
        <Tag color={STATUS_COLOR[row.status]}>{t(`exports.status.${row.status}`)}</Tag>
        <Progress percent={row.progress} size="small" status="active" data-testid="exports-progress" />
      </div>
    );
  const tag = <Tag color={STATUS_COLOR[row.status]}>{t(`exports.status.${row.status}`)}</Tag>;
  return row.error ? <Tooltip title={row.error}>{tag}</Tooltip> : tag;
}

/** /exports: my exports (newest first, kept 7 days), polled while any is being generated. */
export default function ExportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const list = useExports();
  const remove = useDeleteExport();
  const [downloading, setDownloading] = useState<string | null>(null);

  const columns: ColumnsType<ExportView> = [
    {
      title: t('exports.columns.kind'),
      key: 'kind',
      render: (_, row) => (
        <div>
          <div>{t(`exports.kind.${row.kind}`)}</div>
          {row.fileName ? (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, maxWidth: 280 }}
              ellipsis={{ tooltip: true }}
            >
              {row.fileName}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { title: t('exports.columns.params'), key: 'params', render: (_, row) => paramsSummary(row, t) },
    { title: t('exports.columns.status'), key: 'status', render: (_, row) => <StatusCell row={row} /> },
    {
      title: t('exports.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (v: string) => formatDateTime(v),
      responsive: ['md'],
    },
    {
      title: t('exports.columns.size'),
      dataIndex: 'size',
      render: (v: number | null) => <span style={{ whiteSpace: 'nowrap' }}>{formatSize(v)}</span>,
    },
    {
      title: t('exports.columns.actions'),
      key: 'actions',
      render: (_, row) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            disabled={row.status !== 'done'}
            loading={downloading === row.id}
            data-testid="exports-download"
            onClick={async () => {
              setDownloading(row.id);
              try {
                await downloadExport(row);
              } catch (error) {
                notifyError(error);
              } finally {
                setDownloading(null);
              }
            }}
          >
            {t('exports.download')}
          </Button>
          <Popconfirm
            title={t('exports.deleteConfirm')}
            onConfirm={() =>
              remove.mutateAsync(row.id).then(
                () => message.success(t('exports.deleted')),
                (error) => notifyError(error),
              )
            }
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="exports-delete">
              {t('exports.delete')}
            </Button>
          </Popconfirm>
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('exports.title')}
        description={t('exports.description')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} loading={list.isFetching}>
            {t('exports.refresh')}
          </Button>
        }
      />
      <Table<ExportView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('exports.empty') }}
        onRow={() => ({ 'data-testid': 'exports-row' }) as React.HTMLAttributes<HTMLElement>}
      />
    </>
  );
}
