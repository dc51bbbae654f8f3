import type { ReportChart as ChartKind, ReportMeasure, ReportView } from '@ganxun/domain';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { EChart } from '../../components/echart';
import { PERCENT_MEASURES } from './definition';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  CanvasRenderer,
]);

/** A chart value: rates in percent, everything else as is; null stays a gap. */
const plot = (measure: ReportMeasure, v: number | null | undefined) =>
  v === null || v === undefined ? null : PERCENT_MEASURES.includes(measure) ? Math.round(v * 1000) / 10 : v;

/**
 * The report as a chart: the first dimension along the axis, the second (when any) as series —
 * else one series per measure. A pie shows the first measure over the first dimension.
 */
export function ReportChart({
  report,
  kind,
  measure,
  measureLabel,
  totalLabel,
  height = 340,
}: {
  report: ReportView;
  kind: Exclude<ChartKind, 'table'>;
  /** The measure drawn when the second dimension makes the series (and for a pie). */
  measure: ReportMeasure;
  measureLabel: (m: ReportMeasure) => string;
  totalLabel: string;
  height?: number;
}) {
  const categories: string[] = [];
  const indexOf = new Map<string, number>();
  for (const row of report.rows) {
    const label = row.keys[0]?.label ?? totalLabel;
    if (!indexOf.has(label)) {
      indexOf.set(label, categories.length);
      categories.push(label);
    }
  }
  let option: echarts.EChartsCoreOption;
  if (kind === 'pie') {
    option = {
      tooltip: { trigger: 'item' },
      legend: { type: 'scroll', top: 0 },
      series: [
        {
          type: 'pie',
          name: measureLabel(measure),
          radius: ['30%', '65%'],
          top: 30,
          data: report.rows.map((r) => ({
            name: r.keys.map((k) => k.label).join(' · ') || totalLabel,
            value: plot(measure, r.values[measure]),
          })),
        },
      ],
    };
  } else {
    let series: { name: string; data: (number | null)[] }[];
    if (report.dimensions.length >= 2) {
      const byName = new Map<string, (number | null)[]>();
      for (const row of report.rows) {
        const name = row.keys[1]?.label ?? '—';
        let data = byName.get(name);
        if (!data) {
          data = categories.map(() => null);
          byName.set(name, data);
        }
        const i = indexOf.get(row.keys[0]?.label ?? totalLabel) ?? 0;
        data[i] = (data[i] ?? 0) + (plot(measure, row.values[measure]) ?? 0);
      }
      series = [...byName].map(([name, data]) => ({ name, data }));
    } else {
      series = report.measures.map((m) => ({
        name: measureLabel(m),
        data: report.rows.map((r) => plot(m, r.values[m])),
      }));
    }
    option = {
      tooltip: { trigger: 'axis', axisPointer: { type: kind === 'bar' ? 'shadow' : 'line' } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value' },
      series: series.map((s) => ({
        type: kind,
        name: s.name,
        data: s.data,
        barMaxWidth: 40,
        connectNulls: true,
        emphasis: { focus: 'series' },
      })),
    };
  }
  return <EChart option={option} height={height} />;
}
