import type {
  BulkSessionsResult,
  CheckResult,
  CheckSessionBody,
  ClassView,
  CopySessionsBody,
  CreateSessionBody,
  CreateTemplateBody,
  DictionaryItemView,
  LecturerView,
  Page,
  PublishTimetableBody,
  SessionWriteResult,
  ShiftSessionsBody,
  TemplateView,
  TimetableChangeView,
  TimetableView,
  UpdateSessionBody,
  VenueView,
} from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { currentLanguage } from '../../app/i18n';

export const timetableKey = (classId: string) => ['classes', 'one', classId, 'timetable'] as const;
export const templatesKey = ['timetable-templates'] as const;

export function useTimetable(classId: string) {
  return useQuery({
    queryKey: timetableKey(classId),
    queryFn: ({ signal }) => api.get<TimetableView>(`/classes/${classId}/timetable`, {}, signal),
  });
}

export function useTimetableChanges(classId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...timetableKey(classId), 'changes'],
    queryFn: ({ signal }) =>
      api.get<{ items: TimetableChangeView[] }>(`/classes/${classId}/timetable/changes`, {}, signal),
    enabled,
  });
}

export function useTemplates(enabled: boolean) {
  return useQuery({
    queryKey: templatesKey,
    queryFn: ({ signal }) => api.get<{ items: TemplateView[] }>('/timetable-templates', {}, signal),
    enabled,
  });
}

/** Every timetable write refreshes the timetable (and its change log) of the class. */
function useTimetableMutation<TVars, TResult>(classId: string, fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: timetableKey(classId) }),
  });
}

export const useCreateSession = (classId: string) =>
  useTimetableMutation(classId, (body: Partial<CreateSessionBody>) =>
    api.post<SessionWriteResult>(`/classes/${classId}/sessions`, body),
  );

export const useUpdateSession = (classId: string) =>
  useTimetableMutation(
    classId,
    ({ id, ...body }: Partial<UpdateSessionBody> & { id: string; version: number }) =>
      api.patch<SessionWriteResult>(`/classes/${classId}/sessions/${id}`, body),
  );

export const useDeleteSession = (classId: string) =>
  useTimetableMutation(classId, ({ id, version }: { id: string; version: number }) =>
    api.delete<void>(`/classes/${classId}/sessions/${id}?version=${version}`),
  );

export const usePublish = (classId: string) =>
  useTimetableMutation(classId, (body: PublishTimetableBody) =>
    api.post<TimetableView>(`/classes/${classId}/timetable/publish`, body),
  );

export const useShift = (classId: string) =>
  useTimetableMutation(classId, (body: Partial<ShiftSessionsBody> & { days: number }) =>
    api.post<BulkSessionsResult>(`/classes/${classId}/sessions/shift`, body),
  );

export const useCopy = (classId: string) =>
  useTimetableMutation(classId, (body: Partial<CopySessionsBody>) =>
    api.post<BulkSessionsResult>(`/classes/${classId}/sessions/copy`, body),
  );

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CreateTemplateBody> & { name: string; fromClassId: string }) =>
      api.post<TemplateView>('/timetable-templates', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}

/** A proposed item checked without saving (while dragging). */
export function checkSession(classId: string, body: Partial<CheckSessionBody>): Promise<CheckResult> {
  return api.post<CheckResult>(`/classes/${classId}/sessions/check`, body);
}

// Pickers ------------------------------------------------------------------------------------

export function useVenueSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: ['venues', 'pick', q],
    queryFn: ({ signal }) =>
      api.get<Page<VenueView>>('/venues', { q: q || undefined, status: 'active', pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLecturerSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: ['lecturers', 'pick', q],
    queryFn: ({ signal }) =>
      api.get<Page<LecturerView>>(
        '/lecturers',
        { q: q || undefined, status: 'active', pageSize: 20 },
        signal,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useClassSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: ['classes', 'pick', q],
    queryFn: ({ signal }) =>
      api.get<Page<ClassView>>('/classes', { q: q || undefined, pageSize: 20, sort: '-startDate' }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * The session types (the configurable `session_type` dictionary), retired ones included so that old
 * items keep their labels; options list the active ones.
 */
export function useSessionTypes() {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['dictionaries', 'session_type', 'items', 'all'],
    queryFn: ({ signal }) =>
      api.get<Page<DictionaryItemView>>(
        '/dictionaries/session_type/items',
        { includeInactive: true },
        signal,
      ),
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
    (code: string | null | undefined, fallback?: string | null) =>
      code ? (byCode.get(code) ?? fallback ?? code) : '—',
    [byCode],
  );
  return { options, label, loading: query.isPending };
}
