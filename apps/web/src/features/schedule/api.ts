import type { CreateFeedBody, FeedView, MySchedule } from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const scheduleKey = ['schedule'] as const;
export const feedsKey = ['calendar-feeds'] as const;

/** Which personal schedule: the trainee's classes or the lecturer's teaching. */
export type ScheduleSource = 'sessions' | 'teaching';

/** GET /me/sessions or /me/teaching; `from` (a China day) limits it to items from that day on. */
export function useMySchedule(source: ScheduleSource, from?: string) {
  return useQuery({
    queryKey: [...scheduleKey, source, from ?? 'all'],
    queryFn: ({ signal }) => api.get<MySchedule>(`/me/${source}`, { from }, signal),
    placeholderData: keepPreviousData,
  });
}

/** A lecturer's sessions across classes, newest first (the pool's history). */
export function useLecturerSessions(lecturerId: string | null) {
  return useQuery({
    queryKey: [...scheduleKey, 'lecturer', lecturerId],
    queryFn: ({ signal }) => api.get<MySchedule>(`/lecturers/${lecturerId}/sessions`, {}, signal),
    enabled: !!lecturerId,
  });
}

/** The signed-in user's calendar feeds (URLs are never listed again). */
export function useFeeds(enabled = true) {
  return useQuery({
    queryKey: feedsKey,
    queryFn: ({ signal }) => api.get<{ items: FeedView[] }>('/calendar-feeds', {}, signal),
    enabled,
  });
}

export function useCreateFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CreateFeedBody> & Pick<CreateFeedBody, 'scope'>) =>
      api.post<FeedView>('/calendar-feeds', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedsKey }),
  });
}

export function useRevokeFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/calendar-feeds/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedsKey }),
  });
}
