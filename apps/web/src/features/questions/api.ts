import {
  applyBoardEvent,
  type BoardEvent,
  type BoardSettingsBody,
  type BoardView,
  type ClassQuestionsView,
  type ModerateBody,
  type PostQuestionBody,
  type QuestionView,
} from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { API_BASE, api, toQueryString } from '../../api/client';

/** The API path of an item's board. */
export const boardPath = (classId: string, sessionId: string) => `/classes/${classId}/sessions/${sessionId}`;

/** The board's address for phones (what the presenter view's QR code encodes). */
export function boardUrl(classId: string, sessionId: string, invite: string | null): string {
  const query = invite ? `?invite=${encodeURIComponent(invite)}` : '';
  return `${window.location.origin}/classes/${classId}/sessions/${sessionId}/questions${query}`;
}

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * An item's board, kept live: the server-sent-event stream gives a snapshot, then every change
 * (applyBoardEvent folds them in). EventSource reconnects by itself after a drop; each new
 * connection starts with a fresh snapshot, so nothing is missed. `invite` is the online viewers'
 * invitation from the link, when there is one.
 */
export function useLiveBoard(classId: string, sessionId: string, invite?: string | null) {
  const [board, setBoard] = useState<BoardView | null>(null);
  const [state, setState] = useState<StreamState>('connecting');
  const [error, setError] = useState<number | null>(null);

  useEffect(() => {
    const url = `${API_BASE}${boardPath(classId, sessionId)}/questions/stream${toQueryString({ invite: invite ?? undefined })}`;
    const source = new EventSource(url);
    let opened = false;
    const on = (event: MessageEvent<string>) => {
      const parsed = JSON.parse(event.data) as BoardEvent;
      setBoard((current) => applyBoardEvent(current, parsed));
      setState('live');
      opened = true;
    };
    for (const type of ['snapshot', 'questions', 'board'] as const) source.addEventListener(type, on);
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // Refused outright (403/404): EventSource does not say which; ask once.
        if (!opened) {
          api
            .get<BoardView>(`${boardPath(classId, sessionId)}/questions`, { invite: invite ?? undefined })
            .then(setBoard, (e: { status?: number }) => setError(e.status ?? 0));
        }
        return;
      }
      setState('reconnecting');
    };
    return () => source.close();
  }, [classId, sessionId, invite]);

  /** Applies the answer of one's own write at once (the stream's copy follows within a second). */
  const merge = (question: QuestionView) =>
    setBoard((current) =>
      applyBoardEvent(current, { type: 'questions', questions: [question], removed: [] }),
    );

  return { board, state, error, merge, setBoard };
}

export function usePostQuestion(classId: string, sessionId: string, invite?: string | null) {
  return useMutation({
    mutationFn: (body: PostQuestionBody) =>
      api.post<QuestionView>(
        `${boardPath(classId, sessionId)}/questions${toQueryString({ invite: invite ?? undefined })}`,
        body,
      ),
  });
}

export function useVote(classId: string, sessionId: string, invite?: string | null) {
  return useMutation({
    mutationFn: (questionId: string) =>
      api.post<QuestionView>(
        `${boardPath(classId, sessionId)}/questions/${questionId}/votes${toQueryString({ invite: invite ?? undefined })}`,
        {},
      ),
  });
}

export function useModerate(classId: string, sessionId: string) {
  return useMutation({
    mutationFn: ({ questionId, ...body }: ModerateBody & { questionId: string }) =>
      api.post<QuestionView>(`${boardPath(classId, sessionId)}/questions/${questionId}/moderation`, body),
  });
}

export function useBoardSettings(classId: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BoardSettingsBody) =>
      api.patch<BoardView>(`${boardPath(classId, sessionId)}/question-board`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: classQuestionsKey(classId) }),
  });
}

export const classQuestionsKey = (classId: string) => ['classes', 'one', classId, 'questions'] as const;

/** Questions and the share answered per item of the class. */
export function useClassQuestions(classId: string) {
  return useQuery({
    queryKey: classQuestionsKey(classId),
    queryFn: ({ signal }) => api.get<ClassQuestionsView>(`/classes/${classId}/questions`, {}, signal),
  });
}

/** The class's questions workbook (or one item's). */
export const questionsXlsxUrl = (classId: string, sessionId?: string) =>
  `${API_BASE}/classes/${classId}/questions.xlsx${toQueryString({ sessionId })}`;
