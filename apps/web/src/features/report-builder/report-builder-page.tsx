import {
  type ReportChart as ChartKind,
  REPORT_CHARTS,
  type RecordsQuery,
  type ReportDimension,
  type ReportFilter,
  type ReportMeasure,
  reportProblems,
  type SavedReportView,
  savedPeriodRange,
} from '@ganxun/domain';
import { Alert, App, Button, Card, Empty, Flex, Segmented, Select, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { downloadFile } from '../../api/client';
import { errorText, useNotifyError } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { ExportButton } from '../exports/export-button';
import { useReport } from './api';
import {
  type Draft,
  draftDefinition,
  draftFromDefinition,
  draftFromParams,
  draftQuery,
  drillQuery,
} from './definition';
import { DefinitionPanel, useRefusal } from './definition-panel';
import { RecordsDrawer } from './records-drawer';
import { ReportChart } from './report-chart';
import { type CellClick, ReportTable } from './report-table';
import { SavedReportsList, SaveReportModal } from './saved-reports';
import './report-builder.css';

/** Above this many rows the workbook is built in the background (GET would hold the request). */
const DIRECT_EXPORT_ROWS = 2000;

const PAGE_KEYS = ['chart', 'saved', 'run'] as const;

/**
 * The report builder (/report-builder): a definition on the left (kept in the address, so a
 * report can be bookmarked), the result on the right as a table and a chart; a figure opens the
 * records behind it; saved reports (mine / shared) open, save, rename and delete.
 */
export default function ReportBuilderPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const refusal = useRefusal();
  const [params, setParams] = useSearchParams();
  // The draft is local state mirrored into the address (navigations run in a transition, so a
  // control bound straight to the address would lag a click); the address wins when it changes
  // from outside (back/forward, a bookmark).
  const [draft, setDraft] = useState(() => draftFromParams(params));
  const written = useRef(new Set<string>());
  const addressDraft = new URLSearchParams(draftQuery(draftFromParams(params))).toString();
  useEffect(() => {
    if (written.current.has(addressDraft)) return;
    setDraft(draftFromParams(new URLSearchParams(addressDraft)));
  }, [addressDraft]);
  const chart = (REPORT_CHARTS as readonly string[]).includes(params.get('chart') ?? '')
    ? (params.get('chart') as ChartKind)
    : 'bar';
  const savedId = params.get('saved');

  const [ran, setRan] = useState<Record<string, string> | null>(() =>
    params.get('run') === '1' ? draftQuery(draftFromParams(params)) : null,
  );
  const report = useReport(ran);
  const [chartMeasure, setChartMeasure] = useState<ReportMeasure | null>(null);
  const [drill, setDrill] = useState<{
    query: Omit<RecordsQuery, 'page' | 'pageSize'>;
    title: string;
  } | null>(null);
  const [saving, setSaving] = useState(false);
  const saveInitial = useMemo(() => ({ chart }), [chart]);
  const [exporting, setExporting] = useState(false);

  const write = (next: Draft, extra: Partial<Record<(typeof PAGE_KEYS)[number], string | null>> = {}) => {
    setDraft(next);
    const p = new URLSearchParams(draftQuery(next));
    if (written.current.size > 50) written.current.clear();
    written.current.add(p.toString());
    for (const k of PAGE_KEYS) {
      const v = k in extra ? extra[k] : params.get(k);
      if (v) p.set(k, v);
    }
    setParams(p, { replace: true });
  };

  const problems = useMemo(() => {
    const out: string[] = [];
    if (draft.measures.length === 0) out.push(t('reportBuilder.problems.noMeasure'));
    if (draft.to < draft.from) out.push(t('reportBuilder.problems.endBeforeStart'));
    for (const p of reportProblems({ ...draft, filters: draft.filters })) {
      const measure = p.params?.measure as ReportMeasure;
      const thing =
        p.path[0] === 'dimensions'
          ? t(`reportBuilder.dimension.${p.params?.dimension as ReportDimension}`)
          : t(`reportBuilder.filter.${p.params?.filter as ReportFilter}`);
      out.push(refusal(measure, thing));
    }
    return out;
  }, [draft, t, refusal]);

  const query = draftQuery(draft);
  const stale = ran !== null && JSON.stringify(ran) !== JSON.stringify(query);
  const run = () => {
    setRan(query);
    write(draft, { run: '1' });
  };

  const open = (r: SavedReportView) => {
    const range = savedPeriodRange(r.period, dayjs().format('YYYY-MM-DD'), r.definition);
    const next = draftFromDefinition(r.definition, range);
    setRan(draftQuery(next));
    write(next, { saved: r.id, chart: r.chart === 'table' ? 'bar' : r.chart, run: '1' });
  };

  const data = report.data;
  const shownMeasure =
    chartMeasure && data?.measures.includes(chartMeasure) ? chartMeasure : data?.measures[0];
  const measureLabel = (m: ReportMeasure) => t(`reportBuilder.measure.${m}`);

  const onCell = ({ measure, keys }: CellClick) => {
    if (!data) return;
    // The definition that was run (the panel may have changed since).
    const base = ran ? draftFromParams(new URLSearchParams(ran)) : draft;
    const title = [
      measureLabel(measure),
      ...(keys.length ? keys.map((k) => k.key.label) : [t('reportBuilder.total')]),
    ].join(' · ');
    setDrill({ query: drillQuery(base, measure, keys), title });
  };

  const exportXlsx = async () => {
    if (!ran) return;
    setExporting(true);
    try {
      await downloadFile('/stats/report/xlsx', `${t('reportBuilder.title')}.xlsx`, ran);
    } catch (e) {
      notify(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('reportBuilder.title')}
        description={t('reportBuilder.subtitle')}
        extra={
          <>
            <Button
              type="primary"
              data-testid="rb-run"
              disabled={problems.length > 0}
              loading={report.isFetching}
              onClick={run}
            >
              {t('reportBuilder.run')}
            </Button>
            <Button data-testid="rb-save" disabled={problems.length > 0} onClick={() => setSaving(true)}>
              {t('reportBuilder.save')}
            </Button>
            {data && ran && !stale && data.rows.length > DIRECT_EXPORT_ROWS ? (
              <span data-testid="rb-xlsx">
                <ExportButton kind="report" params={ran} label={t('reportBuilder.exportXlsx')} background />
              </span>
            ) : (
              <Button
                data-testid="rb-xlsx"
                disabled={!data || stale}
                loading={exporting}
                onClick={exportXlsx}
              >
                {t('reportBuilder.exportXlsx')}
              </Button>
            )}
          </>
        }
      />
      <div className="rb-layout" style={{ marginTop: 16 }}>
        <Flex vertical gap={16}>
          <Card size="small" title={t('reportBuilder.saved.title')}>
            <SavedReportsList activeId={savedId} onOpen={open} />
          </Card>
          <Card size="small" title={t('reportBuilder.definition')}>
            <DefinitionPanel draft={draft} onChange={(next) => write(next)} />
          </Card>
        </Flex>
        <Flex vertical gap={16} style={{ minWidth: 0 }}>
          {problems.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              data-testid="rb-problems"
              title={t('reportBuilder.problems.title')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          {!ran ? (
            <Card>
              <Empty description={t('reportBuilder.notRun')} />
            </Card>
          ) : report.isError ? (
            <Alert type="error" showIcon title={errorText(report.error, t)} />
          ) : !data ? (
            <Card>
              <Flex justify="center" style={{ padding: 48 }}>
                <Spin />
              </Flex>
            </Card>
          ) : (
            <>
              {stale ? <Alert type="info" showIcon title={t('reportBuilder.stale')} /> : null}
              <Card
                size="small"
                title={t('reportBuilder.chart')}
                extra={
                  <Flex gap={8} align="center">
                    {data.dimensions.length >= 2 || chart === 'pie' ? (
                      <Select<ReportMeasure>
                        size="small"
                        style={{ width: 150 }}
                        value={shownMeasure}
                        onChange={setChartMeasure}
                        options={data.measures.map((m) => ({ value: m, label: measureLabel(m) }))}
                      />
                    ) : null}
                    <Segmented<ChartKind>
                      size="small"
                      data-testid="rb-chart-kind"
                      value={chart}
                      onChange={(v) => write(draft, { chart: v })}
                      options={(['bar', 'line', 'pie'] as const).map((c) => ({
                        value: c,
                        label: t(`reportBuilder.charts.${c}`),
                      }))}
                    />
                  </Flex>
                }
              >
                <div data-testid="rb-chart">
                  {data.rows.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reportBuilder.noRows')} />
                  ) : shownMeasure ? (
                    <ReportChart
                      report={data}
                      kind={chart === 'table' ? 'bar' : chart}
                      measure={shownMeasure}
                      measureLabel={measureLabel}
                      totalLabel={t('reportBuilder.total')}
                    />
                  ) : null}
                </div>
              </Card>
              <Card
                size="small"
                title={t('reportBuilder.table', { from: data.from, to: data.to })}
                extra={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('reportBuilder.rows', { count: data.rows.length })}
                  </Typography.Text>
                }
              >
                <ReportTable report={data} onCell={onCell} />
                <Flex vertical gap={4} style={{ marginTop: 8 }}>
                  {data.suppressed > 0 ? (
                    <Typography.Text type="secondary" data-testid="rb-suppressed">
                      {t('reportBuilder.suppressed', { count: data.suppressed })}
                    </Typography.Text>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('reportBuilder.peopleNote')}
                  </Typography.Text>
                </Flex>
              </Card>
            </>
          )}
        </Flex>
      </div>
      <RecordsDrawer query={drill?.query ?? null} title={drill?.title} onClose={() => setDrill(null)} />
      <SaveReportModal
        open={saving}
        initial={saveInitial}
        definition={draftDefinition(draft)}
        onClose={() => setSaving(false)}
        onSaved={(r) => {
          setSaving(false);
          message.success(t('reportBuilder.saved.savedOk', { name: r.name }));
          write(draft, { saved: r.id });
        }}
      />
    </>
  );
}
