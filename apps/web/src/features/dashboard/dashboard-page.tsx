import { Alert, Col, DatePicker, Flex, Row, Select, Spin } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { RecordsDrawer } from '../report-builder/records-drawer';
import { type Drill, type Period, useDashboard } from './api';
import { KpiCards } from './kpi-cards';
import { CompliancePanel, FlowsPanel, LecturersPanel, MonthPanel, RegionPanel, TopicsPanel } from './panels';
import './dashboard.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The period lives in the address: `?year=2021` (the default: this year) or a custom
 * `?from=2021-03-01&to=2021-06-30`.
 */
function usePeriod(): [Period, number | 'custom', (next: { year: number } | Period) => void] {
  const [params, setParams] = useSearchParams();
  const thisYear = dayjs().year();
  const from = params.get('from');
  const to = params.get('to');
  const set = (next: { year: number } | Period) =>
    setParams('year' in next ? { year: String(next.year) } : { from: next.from, to: next.to }, {
      replace: true,
    });
  if (from && to && DAY.test(from) && DAY.test(to) && from <= to) return [{ from, to }, 'custom', set];
  const y = Number(params.get('year'));
  const year = Number.isInteger(y) && y >= 1949 && y <= 2100 ? y : thisYear;
  return [{ from: `${year}-01-01`, to: `${year}-12-31` }, year, set];
}

/** /dashboard: the reader's figures of a period; every figure opens the records behind it. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const [period, choice, setPeriod] = usePeriod();
  const [custom, setCustom] = useState(choice === 'custom');
  const dashboard = useDashboard(period);
  const [drill, setDrill] = useState<Drill | null>(null);
  const view = dashboard.data;
  const thisYear = dayjs().year();
  const years = Array.from({ length: thisYear + 1 - 2010 }, (_, i) => thisYear + 1 - i);

  const picker = (
    <Flex gap={8} wrap align="center" data-testid="dashboard-period">
      <Select<number | 'custom'>
        value={custom ? 'custom' : choice}
        onChange={(v) => {
          if (v === 'custom') setCustom(true);
          else {
            setCustom(false);
            setPeriod({ year: v });
          }
        }}
        options={[
          ...years.map((y) => ({ value: y, label: t('dashboard.year', { year: y }) })),
          { value: 'custom' as const, label: t('dashboard.customRange') },
        ]}
        style={{ width: 128 }}
        aria-label={t('dashboard.period')}
        data-testid="dashboard-year"
      />
      {custom ? (
        <DatePicker.RangePicker
          value={[dayjs(period.from), dayjs(period.to)]}
          allowClear={false}
          onChange={(range) => {
            const [a, b] = range ?? [];
            if (a && b) setPeriod({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
          }}
          style={{ maxWidth: '100%' }}
          data-testid="dashboard-range"
        />
      ) : null}
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        description={
          view ? t('dashboard.scope', { scope: view.scopeLabel, from: view.from, to: view.to }) : undefined
        }
        extra={picker}
      />
      {dashboard.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorText(dashboard.error, t)}
          style={{ marginBottom: 16 }}
          data-testid="dashboard-error"
        />
      ) : null}
      <KpiCards kpis={view?.kpis} loading={dashboard.isPending} onDrill={setDrill} />
      {view ? (
        <Spin spinning={dashboard.isFetching && dashboard.isPlaceholderData}>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <MonthPanel view={view} period={period} onDrill={setDrill} />
            </Col>
            <Col xs={24} xl={12}>
              <RegionPanel view={view} onDrill={setDrill} />
            </Col>
            <Col xs={24} lg={12}>
              <LecturersPanel view={view} onDrill={setDrill} />
            </Col>
            <Col xs={24} lg={12}>
              <TopicsPanel view={view} onDrill={setDrill} />
            </Col>
            <Col xs={24} lg={12}>
              <CompliancePanel view={view} />
            </Col>
            <Col xs={24} lg={12}>
              <FlowsPanel view={view} period={period} onDrill={setDrill} />
            </Col>
          </Row>
        </Spin>
      ) : dashboard.isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : null}
      <RecordsDrawer
        query={drill ? { measure: drill.measure, from: period.from, to: period.to, ...drill.filters } : null}
        title={drill?.title}
        onClose={() => setDrill(null)}
        testId="dashboard-records"
      />
    </>
  );
}
