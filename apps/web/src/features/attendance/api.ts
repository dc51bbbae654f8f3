import type {
  AttendanceRecordView,
  BulkMarkBody,
  CheckInBody,
  ClassAttendanceView,
  LiveBoardView,
  MyClassView,
  RoomQrView,
  SyncQueueBody,
  SyncQueueResult,
} from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** The live board and the room's screen poll this often. */
export const BOARD_POLL_MS = 5000;

export const attendanceKey = (classId: string) => ['classes', 'one', classId, 'attendance'] as const;
const boardKey = (classId: string, sessionId: string) =>
  [...attendanceKey(classId), 'board', sessionId] as const;

export function useBoard(classId: string, sessionId: string | undefined) {
  return useQuery({
    queryKey: boardKey(classId, sessionId ?? ''),
    queryFn: ({ signal }) =>
      api.get<LiveBoardView>(`/classes/${classId}/sessions/${sessionId}/attendance`, {}, signal),
    enabled: Boolean(sessionId),
    refetchInterval: BOARD_POLL_MS,
    refetchIntervalInBackground: true,
  });
}

export function useClassAttendance(classId: string) {
  return useQuery({
    queryKey: [...attendanceKey(classId), 'all'],
    queryFn: ({ signal }) => api.get<ClassAttendanceView>(`/classes/${classId}/attendance`, {}, signal),
  });
}

/** The room's current code; fetched again when it expires (the caller schedules that). */
export function useRoomQr(classId: string, sessionId: string) {
  return useQuery({
    queryKey: [...attendanceKey(classId), 'qr', sessionId],
    queryFn: ({ signal }) => api.get<RoomQrView>(`/classes/${classId}/sessions/${sessionId}/qr`, {}, signal),
    retry: 1,
    gcTime: 0,
  });
}

export function useMarks(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkMarkBody) =>
      api.post<{ items: AttendanceRecordView[] }>(`/classes/${classId}/attendance/marks`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: attendanceKey(classId) }),
  });
}

export function checkIn(classId: string, body: Partial<CheckInBody>) {
  return api.post<AttendanceRecordView>(`/classes/${classId}/attendance/check-in`, body);
}

export function syncQueue(classId: string, body: SyncQueueBody) {
  return api.post<SyncQueueResult>(`/classes/${classId}/attendance/sync`, body);
}

/** The trainee's classes (for their cards). */
export function useMyClasses() {
  return useQuery({
    queryKey: ['me', 'classes'],
    queryFn: ({ signal }) => api.get<{ items: MyClassView[] }>('/me/classes', {}, signal),
  });
}

export function useMyCard(classId: string) {
  return useQuery({
    queryKey: ['me', 'card', classId],
    queryFn: ({ signal }) => api.get<{ token: string; rev: number }>('/me/card', { classId }, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
