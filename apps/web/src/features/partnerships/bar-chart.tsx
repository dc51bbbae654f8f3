import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { EChart } from '../../components/echart';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  /** Bars of the same stack sit on top of each other. */
  stack?: string;
  data: number[];
  color?: string;
}

/** A bar chart of categories (x) and series (y), from the tree-shaken ECharts core. */
export function Bars({
  categories,
  series,
  height = 320,
  testId,
}: {
  categories: string[];
  series: BarSeries[];
  height?: number;
  testId?: string;
}) {
  const option: echarts.EChartsCoreOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: s.stack,
      data: s.data,
      itemStyle: s.color ? { color: s.color } : undefined,
      barMaxWidth: 48,
      emphasis: { focus: 'series' },
    })),
  };
  return (
    <div data-testid={testId}>
      <EChart option={option} height={height} />
    </div>
  );
}
