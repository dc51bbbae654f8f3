import type { ReportDimension, ReportKey, ReportMeasure, ReportRow, ReportView } from '@ganxun/domain';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatValue } from './definition';

export interface CellClick {
  measure: ReportMeasure;
  /** The row's keys with their dimensions; empty for the totals row. */
  keys: { dimension: ReportDimension; key: ReportKey }[];
}

interface Line {
  id: string;
  row: ReportRow;
}

/**
 * The report as a table: a column per dimension, then per measure (people 人 and person-times
 * 人次 apart; rates as %, satisfaction as x.xx), a totals row from `totals` (people counted once,
 * rates recomputed by the server). A figure opens the records behind it.
 */
export function ReportTable({ report, onCell }: { report: ReportView; onCell: (cell: CellClick) => void }) {
  const { t } = useTranslation();
  const keysOf = (row: ReportRow) =>
    report.dimensions.map((dimension, i) => ({ dimension, key: row.keys[i] ?? { value: null, label: '—' } }));
  const columns: ColumnsType<Line> = [
    ...report.dimensions.map((d, i) => ({
      key: `d${i}`,
      title: t(`reportBuilder.dimension.${d}`),
      render: (_: unknown, line: Line) => line.row.keys[i]?.label ?? '—',
      sorter: (a: Line, b: Line) =>
        String(a.row.keys[i]?.value ?? '').localeCompare(String(b.row.keys[i]?.value ?? ''), 'zh-CN', {
          numeric: true,
        }),
    })),
    ...report.measures.map((m) => ({
      key: m,
      title: t(`reportBuilder.measure.${m}`),
      align: 'right' as const,
      sorter: (a: Line, b: Line) => (a.row.values[m] ?? -1) - (b.row.values[m] ?? -1),
      render: (_: unknown, line: Line) => {
        const v = line.row.values[m];
        if (v === null || v === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Typography.Link
            data-testid={`rb-cell-${m}`}
            onClick={() => onCell({ measure: m, keys: keysOf(line.row) })}
          >
            {formatValue(m, v)}
          </Typography.Link>
        );
      },
    })),
  ];
  const lines: Line[] = report.rows.map((row, i) => ({ id: String(i), row }));
  return (
    <Table<Line>
      data-testid="rb-table"
      rowKey="id"
      size="small"
      bordered
      columns={columns}
      dataSource={lines}
      scroll={{ x: 'max-content' }}
      pagination={lines.length > 50 ? { pageSize: 50, showSizeChanger: true, size: 'small' } : false}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row data-testid="rb-totals">
            {report.dimensions.length > 0 ? (
              <Table.Summary.Cell index={0} colSpan={report.dimensions.length}>
                <Typography.Text strong>{t('reportBuilder.total')}</Typography.Text>
              </Table.Summary.Cell>
            ) : null}
            {report.measures.map((m, i) => (
              <Table.Summary.Cell key={m} index={report.dimensions.length + i} align="right">
                {report.totals[m] === null || report.totals[m] === undefined ? (
                  '—'
                ) : (
                  <Typography.Link strong onClick={() => onCell({ measure: m, keys: [] })}>
                    {formatValue(m, report.totals[m])}
                  </Typography.Link>
                )}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
