import type { CreateExportBody, ExportView } from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';

export const EXPORTS_KEY = ['exports'] as const;

/** Whether an export is still being produced (its list polls while any is). */
export const isPending = (e: Pick<ExportView, 'status'>) => e.status === 'queued' || e.status === 'running';

/** My exports, newest first; polled every 2 s while any is queued or running. */
export function useExports() {
  return useQuery({
    queryKey: EXPORTS_KEY,
    queryFn: ({ signal }) => api.get<{ items: ExportView[] }>('/exports', {}, signal),
    refetchInterval: (query) => (query.state.data?.items.some(isPending) ? 2000 : false),
  });
}

export function useDeleteExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/exports/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: EXPORTS_KEY }),
  });
}

export const requestExport = (body: CreateExportBody) => api.post<ExportView>('/exports', body);
export const fetchExport = (id: string) => api.get<ExportView>(`/exports/${id}`);

/** Saves an export's file (named by the server). */
export const downloadExport = (e: Pick<ExportView, 'id' | 'fileName'>) =>
  downloadFile(`/exports/${e.id}/file`, e.fileName ?? 'export');
