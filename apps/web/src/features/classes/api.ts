import type {
  ClassAction,
  ClassEventView,
  ClassView,
  CloneClassBody,
  CreateClassBody,
  DictionaryItemView,
  Page,
  PutQuotasBody,
  QuotaList,
  SplitQuotasBody,
  TrainingSettings,
  UpdateClassBody,
  UpdateTrainingSettingsBody,
} from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { currentLanguage } from '../../app/i18n';

export const classesKey = ['classes'] as const;
export const trainingSettingsKey = ['settings', 'training'] as const;

/** The class list's filters as they stand in the address. */
export interface ClassFilters {
  q?: string;
  /** A year, or `all` for every year; absent means the current year. */
  year?: string;
  kind?: string;
  status?: string;
  organiserId?: string;
  sort?: string;
  view?: 'table' | 'calendar';
  page: number;
  pageSize: number;
}

/** The year a filter set asks for (`undefined` for every year). */
export function filterYear(filters: Pick<ClassFilters, 'year'>): number | undefined {
  if (filters.year === 'all') return undefined;
  const year = Number(filters.year);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : new Date().getFullYear();
}

export function useClasses(filters: ClassFilters, enabled = true) {
  const { view: _view, year: _year, ...rest } = filters;
  const query = { ...rest, year: filterYear(filters) };
  return useQuery({
    queryKey: [...classesKey, 'list', query],
    queryFn: ({ signal }) => api.get<Page<ClassView>>('/classes', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useClass(id: string | undefined) {
  return useQuery({
    queryKey: [...classesKey, 'one', id],
    queryFn: ({ signal }) => api.get<ClassView>(`/classes/${id}`, {}, signal),
    enabled: !!id,
  });
}

export function useClassEvents(id: string, enabled = true) {
  return useQuery({
    queryKey: [...classesKey, 'one', id, 'events'],
    queryFn: ({ signal }) => api.get<{ items: ClassEventView[] }>(`/classes/${id}/events`, {}, signal),
    enabled,
  });
}

export function useQuotas(id: string, enabled = true) {
  return useQuery({
    queryKey: [...classesKey, 'one', id, 'quotas'],
    queryFn: ({ signal }) => api.get<QuotaList>(`/classes/${id}/quotas`, {}, signal),
    enabled,
  });
}

/** Every write to a class can change lists, the class, its quotas and timeline: refresh them all. */
function useClassMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: classesKey });
    },
  });
}

export const useCreateClass = () =>
  useClassMutation((body: CreateClassBody) => api.post<ClassView>('/classes', body));

export const useUpdateClass = () =>
  useClassMutation(({ id, ...body }: UpdateClassBody & { id: string }) =>
    api.patch<ClassView>(`/classes/${id}`, body),
  );

export const useTransition = () =>
  useClassMutation(({ id, action, reason }: { id: string; action: ClassAction; reason: string | null }) =>
    api.post<ClassView>(`/classes/${id}/transitions`, { action, reason }),
  );

export const useCloneClass = () =>
  useClassMutation(({ id, ...body }: CloneClassBody & { id: string }) =>
    api.post<ClassView>(`/classes/${id}/clone`, body),
  );

export const usePutQuotas = () =>
  useClassMutation(({ id, ...body }: PutQuotasBody & { id: string }) =>
    api.put<QuotaList>(`/classes/${id}/quotas`, body),
  );

/** A preview only: the server computes the seats, nothing is saved. */
export const useSplitQuotas = () =>
  useMutation({
    mutationFn: ({ id, ...body }: SplitQuotasBody & { id: string }) =>
      api.post<QuotaList>(`/classes/${id}/quotas/split`, body),
  });

// Training rules -----------------------------------------------------------------------------

export function useTrainingSettings() {
  return useQuery({
    queryKey: trainingSettingsKey,
    queryFn: ({ signal }) => api.get<TrainingSettings>('/settings/training', {}, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function usePutTrainingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTrainingSettingsBody) => api.put<TrainingSettings>('/settings/training', body),
    onSuccess: (data) => queryClient.setQueryData(trainingSettingsKey, data),
  });
}

// Class kinds (the configurable `class_kind` dictionary) ----------------------------------------

/**
 * The class kinds, retired ones included so that old classes keep their labels; options list the
 * active ones. Keyed under `['dictionaries']` like the directory's lists, so dictionary edits
 * refresh it.
 */
export function useClassKinds() {
  return useDictionaryOptions('class_kind');
}

/**
 * A configurable code list as select options (active items) and a label lookup (all items, so
 * deactivated codes of old records still read), in the UI language.
 */
export function useDictionaryOptions(code: string) {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['dictionaries', code, 'items', 'all'],
    queryFn: ({ signal }) =>
      api.get<Page<DictionaryItemView>>(`/dictionaries/${code}/items`, { includeInactive: true }, signal),
    staleTime: 10 * 60_000,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels follow the UI language
  const { options, byCode } = useMemo(() => {
    const language = currentLanguage();
    const items = query.data?.items ?? [];
    return {
      options: items.filter((i) => i.active).map((i) => ({ value: i.code, label: i.label[language] })),
      byCode: new Map(items.map((i) => [i.code, i.label[language]])),
    };
  }, [query.data, i18n.language]);
  const label = useCallback(
    (value: string | null | undefined, fallback?: string | null) =>
      value ? (byCode.get(value) ?? fallback ?? value) : '—',
    [byCode],
  );
  return { options, label, loading: query.isPending };
}

/** Users holding the class director role that an organiser may name as director or assistants. */
export function useClassDirectors(enabled: boolean) {
  return useQuery({
    queryKey: [...classesKey, 'directors'],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; name: string }[] }>('/classes/directors', {}, signal),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
}
