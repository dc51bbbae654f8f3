import { IMPORT_OUTCOMES, type ImportJobView, type ImportOutcome, type ImportRowView } from '@ganxun/domain';
import { Flex, Segmented, Table, type TableProps, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { useImportRows } from './api';
import { OutcomeTag } from './status-tag';

type Filter = ImportOutcome | 'all';

/** Diff keys that are shown under another field's name. */
const FIELD_ALIASES: Record<string, string> = { unitId: 'unit', unitName: 'unit' };
/** Fields whose values are enum codes with a label of their own. */
const ENUM_FIELDS = new Set(['gender', 'category', 'specialty', 'status']);

function fieldLabel(field: string, t: TFunction): string {
  const key = FIELD_ALIASES[field] ?? field;
  const label = t(`imports.fields.${key}` as 'imports.fields.name', { defaultValue: '' });
  return label || field;
}

function valueText(field: string, value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return t('common.empty');
  if (typeof value === 'string') {
    if (!ENUM_FIELDS.has(field)) return value;
    return t(`imports.values.${value}` as 'imports.values.male', { defaultValue: value });
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function RowDetail({ row }: { row: ImportRowView }) {
  const { t } = useTranslation();
  if (row.outcome === 'error') {
    return (
      <Flex vertical gap={2}>
        {row.errors.map((e) => (
          <Typography.Text key={`${e.column}:${e.code}:${e.message}`} type="danger">
            {e.column ? `${t('imports.rows.column', { column: e.column })}：` : ''}
            {e.message}
          </Typography.Text>
        ))}
      </Flex>
    );
  }
  if (row.outcome === 'update' && row.diff) {
    return (
      <Flex vertical gap={2}>
        {Object.entries(row.diff).map(([field, change]) => (
          <span key={field}>
            <Typography.Text type="secondary">{fieldLabel(field, t)}：</Typography.Text>
            <Typography.Text delete type="secondary">
              {valueText(field, change.from, t)}
            </Typography.Text>
            {' → '}
            <Typography.Text strong>{valueText(field, change.to, t)}</Typography.Text>
          </span>
        ))}
      </Flex>
    );
  }
  return (
    <Typography.Text type="secondary">
      {row.outcome === 'create' ? t('imports.rows.newPerson') : t('imports.rows.noChange')}
    </Typography.Text>
  );
}

/** The preview of a validated file: counts by outcome as a filter, then the rows page by page. */
export function RowsPreview({ job }: { job: ImportJobView }) {
  const { t } = useTranslation();
  const errors = job.summary.error ?? 0;
  // Errors first when there are any: they are what the user has to act on.
  const [filter, setFilter] = useState<Filter>(errors > 0 ? 'error' : 'all');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const rows = useImportRows(
    job.id,
    { outcome: filter === 'all' ? undefined : filter, ...paging },
    job.status !== 'validating' && job.status !== 'failed',
  );
  const total = IMPORT_OUTCOMES.reduce((sum, o) => sum + (job.summary[o] ?? 0), 0);

  const columns: TableProps<ImportRowView>['columns'] = [
    { title: t('imports.rows.rowNo'), dataIndex: 'rowNo', key: 'rowNo', width: 72 },
    {
      title: t('imports.rows.outcome'),
      key: 'outcome',
      width: 90,
      render: (_, row) => <OutcomeTag outcome={row.outcome} />,
    },
    {
      title: t('imports.rows.name'),
      dataIndex: 'name',
      key: 'name',
      width: 110,
      render: (v: string | null) => v || t('common.empty'),
    },
    {
      title: t('imports.rows.idNumber'),
      dataIndex: 'idNumber',
      key: 'idNumber',
      width: 190,
      render: (v: string | null) =>
        v ? (
          <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{v}</span>
        ) : (
          t('common.empty')
        ),
    },
    {
      title: t('imports.rows.unit'),
      dataIndex: 'unitName',
      key: 'unitName',
      width: 200,
      render: (v: string | null) => v || t('common.empty'),
    },
    { title: t('imports.rows.detail'), key: 'detail', render: (_, row) => <RowDetail row={row} /> },
  ];

  const options = [
    { value: 'all' as Filter, label: t('imports.job.all', { count: total }) },
    ...IMPORT_OUTCOMES.map((o) => ({
      value: o as Filter,
      label: `${t(`imports.outcome.${o}`)} ${job.summary[o] ?? 0}`,
      disabled: !job.summary[o] && filter !== o,
    })),
  ];

  return (
    <Flex vertical gap={12}>
      <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <Segmented<Filter>
          value={filter}
          options={options}
          onChange={(value) => {
            setFilter(value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          data-testid="import-filter"
        />
      </div>
      <Table<ImportRowView>
        rowKey="rowNo"
        size="small"
        columns={columns}
        dataSource={rows.data?.items ?? []}
        loading={rows.isFetching}
        scroll={{ x: 980 }}
        locale={{ emptyText: rows.isError ? errorText(rows.error, t) : t('imports.rows.empty') }}
        pagination={{
          current: rows.data?.page ?? paging.page,
          pageSize: rows.data?.pageSize ?? paging.pageSize,
          total: rows.data?.total ?? 0,
          showSizeChanger: true,
          hideOnSinglePage: true,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (page, pageSize) =>
            setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize })),
        }}
        data-testid="import-rows"
      />
    </Flex>
  );
}
