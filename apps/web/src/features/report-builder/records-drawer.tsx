import type { RecordRow, RecordsQuery } from '@ganxun/domain';
import { Drawer, Empty, Grid, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../components/errors';
import { useRecords } from './api';
import { formatValue } from './definition';
import './report-builder.css';

export interface RecordsDrawerProps {
  /** The figure whose records to list (its measure, period and filters); null keeps the drawer closed. */
  query: Omit<RecordsQuery, 'page' | 'pageSize'> | null;
  title?: string;
  onClose(): void;
  /** The drawer's test id (its table: `<testId>-table`); default `records-drawer`. */
  testId?: string;
}

/** Measures whose records are each one unit of the figure (an enrolment, a term): no value column. */
const COUNTED = new Set(['people', 'personTimes', 'secondments']);

/**
 * The records behind a figure (GET /stats/records), a page at a time: enrolments, classes,
 * evaluation forms or secondments, linked to their pages. Reusable wherever a figure is clicked.
 */
export function RecordsDrawer({ query, title, onClose, testId = 'records-drawer' }: RecordsDrawerProps) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const key = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new figure starts at page 1
  useEffect(() => setPage(1), [key]);
  const records = useRecords(query, page, pageSize);
  const measure = query?.measure;

  const columns: ColumnsType<RecordRow> = [
    {
      key: 'class',
      title: t('reportBuilder.records.class'),
      render: (_, r) =>
        r.classId ? (
          <Link to={`/classes/${r.classId}`} title={r.className ?? undefined} className="rb-ellipsis">
            {r.classCode ? <Typography.Text type="secondary">{r.classCode} </Typography.Text> : null}
            {r.className ?? '—'}
          </Link>
        ) : (
          '—'
        ),
    },
    {
      key: 'person',
      title: t('reportBuilder.records.person'),
      render: (_, r) => {
        if (r.kind === 'secondment')
          return (
            <Link to={`/secondments/${r.id}`}>{r.personName ?? t('reportBuilder.records.secondment')}</Link>
          );
        if (r.personId) return <Link to={`/people/${r.personId}`}>{r.personName ?? '—'}</Link>;
        return r.personName ?? '—';
      },
    },
    { key: 'unit', title: t('reportBuilder.records.unit'), render: (_, r) => r.unitName ?? '—' },
    { key: 'region', title: t('reportBuilder.records.region'), render: (_, r) => r.regionName ?? '—' },
    { key: 'date', title: t('reportBuilder.records.date'), render: (_, r) => r.date ?? '—', width: 110 },
    {
      key: 'value',
      title: measure ? t(`reportBuilder.measure.${measure}`) : '',
      align: 'right',
      render: (_, r) => (measure ? formatValue(measure, r.value) : (r.value ?? '—')),
    },
    { key: 'detail', title: t('reportBuilder.records.detail'), render: (_, r) => r.detail ?? '' },
  ];

  return (
    <Drawer
      open={!!query}
      onClose={onClose}
      title={title ?? t('reportBuilder.records.title')}
      size={screens.md ? 960 : '100%'}
      destroyOnHidden
      data-testid={testId}
    >
      <div data-testid={`${testId}-table`}>
        <Table<RecordRow>
          rowKey={(r) => `${r.kind}:${r.id}`}
          size="small"
          columns={columns.filter((c) => c.key !== 'value' || !COUNTED.has(measure ?? ''))}
          dataSource={records.data?.items ?? []}
          loading={records.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: records.isError ? (
              <Typography.Text type="danger">{errorText(records.error, t)}</Typography.Text>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: records.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('reportBuilder.records.total', { count: total }),
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
        />
      </div>
    </Drawer>
  );
}
