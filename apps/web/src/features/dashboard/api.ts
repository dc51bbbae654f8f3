import type { DashboardView, ReportFilters, ReportMeasure } from '@ganxun/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

export const dashboardKey = ['stats', 'dashboard'] as const;

/** A period of the dashboard: first and last day, inclusive. */
export interface Period {
  from: string;
  to: string;
}

/** The dashboard of a period (labels come in the UI language, so the language is part of the key). */
export function useDashboard(period: Period) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...dashboardKey, period, i18n.language],
    queryFn: ({ signal }) => api.get<DashboardView>('/stats/dashboard', { ...period }, signal),
    placeholderData: keepPreviousData,
  });
}

/** What a click on a figure asks for: the measure, and the clicked keys as filters. */
export interface Drill {
  /** The drawer's title: the figure clicked ("2021-03 · 专题研讨班 · 人次"). */
  title: string;
  measure: ReportMeasure;
  filters: ReportFilters & { year?: number };
}

/** The records behind a figure, a page at a time (GET /stats/records). */
