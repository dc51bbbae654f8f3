import type {
  Page,
  PlanDetailView,
  PlanView,
  RecordPage,
  RecordsQuery,
  ReportView,
  SavedReportBody,
  SavedReportView,
} from '@ganxun/domain';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryValue } from '../../api/client';

export const statsKey = ['stats'] as const;
const savedKey = [...statsKey, 'saved-reports'] as const;

/** GET /stats/report for a definition (as query parameters); nothing until there is one. */
export function useReport(query: Record<string, string> | null) {
  return useQuery({
    queryKey: [...statsKey, 'report', query],
    queryFn: ({ signal }) => api.get<ReportView>('/stats/report', query ?? {}, signal),
    enabled: !!query,
    placeholderData: keepPreviousData,
  });
}

/** GET /stats/records: the records behind a figure, a page at a time. */
export function useRecords(
  query: Omit<RecordsQuery, 'page' | 'pageSize'> | null,
  page: number,
  pageSize: number,
) {
  return useQuery({
    queryKey: [...statsKey, 'records', query, page, pageSize],
    queryFn: ({ signal }) =>
      api.get<RecordPage>(
        '/stats/records',
        { ...(query as Record<string, QueryValue>), page, pageSize },
        signal,
      ),
    enabled: !!query,
    placeholderData: keepPreviousData,
  });
}

export function useSavedReports() {
  return useQuery({
    queryKey: savedKey,
    queryFn: ({ signal }) => api.get<{ items: SavedReportView[] }>('/stats/saved-reports', {}, signal),
  });
}

function useSavedMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedKey }),
  });
}

export const useCreateSavedReport = () =>
  useSavedMutation((body: SavedReportBody) => api.post<SavedReportView>('/stats/saved-reports', body));

export const useUpdateSavedReport = () =>
  useSavedMutation(({ id, ...body }: Partial<SavedReportBody> & { id: string }) =>
    api.patch<SavedReportView>(`/stats/saved-reports/${id}`, body),
  );

export const useDeleteSavedReport = () =>
  useSavedMutation((id: string) => api.delete<void>(`/stats/saved-reports/${id}`));

/** The planned items (series) of a year's plans, for the series filter. */
export function usePlanItems(year: number | null) {
  const plans = useQuery({
    queryKey: ['plans', 'list', { year, pageSize: 100, for: 'report-builder' }],
    queryFn: ({ signal }) =>
      api.get<Page<PlanView>>('/plans', { year: year ?? undefined, pageSize: 100 }, signal),
    enabled: year !== null,
    staleTime: 60_000,
  });
  const details = useQueries({
    queries: (plans.data?.items ?? []).map((p) => ({
      queryKey: ['plans', 'one', p.id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<PlanDetailView>(`/plans/${p.id}`, {}, signal),
      staleTime: 60_000,
    })),
  });
  const items = details.flatMap((d) =>
    (d.data?.items ?? []).map((item) => ({
      value: item.id,
      label: `${item.name}（${d.data?.organiser.name ?? ''}）`,
    })),
  );
  return { items, loading: plans.isFetching || details.some((d) => d.isFetching) };
}
