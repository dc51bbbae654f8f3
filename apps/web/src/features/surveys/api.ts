import type {
  ClassSurveySummary,
  LecturerEvaluationsView,
  MySurveyView,
  ResponseBody,
  SurveyFormDetail,
  SurveyFormList,
  SurveyFormResultsView,
  SurveySettingsBody,
  SurveySettingsView,
  SurveyTemplateBody,
  SurveyTemplateView,
} from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';

/** Hooks of the surveys API (issue 6 item 4). */

const classKey = (classId: string) => ['classes', 'one', classId, 'surveys'] as const;
const templatesKey = ['survey-templates'] as const;
const myKey = ['me', 'surveys'] as const;

export function useClassForms(classId: string) {
  return useQuery({
    queryKey: [...classKey(classId), 'forms'],
    queryFn: ({ signal }) => api.get<SurveyFormList>(`/classes/${classId}/surveys`, {}, signal),
  });
}

export function useClassSummary(classId: string) {
  return useQuery({
    queryKey: [...classKey(classId), 'summary'],
    queryFn: ({ signal }) => api.get<ClassSurveySummary>(`/classes/${classId}/survey-results`, {}, signal),
  });
}

export function useFormResults(formId: string | null) {
  return useQuery({
    queryKey: ['surveys', formId, 'results'],
    queryFn: ({ signal }) => api.get<SurveyFormResultsView>(`/surveys/${formId}/results`, {}, signal),
    enabled: Boolean(formId),
  });
}

export function useSurveySettings(classId: string) {
  return useQuery({
    queryKey: [...classKey(classId), 'settings'],
    queryFn: ({ signal }) => api.get<SurveySettingsView>(`/classes/${classId}/survey-settings`, {}, signal),
  });
}

export function useSaveSurveySettings(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveySettingsBody) =>
      api.put<SurveySettingsView>(`/classes/${classId}/survey-settings`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: classKey(classId) }),
  });
}

export function useRemind(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (formId: string) =>
      api.post<{ recipients: number; sentAt: string }>(`/surveys/${formId}/reminders`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: classKey(classId) }),
  });
}

export function useCloseForm(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (formId: string) => api.post(`/surveys/${formId}/close`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: classKey(classId) }),
  });
}

export function exportClassResults(classId: string, code: string) {
  return downloadFile(`/classes/${classId}/survey-results.xlsx`, `${code}-evaluation.xlsx`);
}

export function useTemplates(archived = false) {
  return useQuery({
    queryKey: [...templatesKey, archived],
    queryFn: ({ signal }) =>
      api.get<{ items: SurveyTemplateView[] }>(
        '/survey-templates',
        { archived: archived ? 'true' : undefined },
        signal,
      ),
  });
}

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: SurveyTemplateBody }) =>
      id
        ? api.put<SurveyTemplateView>(`/survey-templates/${id}`, body)
        : api.post<SurveyTemplateView>('/survey-templates', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}

export function useArchiveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<SurveyTemplateView>(`/survey-templates/${id}/archive`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}

export function useMySurveys() {
  return useQuery({
    queryKey: myKey,
    queryFn: ({ signal }) => api.get<{ items: MySurveyView[] }>('/me/surveys', {}, signal),
  });
}

export function useSurveyForm(formId: string) {
  return useQuery({
    queryKey: ['surveys', formId],
    queryFn: ({ signal }) => api.get<SurveyFormDetail>(`/surveys/${formId}`, {}, signal),
  });
}

export function useSubmitResponse(formId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ResponseBody) => api.post<{ submitted: true }>(`/surveys/${formId}/responses`, body),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: myKey });
      queryClient.invalidateQueries({ queryKey: ['surveys', formId] });
    },
  });
}

export function useLecturerEvaluations(lecturerId: string) {
  return useQuery({
    queryKey: ['lecturers', lecturerId, 'evaluations'],
    queryFn: ({ signal }) =>
      api.get<LecturerEvaluationsView>(`/lecturers/${lecturerId}/evaluations`, {}, signal),
    retry: false,
  });
}
