import type {
  MyTaskList,
  TaskBody,
  TaskCandidateList,
  TaskForceMemberBody,
  TaskForceMemberUpdateBody,
  TaskForceMemberView,
  TaskForceView,
  TaskPatchBody,
  TaskTemplateBody,
  TaskTemplateList,
  TaskTemplateView,
  TaskView,
} from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

const forceKey = (classId: string) => ['classes', 'one', classId, 'task-force'] as const;
const myKey = ['my-tasks'] as const;
const templatesKey = ['task-templates'] as const;

/** A class's task force, checklist, progress and overdue count. */
export function useTaskForce(classId: string) {
  return useQuery({
    queryKey: forceKey(classId),
    queryFn: ({ signal }) => api.get<TaskForceView>(`/classes/${classId}/task-force`, {}, signal),
  });
}

/** Active accounts to add to the task force, by name. */
export function useTaskCandidates(classId: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...forceKey(classId), 'candidates', q],
    queryFn: ({ signal }) =>
      api.get<TaskCandidateList>(`/classes/${classId}/task-force/candidates`, { q }, signal),
    enabled,
    staleTime: 30_000,
  });
}

function useInvalidate(classId?: string) {
  const queryClient = useQueryClient();
  return () => {
    if (classId) void queryClient.invalidateQueries({ queryKey: forceKey(classId) });
    void queryClient.invalidateQueries({ queryKey: myKey });
  };
}

export function useAddMember(classId: string) {
  const invalidate = useInvalidate(classId);
  return useMutation({
    mutationFn: (body: TaskForceMemberBody) =>
      api.post<TaskForceMemberView>(`/classes/${classId}/task-force/members`, body),
    onSuccess: invalidate,
  });
}

export function useUpdateMember(classId: string) {
  const invalidate = useInvalidate(classId);
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: TaskForceMemberUpdateBody }) =>
      api.patch<TaskForceMemberView>(`/classes/${classId}/task-force/members/${userId}`, body),
    onSuccess: invalidate,
  });
}

export function useRemoveMember(classId: string) {
  const invalidate = useInvalidate(classId);
  return useMutation({
    mutationFn: (userId: string) => api.delete<void>(`/classes/${classId}/task-force/members/${userId}`),
    onSuccess: invalidate,
  });
}

export function useCreateTask(classId: string) {
  const invalidate = useInvalidate(classId);
  return useMutation({
    mutationFn: (body: TaskBody) => api.post<TaskView>(`/classes/${classId}/tasks`, body),
    onSuccess: invalidate,
  });
}

/** Changes a task of a class (`classId` with the variables: my tasks span classes). */
export function useUpdateTask(fixedClassId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ classId, taskId, body }: { classId?: string; taskId: string; body: TaskPatchBody }) =>
      api.patch<TaskView>(`/classes/${classId ?? fixedClassId}/tasks/${taskId}`, body),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: forceKey(view.classId) });
      void queryClient.invalidateQueries({ queryKey: myKey });
    },
  });
}

export function useDeleteTask(classId: string) {
  const invalidate = useInvalidate(classId);
  return useMutation({
    mutationFn: (taskId: string) => api.delete<void>(`/classes/${classId}/tasks/${taskId}`),
    onSuccess: invalidate,
  });
}

export function useApplyTemplate(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (templateId: string) =>
      api.post<TaskForceView>(`/classes/${classId}/tasks/from-template`, { templateId }),
    onSuccess: (view) => {
      queryClient.setQueryData(forceKey(classId), view);
      void queryClient.invalidateQueries({ queryKey: myKey });
    },
  });
}

/** The reader's own tasks across classes. */
export function useMyTasks(status: 'open' | 'all') {
  return useQuery({
    queryKey: [...myKey, status],
    queryFn: ({ signal }) => api.get<MyTaskList>('/my-tasks', { status }, signal),
  });
}

export function useTaskTemplates(enabled = true) {
  return useQuery({
    queryKey: templatesKey,
    queryFn: ({ signal }) => api.get<TaskTemplateList>('/task-templates', {}, signal),
    enabled,
  });
}

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TaskTemplateBody }) =>
      id
        ? api.put<TaskTemplateView>(`/task-templates/${id}`, body)
        : api.post<TaskTemplateView>('/task-templates', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ archived: boolean }>(`/task-templates/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}
