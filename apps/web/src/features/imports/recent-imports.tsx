import { ReloadOutlined } from '@ant-design/icons';
import { IMPORT_OUTCOMES, type ImportJobView } from '@ganxun/domain';
import { Button, Card, Flex, Table, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useImportList } from './api';
import { ImportStatusTag, OUTCOME_COLOR } from './status-tag';

/** The signed-in user's own imports, newest first, each opening its preview or result. */
export function RecentImports() {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const list = useImportList(paging);

  const columns: TableProps<ImportJobView>['columns'] = [
    {
      title: t('imports.recent.fileName'),
      dataIndex: 'fileName',
      key: 'fileName',
      width: 240,
      ellipsis: true,
      render: (name: string, job) => <Link to={`/imports/${job.id}`}>{name}</Link>,
    },
    {
      title: t('imports.recent.status'),
      key: 'status',
      width: 110,
      render: (_, job) => <ImportStatusTag status={job.status} />,
    },
    {
      title: t('imports.recent.result'),
      key: 'result',
      width: 300,
      render: (_, job) => (
        <Flex gap={4} wrap>
          {IMPORT_OUTCOMES.filter((o) => (job.summary?.[o] ?? 0) > 0).map((o) => (
            <Tag key={o} color={OUTCOME_COLOR[o]} bordered={false}>
              {t(`imports.outcome.${o}`)} {job.summary[o]}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('imports.recent.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      render: formatDateTime,
    },
    {
      title: t('imports.recent.committedAt'),
      dataIndex: 'committedAt',
      key: 'committedAt',
      width: 170,
      render: formatDateTime,
    },
  ];

  return (
    <Card
      title={t('imports.recent.title')}
      extra={
        <Button
          type="text"
          icon={<ReloadOutlined />}
          aria-label={t('common.refresh')}
          onClick={() => void list.refetch()}
        />
      }
    >
      <Table<ImportJobView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 990 }}
        locale={{ emptyText: list.isError ? errorText(list.error, t) : t('imports.recent.empty') }}
        pagination={{
          current: list.data?.page ?? paging.page,
          pageSize: list.data?.pageSize ?? paging.pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) =>
            setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
        data-testid="recent-imports"
      />
    </Card>
  );
}
