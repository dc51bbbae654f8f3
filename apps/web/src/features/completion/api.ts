import type {
  ClassCompletionView,
  CompletionRulesBody,
  CompletionView,
  ConfirmCompletionView,
  GradeBody,
  MyReflectionList,
  OverrideBody,
  ReflectionBody,
  ReflectionFileView,
  ReflectionList,
  ReflectionView,
} from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const completionKey = (classId: string) => ['classes', 'one', classId, 'completion'] as const;
const reflectionsKey = (classId: string) => ['classes', 'one', classId, 'reflections'] as const;
const myReflectionsKey = ['me', 'reflections'] as const;

export function useCompletion(classId: string) {
  return useQuery({
    queryKey: completionKey(classId),
    queryFn: ({ signal }) => api.get<ClassCompletionView>(`/classes/${classId}/completion`, {}, signal),
  });
}

function useCompletionMutation<V, R>(classId: string, fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['classes', 'one', classId] }),
  });
}

export const useSaveRules = (classId: string) =>
  useCompletionMutation(classId, (body: CompletionRulesBody) =>
    api.put<CompletionRulesBody>(`/classes/${classId}/completion-rules`, body),
  );

export const useOverride = (classId: string) =>
  useCompletionMutation(classId, ({ enrollmentId, body }: { enrollmentId: string; body: OverrideBody }) =>
    api.put<CompletionView>(`/classes/${classId}/completion/${enrollmentId}/override`, body),
  );

export const useClearOverride = (classId: string) =>
  useCompletionMutation(classId, (enrollmentId: string) =>
    api.delete<CompletionView>(`/classes/${classId}/completion/${enrollmentId}/override`),
  );

export const useConfirmCompletion = (classId: string) =>
  useCompletionMutation(classId, () =>
    api.post<ConfirmCompletionView>(`/classes/${classId}/completion/confirm`),
  );

export function useReflections(classId: string) {
  return useQuery({
    queryKey: reflectionsKey(classId),
    queryFn: ({ signal }) => api.get<ReflectionList>(`/classes/${classId}/reflections`, {}, signal),
  });
}

export function useReflection(classId: string, id: string | null) {
  return useQuery({
    queryKey: [...reflectionsKey(classId), id],
    queryFn: ({ signal }) => api.get<ReflectionView>(`/classes/${classId}/reflections/${id}`, {}, signal),
    enabled: Boolean(id),
  });
}

export const useGradeReflection = (classId: string) =>
  useCompletionMutation(classId, ({ id, body }: { id: string; body: GradeBody }) =>
    api.post<ReflectionView>(`/classes/${classId}/reflections/${id}/grade`, body),
  );

/** Where a reflection's file is downloaded. */
export const reflectionFilePath = (classId: string, id: string) =>
  `/classes/${classId}/reflections/${id}/file`;

export function useMyReflections() {
  return useQuery({
    queryKey: myReflectionsKey,
    queryFn: ({ signal }) => api.get<MyReflectionList>('/me/reflections', {}, signal),
  });
}

export function uploadReflectionFile(classId: string, file: File): Promise<ReflectionFileView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<ReflectionFileView>(`/classes/${classId}/reflections/files`, form);
}

export function useSubmitReflection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ classId, body }: { classId: string; body: ReflectionBody }) =>
      api.put<ReflectionView>(`/classes/${classId}/reflections/mine`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: myReflectionsKey }),
  });
}
