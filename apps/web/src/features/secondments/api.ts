import type {
  AssessmentBody,
  AssessmentView,
  ChangeDecisionBody,
  ChangeRequestBody,
  CreateSecondmentBody,
  Page,
  PartnershipUnitList,
  PartnershipView,
  PersonView,
  SecondmentActionBody,
  SecondmentAlertCounts,
  SecondmentChangeView,
  SecondmentDetailView,
  SecondmentImportResult,
  SecondmentLogBody,
  SecondmentLogView,
  SecondmentView,
  UpdateSecondmentBody,
} from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const secondmentsKey = ['secondments'] as const;
const mineKey = ['secondments', 'mine'] as const;

/** The list's filters, as they stand in the address. */
export interface SecondmentFilters {
  q?: string;
  partnershipId?: string;
  personId?: string;
  direction?: string;
  status?: string;
  category?: string;
  specialty?: string;
  form?: string;
  year?: string;
  alert?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

export function useSecondments(filters: SecondmentFilters, enabled = true) {
  return useQuery({
    queryKey: [...secondmentsKey, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<SecondmentView>>('/secondments', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSecondmentAlerts(partnershipId?: string) {
  return useQuery({
    queryKey: [...secondmentsKey, 'alerts', partnershipId ?? null],
    queryFn: ({ signal }) => api.get<SecondmentAlertCounts>('/secondments/alerts', { partnershipId }, signal),
    retry: false,
  });
}

export function useSecondment(id: string | undefined) {
  return useQuery({
    queryKey: [...secondmentsKey, 'one', id],
    queryFn: ({ signal }) => api.get<SecondmentDetailView>(`/secondments/${id}`, {}, signal),
    enabled: !!id,
    retry: false,
  });
}

export function useMySecondments() {
  return useQuery({
    queryKey: [...mineKey, 'list'],
    queryFn: ({ signal }) => api.get<{ items: SecondmentView[] }>('/me/secondments', {}, signal),
  });
}

export function useMySecondment(id: string | undefined) {
  return useQuery({
    queryKey: [...mineKey, 'one', id],
    queryFn: ({ signal }) => api.get<SecondmentDetailView>(`/me/secondments/${id}`, {}, signal),
    enabled: !!id,
    retry: false,
  });
}

/** The pairings the reader may see, for pickers (one page of up to 200). */
export function usePartnershipOptions() {
  return useQuery({
    queryKey: ['partnerships', 'options'],
    queryFn: ({ signal }) => api.get<Page<PartnershipView>>('/partnerships', { pageSize: 200 }, signal),
    staleTime: 60_000,
    retry: false,
  });
}

/** People to pick from (the server scopes the list to what the reader may see). */
export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: ['people', 'pick', 'secondments', q],
    queryFn: ({ signal }) =>
      api.get<Page<PersonView>>('/people', { q: q || undefined, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every write refreshes the lists, the detail pages and the secondee's own pages. */
function useSecondmentMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: secondmentsKey }),
        queryClient.invalidateQueries({ queryKey: ['partnerships'] }),
      ]);
    },
  });
}

export const useCreateSecondment = () =>
  useSecondmentMutation((body: CreateSecondmentBody) => api.post<SecondmentView>('/secondments', body));

export const useUpdateSecondment = () =>
  useSecondmentMutation(({ id, ...body }: UpdateSecondmentBody & { id: string }) =>
    api.patch<SecondmentView>(`/secondments/${id}`, body),
  );

export const useSecondmentAction = () =>
  useSecondmentMutation(({ id, ...body }: SecondmentActionBody & { id: string }) =>
    api.post<SecondmentView>(`/secondments/${id}/actions`, body),
  );

export const useRequestChange = () =>
  useSecondmentMutation(({ id, ...body }: ChangeRequestBody & { id: string }) =>
    api.post<SecondmentChangeView>(`/secondments/${id}/changes`, body),
  );

export const useDecideChange = () =>
  useSecondmentMutation(({ id, changeId, ...body }: ChangeDecisionBody & { id: string; changeId: string }) =>
    api.post<SecondmentDetailView>(`/secondments/${id}/changes/${changeId}/decision`, body),
  );

export const useWithdrawChange = () =>
  useSecondmentMutation(({ id, changeId }: { id: string; changeId: string }) =>
    api.post<SecondmentChangeView>(`/secondments/${id}/changes/${changeId}/withdraw`, {}),
  );

export const useSaveLog = () =>
  useSecondmentMutation(({ id, logId, ...body }: SecondmentLogBody & { id: string; logId?: string }) =>
    logId
      ? api.patch<SecondmentLogView>(`/secondments/${id}/logs/${logId}`, body)
      : api.post<SecondmentLogView>(`/secondments/${id}/logs`, body),
  );

export const useDeleteLog = () =>
  useSecondmentMutation(({ id, logId }: { id: string; logId: string }) =>
    api.delete<void>(`/secondments/${id}/logs/${logId}`),
  );

export const useAddAssessment = () =>
  useSecondmentMutation(({ id, ...body }: AssessmentBody & { id: string }) =>
    api.post<AssessmentView>(`/secondments/${id}/assessments`, body),
  );

/** Import: a dry run (preview) or the commit, multipart with the file last. */
export const useImportSecondments = () =>
  useSecondmentMutation(
    ({ file, partnershipId, dryRun }: { file: File; partnershipId: string; dryRun: boolean }) => {
      const form = new FormData();
      // Fields before the file: a streaming multipart parser sees them before it reaches the file.
      form.append('partnershipId', partnershipId);
      form.append('dryRun', String(dryRun));
      form.append('file', file, file.name);
      return api.upload<SecondmentImportResult>('/secondments/imports', form);
    },
  );

/** Units of one side of a pairing (the other side's units lie outside the reader's directory). */
export function useSideUnits(partnershipId: string | undefined, side: 'a' | 'b' | undefined, q: string) {
  return useQuery({
    queryKey: ['partnership-units', partnershipId, side, q],
    enabled: !!partnershipId && !!side,
    queryFn: ({ signal }) =>
      api.get<PartnershipUnitList>(
        `/partnerships/${partnershipId}/units`,
        { side, q: q || undefined },
        signal,
      ),
  });
}
