import type {
  BulkSessionsResult,
  CheckResult,
  CheckSessionBody,
  ClassView,
  CopySessionsBody,
  CreateSessionBody,
  CreateTemplateBody,
  LecturerView,
  MaterialView,
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
import { api } from '../../api/client';
import { useDictionaryOptions } from '../classes/api';

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

/** Where a material of an item is downloaded (and deleted). */
export const materialPath = (classId: string, sessionId: string, fileId: string) =>
  `/classes/${classId}/sessions/${sessionId}/materials/${fileId}`;

/** Attaches a file (multipart field `file`) to an item; the timetable is refreshed after. */
export const useUploadMaterial = (classId: string) =>
  useTimetableMutation(classId, ({ sessionId, file }: { sessionId: string; file: File }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<MaterialView>(`/classes/${classId}/sessions/${sessionId}/materials`, form);
  });

export const useDeleteMaterial = (classId: string) =>
  useTimetableMutation(classId, ({ sessionId, fileId }: { sessionId: string; fileId: string }) =>
    api.delete<void>(materialPath(classId, sessionId, fileId)),
  );

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
  return useDictionaryOptions('session_type');
}
