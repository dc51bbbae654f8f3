import {
  JOINT_CLASS_KINDS,
  type JointClassKind,
  type JointClassStatsRow,
  type PartnershipView,
  SECONDMENT_STATS_DIMENSIONS,
  type SecondmentStatsDimension,
  type SecondmentStatsRow,
  STATS_BASES,
  type StatsBasis,
} from '@ganxun/domain';
import { Card, Col, Empty, Flex, Row, Segmented, Select, Table, type TableProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { useJointClassStats, usePartnershipOptions, useSecondmentStats } from './api';
import { type BarSeries, Bars } from './bar-chart';
import { directionLabel, useSecondmentForms, yearChoices } from './labels';

interface StatsFilters {
  partnershipId?: string;
  fromYear: number;
  toYear: number;
  basis: StatsBasis;
  groupBy: SecondmentStatsDimension[];
}

const DEFAULT_GROUP_BY: SecondmentStatsDimension[] = ['year', 'direction'];

/** The statistics' filters live in the address (`/exchange-stats?fromYear=2018&groupBy=year,category`). */
function useStatsFilters(
  defaultFrom: number | undefined,
): [StatsFilters, (change: Partial<StatsFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = (key: string, fallback: number) => {
    const n = Number(params.get(key));
    return Number.isInteger(n) && n >= 1949 && n <= 2100 ? n : fallback;
  };
  const rawGroupBy = params.get('groupBy');
  const groupBy =
    rawGroupBy === null
      ? DEFAULT_GROUP_BY
      : [...new Set(rawGroupBy.split(','))]
          .filter((d): d is SecondmentStatsDimension =>
            (SECONDMENT_STATS_DIMENSIONS as readonly string[]).includes(d),
          )
          .slice(0, 3);
  const basis = params.get('basis') === 'in_post' ? 'in_post' : 'started';
  const filters: StatsFilters = {
    partnershipId: params.get('partnershipId') ?? undefined,
    fromYear: year('fromYear', Math.min(thisYear, defaultFrom ?? thisYear - 5)),
    toYear: year('toYear', thisYear),
    basis,
    groupBy,
  };
  const update = (change: Partial<StatsFilters>) => {
    const next = { ...filters, ...change };
    if (next.toYear < next.fromYear) {
      if ('fromYear' in change) next.toYear = next.fromYear;
      else next.fromYear = next.toYear;
    }
    const search = new URLSearchParams();
    if (next.partnershipId) search.set('partnershipId', next.partnershipId);
    search.set('fromYear', String(next.fromYear));
    search.set('toYear', String(next.toYear));
    if (next.basis !== 'started') search.set('basis', next.basis);
    search.set('groupBy', next.groupBy.join(','));
    setParams(search, { replace: true });
  };
  return [filters, update];
}

/** The label of one dimension's value in a row, in the UI language. */
function useDimensionLabel(partnership: PartnershipView | undefined) {
  const { t } = useTranslation();
  const forms = useSecondmentForms();
  return (dimension: SecondmentStatsDimension, row: SecondmentStatsRow): string => {
    const none = t('partnerships.stats.none');
    switch (dimension) {
      case 'year':
        return row.year != null ? String(row.year) : none;
      case 'direction':
        if (!row.direction) return none;
        // With one pairing chosen, its sides name the direction in the UI language (江干區 in zh-TW).
        if (partnership) return directionLabel(partnership, row.direction);
        return row.directionName ?? t(`partnerships.direction.${row.direction}`);
      case 'category':
        return row.category ? t(`partnerships.category.${row.category}`) : none;
      case 'specialty':
        // Cadres have no specialty: "not applicable" rather than "not set".
        return row.specialty
          ? t(`partnerships.specialty.${row.specialty}`)
          : row.category === 'cadre'
            ? t('partnerships.stats.notApplicable')
            : none;
      case 'form':
        return row.form ? forms.label(row.form) : none;
      case 'hostUnitType':
        return row.hostUnitType ? t(`directory.unitType.${row.hostUnitType}`) : none;
    }
  };
}

/** A stable key of a row's value on one dimension, for grouping the chart. */
const valueKey = (dimension: SecondmentStatsDimension, row: SecondmentStatsRow) =>
  String(row[dimension] ?? '');

function SecondmentStatsCard({
  filters,
  partnership,
}: {
  filters: StatsFilters;
  partnership: PartnershipView | undefined;
}) {
  const { t } = useTranslation();
  const stats = useSecondmentStats(filters);
  const label = useDimensionLabel(partnership);
  const rows = stats.data?.rows ?? [];
  const groupBy = stats.data?.groupBy ?? filters.groupBy;

  const columns: TableProps<SecondmentStatsRow>['columns'] = [
    ...groupBy.map((d) => ({
      title: t(`partnerships.stats.dimension.${d}`),
      key: d,
      render: (_: unknown, row: SecondmentStatsRow) => label(d, row),
    })),
    {
      title: t('partnerships.stats.people'),
      dataIndex: 'people',
      key: 'people',
      align: 'right' as const,
    },
    {
      title: t('partnerships.stats.personTimes'),
      dataIndex: 'personTimes',
      key: 'personTimes',
      align: 'right' as const,
    },
  ];

  // The chart: the first dimension along the axis; the second (if any) as stacked series of
  // person-times, else people and person-times side by side.
  const first = groupBy[0];
  const second = groupBy[1];
  let categories: string[] = [];
  let series: BarSeries[] = [];
  if (first) {
    let xKeys = [...new Set(rows.map((r) => valueKey(first, r)))];
    // Along years, every year of the range gets a slot, so that a gap shows as one.
    if (first === 'year' && rows.length > 0) {
      const all: string[] = [];
      for (let y = filters.fromYear; y <= filters.toYear; y++) all.push(String(y));
      xKeys = [...all, ...xKeys.filter((k) => !all.includes(k))];
    }
    const xRow = new Map(
      xKeys.map((k) => [k, rows.find((r) => valueKey(first, r) === k) as SecondmentStatsRow]),
    );
    categories = xKeys.map((k) => {
      const sample = xRow.get(k);
      return sample ? label(first, sample) : k;
    });
    if (second) {
      const sKeys = [...new Set(rows.map((r) => valueKey(second, r)))];
      series = sKeys.map((sk) => {
        const sample = rows.find((r) => valueKey(second, r) === sk) as SecondmentStatsRow;
        return {
          name: label(second, sample),
          stack: 'all',
          data: xKeys.map((xk) =>
            rows
              .filter((r) => valueKey(first, r) === xk && valueKey(second, r) === sk)
              .reduce((s, r) => s + r.personTimes, 0),
          ),
        };
      });
    } else {
      series = [
        { name: t('partnerships.stats.people'), data: xKeys.map((k) => xRow.get(k)?.people ?? 0) },
        { name: t('partnerships.stats.personTimes'), data: xKeys.map((k) => xRow.get(k)?.personTimes ?? 0) },
      ];
    }
  }

  return (
    <Card
      title={t('partnerships.stats.secondmentsCard')}
      extra={
        second ? (
          <Typography.Text type="secondary">{t('partnerships.stats.personTimes')}</Typography.Text>
        ) : null
      }
    >
      {stats.isError ? (
        <Typography.Text type="danger" data-testid="exchange-stats-error">
          {errorText(stats.error, t)}
        </Typography.Text>
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} xxl={first ? 12 : 24}>
            {groupBy.length === 0 ? (
              <Typography.Paragraph type="secondary">
                {t('partnerships.stats.noDimension')}
              </Typography.Paragraph>
            ) : null}
            <Table<SecondmentStatsRow>
              size="small"
              rowKey={(r) => groupBy.map((d) => valueKey(d, r)).join('|') || 'all'}
              loading={stats.isFetching}
              columns={columns}
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              data-testid="exchange-stats-table"
              summary={() =>
                stats.data ? (
                  <Table.Summary.Row data-testid="exchange-stats-totals">
                    <Table.Summary.Cell index={0} colSpan={Math.max(1, groupBy.length)}>
                      <Typography.Text strong>{t('partnerships.stats.total')}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      <Typography.Text strong>{stats.data.totals.people}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      <Typography.Text strong>{stats.data.totals.personTimes}</Typography.Text>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Col>
          {first ? (
            <Col xs={24} xxl={12}>
              {rows.length === 0 ? (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t('partnerships.stats.chartEmpty')}
                />
              ) : (
                <Bars categories={categories} series={series} height={340} testId="exchange-stats-chart" />
              )}
            </Col>
          ) : null}
        </Row>
      )}
    </Card>
  );
}

function JointClassStatsCard({ filters }: { filters: StatsFilters }) {
  const { t } = useTranslation();
  const stats = useJointClassStats({
    partnershipId: filters.partnershipId,
    fromYear: filters.fromYear,
    toYear: filters.toYear,
    groupBy: ['year', 'kind'],
  });
  const rows = stats.data?.rows ?? [];
  const kindLabel = (k: JointClassKind | null | undefined) =>
    k ? t(`partnerships.jointKind.${k}`) : t('partnerships.stats.none');
  // Every year of the range gets a slot (a gap shows as one); rows without a year go last.
  const years: number[] = [];
  if (rows.length > 0) for (let y = filters.fromYear; y <= filters.toYear; y++) years.push(y);
  if (rows.some((r) => r.year == null)) years.push(0);
  const series: BarSeries[] = JOINT_CLASS_KINDS.map((k) => ({
    name: kindLabel(k),
    stack: 'classes',
    data: years.map((y) =>
      rows.filter((r) => (r.year ?? 0) === y && r.kind === k).reduce((s, r) => s + r.personTimes, 0),
    ),
  })).filter((s) => s.data.some((n) => n > 0));

  return (
    <Card
      title={t('partnerships.stats.jointCard')}
      extra={<Typography.Text type="secondary">{t('partnerships.stats.jointPersonTimes')}</Typography.Text>}
    >
      {stats.isError ? (
        <Typography.Text type="danger">{errorText(stats.error, t)}</Typography.Text>
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} xxl={12}>
            <Table<JointClassStatsRow>
              size="small"
              rowKey={(r) => `${r.year}|${r.kind}`}
              loading={stats.isFetching}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="exchange-joint-table"
              columns={[
                {
                  title: t('partnerships.stats.dimension.year'),
                  key: 'year',
                  render: (_, r) => r.year ?? t('partnerships.stats.none'),
                },
                { title: t('partnerships.classes.kind'), key: 'kind', render: (_, r) => kindLabel(r.kind) },
                {
                  title: t('partnerships.stats.classes'),
                  dataIndex: 'classes',
                  key: 'classes',
                  align: 'right',
                },
                {
                  title: t('partnerships.stats.jointPersonTimes'),
                  dataIndex: 'personTimes',
                  key: 'personTimes',
                  align: 'right',
                },
                {
                  title: t('partnerships.stats.jointPeople'),
                  dataIndex: 'people',
                  key: 'people',
                  align: 'right',
                },
              ]}
              summary={() =>
                stats.data ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={2}>
                      <Typography.Text strong>{t('partnerships.stats.total')}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      <Typography.Text strong>{stats.data.totals.classes}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      <Typography.Text strong>{stats.data.totals.personTimes}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      <Typography.Text strong>{stats.data.totals.people}</Typography.Text>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Col>
          <Col xs={24} xxl={12}>
            {series.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('partnerships.stats.chartEmpty')} />
            ) : (
              <Bars
                categories={years.map((y) => (y ? String(y) : t('partnerships.stats.none')))}
                series={series}
                height={260}
                testId="exchange-joint-chart"
              />
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}

/** /exchange-stats: secondments and joint classes counted in SQL, by the dimensions the reader picks. */
export default function ExchangeStatsPage() {
  const { t } = useTranslation();
  const partnerships = usePartnershipOptions();
  // By default the period starts with the earliest pairing the reader reaches.
  const starts = (partnerships.data?.items ?? []).map((p) => p.startYear);
  const [filters, setFilters] = useStatsFilters(starts.length ? Math.min(...starts) : undefined);
  const years = yearChoices();

  return (
    <>
      <PageHeader title={t('partnerships.stats.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={16} wrap align="flex-end" data-testid="exchange-stats-filters">
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('partnerships.stats.partnership')}</Typography.Text>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('partnerships.stats.allPartnerships')}
              value={filters.partnershipId}
              onChange={(partnershipId?: string) => setFilters({ partnershipId })}
              loading={partnerships.isPending}
              options={(partnerships.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              style={{ width: 260, maxWidth: '100%' }}
              popupMatchSelectWidth={false}
              data-testid="exchange-stats-partnership"
            />
          </Flex>
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">
              {t('partnerships.stats.fromYear')} – {t('partnerships.stats.toYear')}
            </Typography.Text>
            <Flex gap={4} align="center">
              <Select
                value={filters.fromYear}
                onChange={(fromYear: number) => setFilters({ fromYear })}
                options={years.map((y) => ({ value: y, label: y }))}
                style={{ width: 96 }}
                data-testid="exchange-stats-from"
              />
              <span>–</span>
              <Select
                value={filters.toYear}
                onChange={(toYear: number) => setFilters({ toYear })}
                options={years.map((y) => ({ value: y, label: y }))}
                style={{ width: 96 }}
                data-testid="exchange-stats-to"
              />
            </Flex>
          </Flex>
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('partnerships.stats.basis')}</Typography.Text>
            <Segmented<StatsBasis>
              value={filters.basis}
              onChange={(basis) => setFilters({ basis })}
              options={STATS_BASES.map((b) => ({
                value: b,
                label: t(
                  b === 'started' ? 'partnerships.stats.basisStarted' : 'partnerships.stats.basisInPost',
                ),
              }))}
              data-testid="exchange-stats-basis"
            />
          </Flex>
          <Flex vertical gap={4} style={{ flex: '1 1 300px' }}>
            <Typography.Text type="secondary">{t('partnerships.stats.groupByLabel')}</Typography.Text>
            <Select<SecondmentStatsDimension[]>
              mode="multiple"
              maxCount={3}
              value={filters.groupBy}
              onChange={(groupBy) => setFilters({ groupBy })}
              options={SECONDMENT_STATS_DIMENSIONS.map((d) => ({
                value: d,
                label: t(`partnerships.stats.dimension.${d}`),
              }))}
              style={{ minWidth: 280, width: '100%' }}
              data-testid="exchange-stats-group-by"
            />
          </Flex>
        </Flex>
        <Typography.Paragraph
          type="secondary"
          style={{ margin: '12px 0 0' }}
          data-testid="exchange-stats-basis-help"
        >
          {t(
            filters.basis === 'started'
              ? 'partnerships.stats.basisStartedHelp'
              : 'partnerships.stats.basisInPostHelp',
          )}
        </Typography.Paragraph>
      </Card>
      {partnerships.isPending ? null : (
        <Flex vertical gap={16}>
          <SecondmentStatsCard
            filters={filters}
            partnership={partnerships.data?.items.find((p) => p.id === filters.partnershipId)}
          />
          <JointClassStatsCard filters={filters} />
        </Flex>
      )}
    </>
  );
}
