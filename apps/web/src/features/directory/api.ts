import type {
  AccountRole,
  AccountSheetRow,
  CreatePersonBody,
  Page,
  PersonDetail,
  PersonView,
  RegionDetail,
  RegionView,
  UnitType,
  UnitView,
  UpdatePersonBody,
} from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, postAndSave } from '../../api/client';
import type { TreeLevel } from '../../components/lazy-tree';

export const regionsKey = ['regions'] as const;
export const unitsKey = ['units'] as const;
export const peopleKey = ['people'] as const;

/** Children of one tree node: the API's page size limit; larger levels are reached by search. */
const LEVEL_SIZE = 200;

// Regions ------------------------------------------------------------------------------------

export const fetchRegionRoots = (signal: AbortSignal): Promise<TreeLevel<RegionView>> =>
  api.get<Page<RegionView>>('/regions', { pageSize: LEVEL_SIZE }, signal);

export const fetchRegionChildren = (code: string, signal: AbortSignal): Promise<TreeLevel<RegionView>> =>
  api.get<Page<RegionView>>('/regions', { parentCode: code, pageSize: LEVEL_SIZE }, signal);

/** The same tree with abolished codes too (the regions page shows them). */
export const fetchRegionRootsAll = (signal: AbortSignal): Promise<TreeLevel<RegionView>> =>
  api.get<Page<RegionView>>('/regions', { pageSize: LEVEL_SIZE, includeAbolished: true }, signal);

export const fetchRegionChildrenAll = (code: string, signal: AbortSignal): Promise<TreeLevel<RegionView>> =>
  api.get<Page<RegionView>>(
    '/regions',
    { parentCode: code, pageSize: LEVEL_SIZE, includeAbolished: true },
    signal,
  );

export function useRegionSearch(q: string, includeAbolished = false, pageSize = 50) {
  return useQuery({
    queryKey: [...regionsKey, 'search', { q, includeAbolished, pageSize }],
    queryFn: ({ signal }) => api.get<Page<RegionView>>('/regions', { q, includeAbolished, pageSize }, signal),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useRegion(code: string | null | undefined) {
  return useQuery({
    queryKey: [...regionsKey, 'one', code],
    queryFn: ({ signal }) => api.get<RegionDetail>(`/regions/${encodeURIComponent(code ?? '')}`, {}, signal),
    enabled: !!code,
    staleTime: 5 * 60_000,
  });
}

// Units --------------------------------------------------------------------------------------

export const fetchUnitRoots = async (signal: AbortSignal): Promise<TreeLevel<UnitView>> => {
  const { items } = await api.get<{ items: UnitView[] }>('/units/roots', {}, signal);
  return { items, total: items.length };
};

export const fetchUnitChildren = (id: string, signal: AbortSignal): Promise<TreeLevel<UnitView>> =>
  api.get<Page<UnitView>>('/units', { parentId: id, pageSize: LEVEL_SIZE }, signal);

export function useUnitSearch(q: string, pageSize = 50) {
  return useQuery({
    queryKey: [...unitsKey, 'search', { q, pageSize }],
    queryFn: ({ signal }) => api.get<Page<UnitView>>('/units', { q, pageSize }, signal),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: string | null | undefined) {
  return useQuery({
    queryKey: [...unitsKey, 'one', id],
    queryFn: ({ signal }) => api.get<UnitView>(`/units/${id}`, {}, signal),
    enabled: !!id,
  });
}

export interface UnitBody {
  name: string;
  uscc?: string | null;
  type: UnitType;
  regionCode: string;
  parentId?: string | null;
}

/** Unit changes can move people between units, so the people lists refresh too. */
function useDirectoryMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: unitsKey }),
        queryClient.invalidateQueries({ queryKey: peopleKey }),
      ]);
    },
  });
}

export const useCreateUnit = () =>
  useDirectoryMutation((body: UnitBody) => api.post<UnitView>('/units', body));
export const useUpdateUnit = () =>
  useDirectoryMutation(({ id, ...body }: Partial<UnitBody> & { id: string }) =>
    api.patch<UnitView>(`/units/${id}`, body),
  );
export const useMoveUnit = () =>
  useDirectoryMutation(({ id, parentId }: { id: string; parentId: string | null }) =>
    api.post<UnitView>(`/units/${id}/move`, { parentId }),
  );
export const useMergeUnit = () =>
  useDirectoryMutation(({ id, targetId }: { id: string; targetId: string }) =>
    api.post<UnitView>(`/units/${id}/merge`, { targetId }),
  );

// People -------------------------------------------------------------------------------------

export interface PeopleFilters {
  q?: string;
  unitId?: string;
  regionCode?: string;
  category?: string;
  specialty?: string;
  rank?: string;
  status?: string;
  gender?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

export function usePeople(filters: PeopleFilters) {
  return useQuery({
    queryKey: [...peopleKey, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<PersonView>>('/people', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: [...peopleKey, 'one', id],
    queryFn: ({ signal }) => api.get<PersonDetail>(`/people/${id}`, {}, signal),
    enabled: !!id,
  });
}

export const useCreatePerson = () =>
  useDirectoryMutation((body: CreatePersonBody) => api.post<PersonDetail>('/people', body));
export const useUpdatePerson = () =>
  useDirectoryMutation(({ id, ...body }: UpdatePersonBody & { id: string }) =>
    api.patch<PersonDetail>(`/people/${id}`, body),
  );

/** Reveals are not cached: each view is a separate, audited request. */
export const useRevealPerson = () =>
  useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<{ idNumber: string; mobile: string | null }>(`/people/${id}/reveal`, { reason }),
  });

/**
 * The same request answered as an xlsx sheet, saved by the browser. Passwords exist only in the
 * answer that creates the accounts, so the caller picks JSON or xlsx before creating, not after.
 */
export const useCreateAccountsFile = () =>
  useDirectoryMutation((body: { personIds: string[]; role: AccountRole }) =>
    postAndSave(
      '/people/accounts?format=xlsx',
      body,
      `accounts-${new Date().toISOString().slice(0, 10)}.xlsx`,
    ),
  );

export const useCreateAccounts = () =>
  useDirectoryMutation((body: { personIds: string[]; role: AccountRole }) =>
    api.post<{ items: AccountSheetRow[] }>('/people/accounts', body),
  );
