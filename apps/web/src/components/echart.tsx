import * as echarts from 'echarts/core';
import { useEffect, useRef } from 'react';

// Each chart module registers the chart types and components it uses (`echarts.use([...])`, once,
// globally); this component only owns the instance. Not echarts-for-react: its `lib/` entry renders
// blank under Vite and its `esm/` entry imports `tslib`, which it does not declare.

/** What a click on a chart names: the category (axis value or map region) and the series. */
export interface ChartClick {
  /** Index of the category along the axis (bars) or -1 (map). */
  dataIndex: number;
  /** The series' index (bars). */
  seriesIndex: number;
  /** The map region's name (maps). */
  name: string;
}

/**
 * An ECharts instance in a div, resized with its box and disposed on unmount, with a click handler
 * that always sees the latest props.
 */
export function EChart({
  option,
  height,
  onClick,
}: {
  option: echarts.EChartsCoreOption;
  height: number;
  onClick?: (e: ChartClick) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current);
    chart.current = instance;
    instance.on('click', (p) => {
      const e = p as { dataIndex?: number; seriesIndex?: number; name?: string };
      click.current?.({ dataIndex: e.dataIndex ?? -1, seriesIndex: e.seriesIndex ?? 0, name: e.name ?? '' });
    });
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
  return <div ref={box} style={{ height, width: '100%', cursor: onClick ? 'pointer' : undefined }} />;
}
