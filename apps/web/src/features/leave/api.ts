import type {
  CreateLeaveBody,
  LeaveAttachmentView,
  LeaveDecisionBody,
  LeaveRequestView,
  LeaveSettings,
  LeaveStandingList,
  LeaveStatus,
  MyClassView,
  MySchedule,
  UpdateLeaveSettingsBody,
} from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

const leaveKey = ['leave'] as const;
const classLeaveKey = (classId: string) => ['classes', 'one', classId, 'leave'] as const;

/** A class's requests (its staff), optionally of one status. */
export function useClassLeave(classId: string, status: LeaveStatus | undefined) {
  return useQuery({
    queryKey: [...classLeaveKey(classId), 'list', status ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<{ items: LeaveRequestView[] }>('/leave-requests', { classId, status }, signal),
  });
}

/** Every trainee's standing in a class against the 1/7 allowance. */
export function useLeaveStanding(classId: string) {
  return useQuery({
    queryKey: [...classLeaveKey(classId), 'standing'],
    queryFn: ({ signal }) => api.get<LeaveStandingList>(`/classes/${classId}/leave-standing`, {}, signal),
  });
}

/** The signed-in trainee's own requests, across classes. */
export function useMyLeave() {
  return useQuery({
    queryKey: [...leaveKey, 'mine'],
    queryFn: ({ signal }) =>
      api.get<{ items: LeaveRequestView[] }>('/leave-requests', { mine: 'true' }, signal),
  });
}

/** The trainee's items of published timetables (to pick from). */
export function useMySessions(enabled: boolean) {
  return useQuery({
    queryKey: ['me', 'sessions', 'leave'],
    queryFn: ({ signal }) => api.get<MySchedule>('/me/sessions', {}, signal),
    enabled,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return (classId?: string) => {
    void queryClient.invalidateQueries({ queryKey: leaveKey });
    if (classId) {
      void queryClient.invalidateQueries({ queryKey: classLeaveKey(classId) });
      void queryClient.invalidateQueries({ queryKey: ['classes', 'one', classId, 'attendance'] });
    }
  };
}

export function useAskLeave() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateLeaveBody) => api.post<LeaveRequestView>('/leave-requests', body),
    onSuccess: (view) => invalidate(view.classId),
  });
}

export function useDecideLeave() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: LeaveDecisionBody }) =>
      api.post<LeaveRequestView>(`/leave-requests/${id}/decision`, body),
    onSuccess: (view) => invalidate(view.classId),
  });
}

export function useCancelLeave() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<LeaveRequestView>(`/leave-requests/${id}/cancel`),
    onSuccess: (view) => invalidate(view.classId),
  });
}

export function uploadLeaveAttachment(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<LeaveAttachmentView>('/leave-requests/attachments', form);
}

const settingsKey = ['settings', 'leave'] as const;

export function useLeaveSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<LeaveSettings>('/settings/leave', {}, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function usePutLeaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateLeaveSettingsBody) => api.put<LeaveSettings>('/settings/leave', body),
    onSuccess: (data) => queryClient.setQueryData(settingsKey, data),
  });
}

/** The trainee's classes (to ask leave in). */
export function useMyClassesForLeave() {
  return useQuery({
    queryKey: ['me', 'classes'],
    queryFn: ({ signal }) => api.get<{ items: MyClassView[] }>('/me/classes', {}, signal),
  });
}
