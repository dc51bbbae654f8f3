import type {
  ClassNoticeBody,
  ClassNoticeList,
  ClassNoticeView,
  InboxPage,
  MarkReadView,
  NoticeReceiptsView,
  NoticeRecipientList,
  NotificationPreferencesBody,
  NotificationPreferencesView,
  UnreadCountView,
} from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

const inboxKey = ['inbox'] as const;
const boardKey = (classId: string) => ['classes', 'one', classId, 'notices'] as const;
const preferencesKey = ['me', 'notification-preferences'] as const;

/** The bell's count, polled every 30 s (and on focus). */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...inboxKey, 'unread-count'],
    queryFn: ({ signal }) => api.get<UnreadCountView>('/inbox/unread-count', {}, signal),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
}

export function useInbox(query: { unread: boolean; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...inboxKey, 'list', query],
    queryFn: ({ signal }) =>
      api.get<InboxPage>(
        '/inbox',
        { unread: query.unread ? 'true' : undefined, page: query.page, pageSize: query.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateInbox() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: inboxKey });
    // A class notice read from the inbox is also read on its board.
    void queryClient.invalidateQueries({
      predicate: (q) => q.queryKey[0] === 'classes' && q.queryKey[3] === 'notices',
    });
  };
}

export function useMarkRead() {
  const invalidate = useInvalidateInbox();
  return useMutation({
    mutationFn: (noticeId: string) => api.post<MarkReadView>(`/inbox/${noticeId}/read`),
    onSuccess: invalidate,
  });
}

export function useMarkAllRead() {
  const invalidate = useInvalidateInbox();
  return useMutation({
    mutationFn: () => api.post<MarkReadView>('/inbox/read-all'),
    onSuccess: invalidate,
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: ({ signal }) => api.get<NotificationPreferencesView>('/me/notification-preferences', {}, signal),
  });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferencesBody) =>
      api.put<NotificationPreferencesView>('/me/notification-preferences', body),
    onSuccess: (view) => queryClient.setQueryData(preferencesKey, view),
  });
}

/** A class's notice board. */
export function useClassNotices(classId: string) {
  return useQuery({
    queryKey: [...boardKey(classId), 'list'],
    queryFn: ({ signal }) => api.get<ClassNoticeList>(`/classes/${classId}/notices`, {}, signal),
  });
}

/** Those a notice may be addressed to (staff only). */
export function useNoticeRecipients(classId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...boardKey(classId), 'recipients'],
    queryFn: ({ signal }) =>
      api.get<NoticeRecipientList>(`/classes/${classId}/notices/recipients`, {}, signal),
    enabled,
  });
}

export function useNoticeReceipts(classId: string, noticeId: string | null) {
  return useQuery({
    queryKey: [...boardKey(classId), 'receipts', noticeId],
    queryFn: ({ signal }) =>
      api.get<NoticeReceiptsView>(`/classes/${classId}/notices/${noticeId}/receipts`, {}, signal),
    enabled: !!noticeId,
  });
}

export function usePostNotice(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClassNoticeBody) => api.post<ClassNoticeView>(`/classes/${classId}/notices`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: boardKey(classId) });
      void queryClient.invalidateQueries({ queryKey: inboxKey });
    },
  });
}
