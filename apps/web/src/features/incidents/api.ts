import type {
  ClassPlansBody,
  ContingencyPlanBody,
  ContingencyPlanList,
  ContingencyPlanQuery,
  ContingencyPlanView,
  DictionaryItemView,
  EnrollmentView,
  IncidentActionBody,
  IncidentBody,
  IncidentDetailView,
  IncidentList,
  IncidentListQuery,
  Page,
} from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { currentLanguage } from '../../app/i18n';

const libraryKey = ['contingency-plans'] as const;
const classKey = (classId: string) => ['classes', 'one', classId, 'incidents'] as const;

/** The plan library (readers: editors, and those who run classes). */
export function usePlanLibrary(query: Partial<ContingencyPlanQuery> = {}, enabled = true) {
  return useQuery({
    queryKey: [...libraryKey, query],
    queryFn: ({ signal }) => api.get<ContingencyPlanList>('/contingency-plans', { ...query }, signal),
    enabled,
  });
}

export function useSavePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ContingencyPlanBody }) =>
      id
        ? api.put<ContingencyPlanView>(`/contingency-plans/${id}`, body)
        : api.post<ContingencyPlanView>('/contingency-plans', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: libraryKey }),
  });
}

export function useArchivePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      api.post<ContingencyPlanView>(`/contingency-plans/${id}/${archived ? 'archive' : 'restore'}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: libraryKey }),
  });
}

/** The class's attached plans. */
export function useClassPlans(classId: string) {
  return useQuery({
    queryKey: [...classKey(classId), 'plans'],
    queryFn: ({ signal }) =>
      api.get<ContingencyPlanList>(`/classes/${classId}/contingency-plans`, {}, signal),
  });
}

export function useSetClassPlans(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClassPlansBody) =>
      api.put<ContingencyPlanList>(`/classes/${classId}/contingency-plans`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...classKey(classId), 'plans'] });
      void queryClient.invalidateQueries({ queryKey: libraryKey });
    },
  });
}

export function useIncidents(classId: string, query: IncidentListQuery) {
  return useQuery({
    queryKey: [...classKey(classId), 'list', query],
    queryFn: ({ signal }) => api.get<IncidentList>(`/classes/${classId}/incidents`, { ...query }, signal),
  });
}

export function useIncident(classId: string, id: string | null) {
  return useQuery({
    queryKey: [...classKey(classId), 'one', id],
    queryFn: ({ signal }) => api.get<IncidentDetailView>(`/classes/${classId}/incidents/${id}`, {}, signal),
    enabled: !!id,
  });
}

export function useReportIncident(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IncidentBody) => api.post<IncidentDetailView>(`/classes/${classId}/incidents`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: classKey(classId) }),
  });
}

export function useIncidentAction(classId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IncidentActionBody) =>
      api.post<IncidentDetailView>(`/classes/${classId}/incidents/${id}/actions`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: classKey(classId) }),
  });
}

/** The class's trainees, to name those an incident concerns. */
export function useClassTrainees(classId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...classKey(classId), 'trainees'],
    queryFn: ({ signal }) =>
      api.get<Page<EnrollmentView>>(`/classes/${classId}/enrollments`, { pageSize: 200 }, signal),
    enabled,
  });
}

/** The `task_force_role` dictionary: active options for pickers. */
export function useTaskForceRoles() {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['dictionaries', 'task_force_role', 'items', 'all'],
    queryFn: ({ signal }) =>
      api.get<Page<DictionaryItemView>>(
        '/dictionaries/task_force_role/items',
        { includeInactive: true },
        signal,
      ),
    staleTime: 10 * 60_000,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels follow the UI language
  return useMemo(() => {
    const language = currentLanguage();
    return (query.data?.items ?? [])
      .filter((item) => item.active)
      .map((item) => ({ value: item.code, label: item.label[language] }));
  }, [query.data, i18n.language]);
}
