import type { RecordRow, ReportMeasure } from '@ganxun/domain';
import { Drawer, Empty, Grid, Table, type TableProps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../components/errors';
import { type Drill, type Period, useRecords } from './api';
import { formatMeasure } from './format';

/**
 * The records behind a figure of the dashboard (GET /stats/records with the figure's measure,
 * period and keys as filters): a paged table linking to the class, the person or the secondment.
 */
export function RecordsDrawer({
  drill,
  period,
  onClose,
}: {
  drill: Drill | null;
  period: Period;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  // A new figure starts on its first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the figure changes
  useEffect(() => setPaging((p) => ({ ...p, page: 1 })), [drill]);
  const records = useRecords(drill, period, paging.page, paging.pageSize);
  const measure: ReportMeasure = drill?.measure ?? 'personTimes';

  const columns: TableProps<RecordRow>['columns'] = [
    {
      title: t('dashboard.records.class'),
      key: 'class',
      render: (_, r) =>
        r.classId ? (
          <Link to={`/classes/${r.classId}`}>
            <Typography.Text type="secondary" style={{ marginRight: 6 }}>
              {r.classCode}
            </Typography.Text>
            <span
              title={r.className ?? undefined}
              style={{
                display: 'inline-block',
                maxWidth: 280,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
                verticalAlign: 'bottom',
              }}
            >
              {r.className}
            </span>
          </Link>
        ) : (
          '—'
        ),
    },
    {
      title: t('dashboard.records.person'),
      key: 'person',
      render: (_, r) => {
        if (r.kind === 'secondment')
          return <Link to={`/secondments/${r.id}`}>{r.personName ?? t('dashboard.records.open')}</Link>;
        if (!r.personName) return '—';
        return r.personId ? <Link to={`/people/${r.personId}`}>{r.personName}</Link> : r.personName;
      },
    },
    { title: t('dashboard.records.unit'), key: 'unit', render: (_, r) => r.unitName ?? '—' },
    { title: t('dashboard.records.region'), key: 'region', render: (_, r) => r.regionName ?? '—' },
    { title: t('dashboard.records.date'), key: 'date', render: (_, r) => r.date ?? '—' },
    {
      title: t(`dashboard.measure.${measure}`),
      key: 'value',
      align: 'right',
      render: (_, r) => formatMeasure(measure, r.value),
    },
    { title: t('dashboard.records.detail'), key: 'detail', render: (_, r) => r.detail ?? '' },
  ];

  return (
    <Drawer
      open={!!drill}
      onClose={onClose}
      title={drill?.title}
      size={screens.lg ? 1000 : '100%'}
      destroyOnHidden
      data-testid="dashboard-records"
    >
      <Typography.Paragraph type="secondary">
        {t('dashboard.records.period', { from: period.from, to: period.to })}
        {records.data ? ` · ${t('dashboard.records.total', { count: records.data.total })}` : null}
      </Typography.Paragraph>
      <Table<RecordRow>
        rowKey={(r) => `${r.kind}:${r.id}`}
        size="small"
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={records.data?.items ?? []}
        loading={records.isFetching}
        data-testid="dashboard-records-table"
        locale={{
          emptyText: records.isError ? (
            <Typography.Text type="danger">{errorText(records.error, t)}</Typography.Text>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.records.empty')} />
          ),
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: records.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          onChange: (page, pageSize) =>
            setPaging((p) => ({ page: pageSize !== p.pageSize ? 1 : page, pageSize })),
        }}
      />
    </Drawer>
  );
}
