import type { ImportJobView, ImportOutcome, ImportRowView, ImportStatus, Page } from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';

/** Largest upload the server accepts by default (UPLOAD_LIMIT_BYTES); the server has the last word. */
export const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/** Statuses in which the server is still working on the job, so the page keeps polling it. */
export const isBusy = (status: ImportStatus | undefined) =>
  status === 'validating' || status === 'committing';

export const importsKey = ['imports'] as const;
const POLL_MS = 700;

export function useImportList(paging: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...importsKey, 'list', paging],
    queryFn: ({ signal }) =>
      api.get<Page<ImportJobView>>('/imports', { ...paging, sort: '-createdAt' }, signal),
    placeholderData: keepPreviousData,
  });
}

/** One job, polled while the server validates or commits it. */
export function useImportJob(id: string) {
  return useQuery({
    queryKey: [...importsKey, 'job', id],
    queryFn: ({ signal }) => api.get<ImportJobView>(`/imports/${id}`, undefined, signal),
    refetchInterval: (query) => (isBusy(query.state.data?.status) ? POLL_MS : false),
  });
}

export function useImportRows(
  id: string,
  filters: { outcome?: ImportOutcome; page: number; pageSize: number },
  enabled: boolean,
) {
  return useQuery({
    queryKey: [...importsKey, 'rows', id, filters],
    queryFn: ({ signal }) => api.get<Page<ImportRowView>>(`/imports/${id}/rows`, { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, createMissingUnits }: { file: File; createMissingUnits: boolean }) => {
      const form = new FormData();
      // Fields before the file: the server reads the stream in order.
      form.append('kind', 'people');
      form.append('createMissingUnits', String(createMissingUnits));
      form.append('file', file, file.name);
      return api.upload<ImportJobView>('/imports', form);
    },
    onSuccess: (job) => {
      queryClient.setQueryData([...importsKey, 'job', job.id], job);
      return queryClient.invalidateQueries({ queryKey: [...importsKey, 'list'] });
    },
  });
}

/** Commit and cancel answer with the job, which becomes the cached job at once. */
function useJobAction(fn: (id: string) => Promise<ImportJobView | undefined>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (job, id) => {
      if (job) queryClient.setQueryData([...importsKey, 'job', id], job);
      return queryClient.invalidateQueries({ queryKey: importsKey });
    },
  });
}

export const useCommitImport = () => useJobAction((id) => api.post<ImportJobView>(`/imports/${id}/commit`));
export const useCancelImport = () =>
  useJobAction((id) => api.delete<ImportJobView | undefined>(`/imports/${id}`));

export const downloadTemplate = () => downloadFile('/imports/templates/people.xlsx', 'people-template.xlsx');
export const downloadErrors = (id: string) =>
  downloadFile(`/imports/${id}/errors.xlsx`, 'import-errors.xlsx');
