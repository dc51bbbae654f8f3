import type {
  ClassView,
  CreatePartnershipBody,
  JointClassKind,
  JointClassList,
  JointClassStatsDimension,
  JointClassStatsView,
  NarrativeScript,
  NarrativeView,
  Page,
  PartnershipPage,
  PartnershipView,
  SecondmentPage,
  SecondmentStatsDimension,
  SecondmentStatsView,
  StatsBasis,
  TalkBody,
  TalkView,
  UpdatePartnershipBody,
} from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const partnershipsKey = ['partnerships'] as const;
export const exchangeStatsKey = ['stats', 'exchange'] as const;

/** The pairing list's filters as they stand in the address. */
export interface PartnershipFilters {
  q?: string;
  programme?: string;
  status?: string;
  year?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

export function usePartnerships(filters: PartnershipFilters) {
  return useQuery({
    queryKey: [...partnershipsKey, 'list', filters],
    queryFn: ({ signal }) => api.get<PartnershipPage>('/partnerships', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every pairing the reader reaches (for the statistics' pairing select). */
export function usePartnershipOptions() {
  return useQuery({
    queryKey: [...partnershipsKey, 'list', 'options'],
    queryFn: ({ signal }) =>
      api.get<PartnershipPage>('/partnerships', { pageSize: 200, sort: 'name' }, signal),
    staleTime: 60_000,
  });
}

export function usePartnership(id: string | undefined) {
  return useQuery({
    queryKey: [...partnershipsKey, 'one', id],
    queryFn: ({ signal }) => api.get<PartnershipView>(`/partnerships/${id}`, {}, signal),
    enabled: !!id,
  });
}

export function useJointClasses(id: string) {
  return useQuery({
    queryKey: [...partnershipsKey, 'one', id, 'classes'],
    queryFn: ({ signal }) => api.get<JointClassList>(`/partnerships/${id}/classes`, {}, signal),
  });
}

export function useTalks(id: string) {
  return useQuery({
    queryKey: [...partnershipsKey, 'one', id, 'talks'],
    queryFn: ({ signal }) => api.get<{ items: TalkView[] }>(`/partnerships/${id}/talks`, {}, signal),
  });
}

export function useNarrative(id: string, script: NarrativeScript) {
  return useQuery({
    queryKey: [...partnershipsKey, 'one', id, 'narrative', script],
    queryFn: ({ signal }) => api.get<NarrativeView>(`/partnerships/${id}/narrative`, { script }, signal),
    retry: false,
  });
}

/** The pairing's secondments, found by the person's name (the talk form's secondee select). */
export function usePartnershipSecondments(id: string, q: string, enabled: boolean) {
  const query = { partnershipId: id, q: q || undefined, pageSize: 50 };
  return useQuery({
    queryKey: ['secondments', 'list', query],
    queryFn: ({ signal }) => api.get<SecondmentPage>('/secondments', query, signal),
    enabled,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Classes found by name or code (the "link a class" select). */
export function useClassSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['classes', 'list', { q, year: 'all', pageSize: 20 }],
    queryFn: ({ signal }) =>
      api.get<Page<ClassView>>('/classes', { q: q || undefined, pageSize: 20 }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export interface SecondmentStatsParams {
  partnershipId?: string;
  fromYear: number;
  toYear: number;
  basis: StatsBasis;
  groupBy: SecondmentStatsDimension[];
}

export function useSecondmentStats(params: SecondmentStatsParams, enabled = true) {
  const query = { ...params, groupBy: params.groupBy.join(',') };
  return useQuery({
    queryKey: [...exchangeStatsKey, 'secondments', query],
    queryFn: ({ signal }) => api.get<SecondmentStatsView>('/stats/secondments', query, signal),
    placeholderData: keepPreviousData,
    enabled,
    retry: false,
  });
}

export interface JointClassStatsParams {
  partnershipId?: string;
  fromYear: number;
  toYear: number;
  groupBy: JointClassStatsDimension[];
}

export function useJointClassStats(params: JointClassStatsParams) {
  const query = { ...params, groupBy: params.groupBy.join(',') };
  return useQuery({
    queryKey: [...exchangeStatsKey, 'joint-classes', query],
    queryFn: ({ signal }) => api.get<JointClassStatsView>('/stats/joint-classes', query, signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Writes to a pairing change its lists, counts, statistics and narrative: refresh them all. */
function usePartnershipMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Refresh in the background: the caller moves on (closes the drawer, opens the pairing) at once.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partnershipsKey });
      void queryClient.invalidateQueries({ queryKey: ['stats'] });
    },
  });
}

export const useCreatePartnership = () =>
  usePartnershipMutation((body: CreatePartnershipBody) => api.post<PartnershipView>('/partnerships', body));

export const useUpdatePartnership = () =>
  usePartnershipMutation(({ id, ...body }: UpdatePartnershipBody & { id: string }) =>
    api.patch<PartnershipView>(`/partnerships/${id}`, body),
  );

export const useLinkClass = () =>
  usePartnershipMutation(({ id, classId, kind }: { id: string; classId: string; kind?: JointClassKind }) =>
    api.post<JointClassList>(`/partnerships/${id}/classes`, { classId, kind }),
  );

export const useUnlinkClass = () =>
  usePartnershipMutation(({ id, classId }: { id: string; classId: string }) =>
    api.delete<void>(`/partnerships/${id}/classes/${classId}`),
  );

export const useSaveTalk = () =>
  usePartnershipMutation(({ id, talkId, body }: { id: string; talkId?: string; body: TalkBody }) =>
    talkId
      ? api.patch<TalkView>(`/partnerships/${id}/talks/${talkId}`, body)
      : api.post<TalkView>(`/partnerships/${id}/talks`, body),
  );

export const useDeleteTalk = () =>
  usePartnershipMutation(({ id, talkId }: { id: string; talkId: string }) =>
    api.delete<void>(`/partnerships/${id}/talks/${talkId}`),
  );
