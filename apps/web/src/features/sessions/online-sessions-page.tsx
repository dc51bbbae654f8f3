import { ReloadOutlined } from '@ant-design/icons';
import type { OnlineSessionView, Page } from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { useFixedColumns } from '../../components/responsive';

export default function OnlineSessionsPage() {
  const { t } = useTranslation();
  const fixed = useFixedColumns();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: ['online-sessions'],
    queryFn: ({ signal }) =>
      api.get<Page<OnlineSessionView> | OnlineSessionView[]>('/online-sessions', undefined, signal),
  });
  const end = useMutation({
    mutationFn: (id: string) => api.delete(`/online-sessions/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['online-sessions'] }),
  });
  const data = list.data;
  const rows = Array.isArray(data) ? data : (data?.items ?? []);

  const confirmEnd = (session: OnlineSessionView) =>
    modal.confirm({
      title: t('sessions.endConfirm', { name: session.displayName }),
      okText: t('sessions.end'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await end.mutateAsync(session.id);
          void message.success(t('sessions.ended'));
        } catch (error) {
          void message.error(errorText(error, t));
        }
      },
    });

  const columns: TableProps<OnlineSessionView>['columns'] = [
    {
      title: t('sessions.user'),
      key: 'user',
      width: 200,
      fixed: fixed.left,
      render: (_, s) => (
        <Flex vertical>
          <Flex gap={6} align="center">
            <Typography.Text>{s.displayName}</Typography.Text>
            {s.current ? <Tag color="green">{t('sessions.current')}</Tag> : null}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.username}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('sessions.ip'),
      dataIndex: 'ip',
      key: 'ip',
      width: 140,
      render: (v: string | null) => v ?? t('common.empty'),
    },
    {
      title: t('sessions.userAgent'),
      dataIndex: 'userAgent',
      key: 'userAgent',
      width: 260,
      render: (v: string | null) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 240 }}>
          {v ?? t('common.empty')}
        </Typography.Text>
      ),
    },
    {
      title: t('sessions.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      render: formatDateTime,
    },
    {
      title: t('sessions.lastSeenAt'),
      dataIndex: 'lastSeenAt',
      key: 'lastSeenAt',
      width: 170,
      render: formatDateTime,
    },
    {
      title: t('sessions.expiresAt'),
      dataIndex: 'expiresAt',
      key: 'expiresAt',
      width: 170,
      render: formatDateTime,
    },
    ...(can('onlineSession.revoke')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            fixed: fixed.right,
            render: (_: unknown, s: OnlineSessionView) =>
              s.current ? (
                <Tooltip title={t('sessions.cannotEndCurrent')}>
                  <Button size="small" danger disabled>
                    {t('sessions.end')}
                  </Button>
                </Tooltip>
              ) : (
                <Button size="small" danger onClick={() => confirmEnd(s)}>
                  {t('sessions.end')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('sessions.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        <Table<OnlineSessionView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isFetching}
          scroll={{ x: 1200 }}
          locale={list.isError ? { emptyText: errorText(list.error, t) } : undefined}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            showTotal: (n) => t('common.total', { total: n }),
            onChange: (p, pageSize) => setPage({ page: p, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
