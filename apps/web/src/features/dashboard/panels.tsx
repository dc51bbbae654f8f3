import type { DashboardView } from '@ganxun/domain';
import { Button, Card, Col, Empty, Row, Segmented, Table, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Drill, Period } from './api';
import { Bars, type GeoJson, RankBars, RegionMap, registerProvince, type Series } from './charts';
import { formatCount, formatPercent, formatScore, monthsBetween } from './format';
import { featureRegionCode, loadProvinceMap } from './province-maps';

type OnDrill = (drill: Drill) => void;

/** A panel of the dashboard: its chart, or a quiet "nothing in this period". */
function Panel({
  title,
  extra,
  empty,
  testId,
  children,
}: {
  title: string;
  extra?: ReactNode;
  empty: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card title={title} extra={extra} className="gx-dashboard-panel" data-testid={testId}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.empty')} /> : children}
    </Card>
  );
}

/** Classes or person-times by month of the class's start, stacked by class kind. */
export function MonthPanel({
  view,
  period,
  onDrill,
}: {
  view: DashboardView;
  period: Period;
  onDrill: OnDrill;
}) {
  const { t } = useTranslation();
  const [measure, setMeasure] = useState<'personTimes' | 'classes'>('personTimes');
  const rows = view.byMonth;
  const all = monthsBetween(period.from, period.to);
  // Along a long period only the months with classes get a slot.
  const months = all.length <= 36 ? all : [...new Set(rows.map((r) => r.month))].sort();
  const kinds = [...new Map(rows.map((r) => [r.classKind, r.classKindLabel])).entries()];
  const series: Series[] = kinds.map(([kind, label]) => ({
    name: label,
    stack: 'kind',
    data: months.map((m) =>
      rows.filter((r) => r.month === m && r.classKind === kind).reduce((s, r) => s + r[measure], 0),
    ),
  }));
  return (
    <Panel
      title={t('dashboard.panel.byMonth')}
      testId="dashboard-by-month"
      empty={rows.length === 0}
      extra={
        <Segmented
          size="small"
          value={measure}
          onChange={(v) => setMeasure(v as typeof measure)}
          options={[
            { value: 'personTimes', label: t('dashboard.measure.personTimes') },
            { value: 'classes', label: t('dashboard.measure.classes') },
          ]}
          data-testid="dashboard-by-month-measure"
        />
      }
    >
      <Bars
        categories={months}
        series={series}
        height={320}
        onClick={({ dataIndex, seriesIndex }) => {
          const month = months[dataIndex];
          const kind = kinds[seriesIndex];
          if (!month || !kind) return;
          onDrill({
            title: `${month} · ${kind[1]} · ${t(`dashboard.measure.${measure}`)}`,
            measure,
            filters: { month, classKind: kind[0] },
          });
        }}
      />
    </Panel>
  );
}

/** The province map of the reader coloured by person-times, its figures as a table beside it. */
export function RegionPanel({ view, onDrill }: { view: DashboardView; onDrill: OnDrill }) {
  const { t } = useTranslation();
  const rows = view.byRegion;
  const [geo, setGeo] = useState<{ name: string; json: GeoJson } | null>(null);
  const provinceCode = view.province?.code;
  useEffect(() => {
    let live = true;
    setGeo(null);
    if (!provinceCode) return;
    loadProvinceMap(provinceCode)
      .then((json) => {
        if (!live || !json) return;
        const name = `gx-province-${provinceCode}`;
        registerProvince(name, json);
        setGeo({ name, json });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [provinceCode]);

  const drill = (regionCode: string, name: string, measure: 'people' | 'personTimes' = 'personTimes') =>
    onDrill({
      title: `${name} · ${t(`dashboard.measure.${measure}`)}`,
      measure,
      filters: { regionCode },
    });

  // Each map feature finds its row by code (襄樊市 is 420600, today's 襄阳市), else by name.
  const features = (geo?.json.features ?? []).map((f) => {
    const code = featureRegionCode(f.id);
    const row =
      rows.find((r) => r.regionCode === code) ?? rows.find((r) => r.name === f.properties.name) ?? null;
    return { name: f.properties.name, row };
  });

  return (
    <Panel
      title={t('dashboard.panel.byRegion', { province: view.province?.name ?? '' })}
      testId="dashboard-by-region"
      empty={rows.length === 0}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} md={13}>
          {geo ? (
            <RegionMap
              mapName={geo.name}
              seriesName={t('dashboard.measure.personTimes')}
              data={features.map((f) => ({ name: f.name, value: f.row?.personTimes ?? 0 }))}
              onClick={({ name }) => {
                const row = features.find((f) => f.name === name)?.row;
                if (row) drill(row.regionCode, row.name);
              }}
            />
          ) : (
            <Bars
              categories={rows.map((r) => r.name)}
              series={[{ name: t('dashboard.measure.personTimes'), data: rows.map((r) => r.personTimes) }]}
              height={320}
              onClick={({ dataIndex }) => {
                const row = rows[dataIndex];
                if (row) drill(row.regionCode, row.name);
              }}
            />
          )}
        </Col>
        <Col xs={24} md={11}>
          <Table
            size="small"
            rowKey="regionCode"
            dataSource={rows}
            pagination={false}
            scroll={{ y: 340 }}
            data-testid="dashboard-region-table"
            columns={[
              {
                title: t('dashboard.region'),
                dataIndex: 'name',
                key: 'name',
                onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              },
              {
                title: t('dashboard.measure.people'),
                key: 'people',
                align: 'right',
                render: (_, r) => (
                  <Button type="link" size="small" onClick={() => drill(r.regionCode, r.name, 'people')}>
                    {formatCount(r.people)}
                  </Button>
                ),
              },
              {
                title: t('dashboard.measure.personTimes'),
                key: 'personTimes',
                align: 'right',
                render: (_, r) => (
                  <Button type="link" size="small" onClick={() => drill(r.regionCode, r.name)}>
                    {formatCount(r.personTimes)}
                  </Button>
                ),
              },
            ]}
          />
        </Col>
      </Row>
    </Panel>
  );
}

/** The best-rated lecturers (mean rating of their lecture forms, from the minimum of responses). */
export function LecturersPanel({ view, onDrill }: { view: DashboardView; onDrill: OnDrill }) {
  const { t } = useTranslation();
  const rows = view.topLecturers;
  return (
    <Panel
      title={t('dashboard.panel.topLecturers')}
      testId="dashboard-top-lecturers"
      empty={rows.length === 0}
    >
      <RankBars
        names={rows.map((r) => r.name)}
        values={rows.map((r) => r.score)}
        max={5}
        onClick={({ dataIndex }) => {
          const row = rows[dataIndex];
          if (row)
            onDrill({
              title: `${row.name} · ${formatScore(row.score)} (${t('dashboard.responses', { count: row.responses })})`,
              measure: 'satisfaction',
              filters: { lecturerId: row.lecturerId },
            });
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboard.minimumNote')}
      </Typography.Text>
    </Panel>
  );
}

/** The best-rated topics of the classes. */
export function TopicsPanel({ view, onDrill }: { view: DashboardView; onDrill: OnDrill }) {
  const { t } = useTranslation();
  const rows = view.topTopics;
  return (
    <Panel title={t('dashboard.panel.topTopics')} testId="dashboard-top-topics" empty={rows.length === 0}>
      <RankBars
        names={rows.map((r) => r.topic)}
        values={rows.map((r) => r.score)}
        max={5}
        onClick={({ dataIndex }) => {
          const row = rows[dataIndex];
          if (row)
            onDrill({
              title: `${row.topic} · ${t('dashboard.measure.satisfaction')}`,
              measure: 'satisfaction',
              filters: { topic: row.topic },
            });
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboard.minimumNote')}
      </Typography.Text>
    </Panel>
  );
}

/** Study-hour compliance by unit; a bar opens the unit's below-requirement list. */
export function CompliancePanel({ view }: { view: DashboardView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rows = view.compliance;
  const year = Number(view.to.slice(0, 4));
  return (
    <Panel
      title={t('dashboard.panel.compliance', { year })}
      testId="dashboard-compliance"
      empty={rows.length === 0}
    >
      <RankBars
        names={rows.map((r) => `${r.unitName} · ${r.compliant}/${r.people}`)}
        height={Math.max(160, rows.length * 26 + 24)}
        values={rows.map((r) => r.rate ?? 0)}
        percent
        onClick={({ dataIndex }) => {
          const row = rows[dataIndex];
          if (row) navigate(`/training-records?year=${year}&unitId=${row.unitId}`);
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboard.complianceNote', {
          people: formatCount(rows.reduce((s, r) => s + r.people, 0)),
          rate: formatPercent(
            rows.reduce((s, r) => s + r.people, 0)
              ? rows.reduce((s, r) => s + r.compliant, 0) / rows.reduce((s, r) => s + r.people, 0)
              : null,
          ),
        })}
      </Typography.Text>
    </Panel>
  );
}

/** Secondments started by year, stacked by direction ("恩施市 → 江干区"). */
export function FlowsPanel({
  view,
  period,
  onDrill,
}: {
  view: DashboardView;
  period: Period;
  onDrill: OnDrill;
}) {
  const { t } = useTranslation();
  const rows = view.exchangeFlows;
  const years: number[] = [];
  for (let y = Number(period.from.slice(0, 4)); y <= Number(period.to.slice(0, 4)); y++) years.push(y);
  const directions = [...new Map(rows.map((r) => [`${r.partnershipId}|${r.direction}`, r])).values()].map(
    (r) => ({ partnershipId: r.partnershipId, direction: r.direction, name: r.directionName }),
  );
  const series: Series[] = directions.map((d) => ({
    name: d.name,
    stack: 'direction',
    data: years.map((y) =>
      rows
        .filter((r) => r.year === y && r.partnershipId === d.partnershipId && r.direction === d.direction)
        .reduce((s, r) => s + r.personTimes, 0),
    ),
  }));
  return (
    <Panel
      title={t('dashboard.panel.exchangeFlows')}
      testId="dashboard-exchange-flows"
      empty={rows.length === 0}
    >
      <Bars
        categories={years.map(String)}
        series={series}
        height={300}
        onClick={({ dataIndex, seriesIndex }) => {
          const year = years[dataIndex];
          const d = directions[seriesIndex];
          if (!year || !d) return;
          onDrill({
            title: `${year} · ${d.name} · ${t('dashboard.measure.secondments')}`,
            measure: 'secondments',
            filters: { partnershipId: d.partnershipId, year },
          });
        }}
      />
    </Panel>
  );
}
