import type { AnnualClassRow, ReportMeasure, ReportRow } from '@ganxun/domain';
import { Card, Col, Flex, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UnitPicker } from '../../components/unit-picker';
import { useAnnualReport } from './api';
import { formatMeasure } from './format';
import { ExportButton, KpiRow, LoadError, ReportYearSelect } from './parts';

const MEASURES = [
  'classes',
  'people',
  'personTimes',
  'hours',
  'attendanceRate',
  'satisfaction',
  'completionRate',
] as const satisfies readonly ReportMeasure[];
const REGION_MEASURES = ['people', 'personTimes', 'hours'] as const satisfies readonly ReportMeasure[];
const CLASS_MEASURES = MEASURES.filter((m) => m !== 'classes');

/** The annual training report: year and organiser, headline figures, tables by kind/month/region, classes. */
export function AnnualTab({
  year,
  organiserId,
  onChange,
}: {
  year: number;
  organiserId: string | null;
  onChange: (patch: { year?: number; organiserId?: string | null }) => void;
}) {
  const { t } = useTranslation();
  const { data, error, isFetching } = useAnnualReport(year, organiserId);
  const measureColumns = (measures: readonly ReportMeasure[]): ColumnsType<ReportRow> =>
    measures.map((m) => ({
      key: m,
      title: t(`reports.measures.${m}`),
      align: 'right',
      render: (_: unknown, row: ReportRow) => formatMeasure(m, row.values[m]),
    }));
  const grouped = (first: string, measures: readonly ReportMeasure[]): ColumnsType<ReportRow> => [
    { key: 'key', title: first, render: (_: unknown, row: ReportRow) => row.keys[0]?.label ?? '—' },
    ...measureColumns(measures),
  ];
  const totalsRow = (measures: readonly ReportMeasure[]) => () => (
    <Table.Summary.Row>
      <Table.Summary.Cell index={0}>
        <Typography.Text strong>{t('reports.total')}</Typography.Text>
      </Table.Summary.Cell>
      {measures.map((m, i) => (
        <Table.Summary.Cell key={m} index={i + 1} align="right">
          <Typography.Text strong>{formatMeasure(m, data?.totals[m])}</Typography.Text>
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
  const classColumns: ColumnsType<AnnualClassRow> = [
    {
      key: 'code',
      title: t('reports.annual.code'),
      width: 110,
      render: (_, c) => <Link to={`/classes/${c.classId}`}>{c.code}</Link>,
    },
    {
      key: 'name',
      title: t('reports.annual.name'),
      ellipsis: { showTitle: true },
      render: (_, c) => <Link to={`/classes/${c.classId}`}>{c.name}</Link>,
    },
    { key: 'kind', title: t('reports.annual.kind'), dataIndex: 'classKindLabel', width: 120 },
    {
      key: 'dates',
      title: t('reports.annual.dates'),
      width: 200,
      render: (_, c) => [c.startDate, c.endDate].filter(Boolean).join(' ~ ') || '—',
    },
    ...CLASS_MEASURES.map((m) => ({
      key: m,
      title: t(`reports.measures.${m}`),
      align: 'right' as const,
      width: 96,
      render: (_: unknown, c: AnnualClassRow) =>
        formatMeasure(m, c[m as keyof AnnualClassRow] as number | null),
    })),
  ];
  const scope = data?.organiser?.name ?? data?.scopeLabel ?? '';
  return (
    <div>
      <Flex gap={12} wrap align="center" className="gx-reports-toolbar">
        <ReportYearSelect value={year} onChange={(y) => onChange({ year: y })} testId="reports-annual-year" />
        <UnitPicker
          value={organiserId}
          onChange={(id) => onChange({ organiserId: id })}
          placeholder={t('reports.annual.organiserAll')}
          allowClear
          style={{ width: 320 }}
          data-testid="reports-annual-organiser"
        />
        <ExportButton
          path="/reports/annual-training"
          query={{ year, organiserId: organiserId ?? undefined }}
          fallbackName={`annual-training-${year}.xlsx`}
          testId="reports-annual-export"
        />
      </Flex>
      {error ? (
        <LoadError error={error} />
      ) : (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="reports-annual-title">
            {scope ? t('reports.annual.reportTitle', { year, scope }) : ' '}
          </Typography.Title>
          <KpiRow values={data?.totals} measures={MEASURES} testPrefix="reports-annual-kpi" />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('reports.annual.byKind')}>
                <Table<ReportRow>
                  size="small"
                  rowKey={(r) => String(r.keys[0]?.value)}
                  columns={grouped(t('reports.annual.kind'), MEASURES)}
                  dataSource={data?.byKind ?? []}
                  loading={isFetching && !data}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  summary={data?.byKind.length ? totalsRow(MEASURES) : undefined}
                  data-testid="reports-annual-by-kind"
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('reports.annual.byRegion')}>
                <Table<ReportRow>
                  size="small"
                  rowKey={(r) => String(r.keys[0]?.value)}
                  columns={grouped(t('reports.annual.region'), REGION_MEASURES)}
                  dataSource={data?.byRegion ?? []}
                  loading={isFetching && !data}
                  pagination={false}
                  scroll={{ x: 'max-content', y: 320 }}
                  summary={data?.byRegion.length ? totalsRow(REGION_MEASURES) : undefined}
                  data-testid="reports-annual-by-region"
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" title={t('reports.annual.byMonth')}>
                <Table<ReportRow>
                  size="small"
                  rowKey={(r) => String(r.keys[0]?.value)}
                  columns={grouped(t('reports.annual.month'), MEASURES)}
                  dataSource={data?.byMonth ?? []}
                  loading={isFetching && !data}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  summary={data?.byMonth.length ? totalsRow(MEASURES) : undefined}
                  data-testid="reports-annual-by-month"
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" title={t('reports.annual.classes')}>
                <Table<AnnualClassRow>
                  size="small"
                  rowKey="classId"
                  columns={classColumns}
                  dataSource={data?.classes ?? []}
                  loading={isFetching && !data}
                  pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                  scroll={{ x: 1200 }}
                  data-testid="reports-annual-classes"
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
