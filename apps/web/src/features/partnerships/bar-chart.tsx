import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  /** Bars of the same stack sit on top of each other. */
  stack?: string;
  data: number[];
  color?: string;
}

/**
 * An ECharts instance in a div, resized with its box and disposed on unmount. (Not
 * echarts-for-react: its `lib/` entry renders blank under Vite and its `esm/` entry imports
 * `tslib`, which it does not declare and which is not installed at the root.)
 */
function EChart({ option, height }: { option: echarts.EChartsCoreOption; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  // Options are plain data: compare them as JSON so that a re-render with equal figures is free.
  const json = JSON.stringify(option);
  useEffect(() => {
    chart.current?.setOption(JSON.parse(json) as echarts.EChartsCoreOption, { notMerge: true });
  }, [json]);
  return <div ref={box} style={{ height, width: '100%' }} />;
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
