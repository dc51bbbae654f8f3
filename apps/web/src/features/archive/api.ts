import type {
  ArchiveView,
  BelowRequirementRow,
  ManualRecordBody,
  Page,
  StudyHourSettings,
  TrainingRecordView,
  UpdateStudyHourSettingsBody,
} from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Everything of the archive is cached under this key, so a write refreshes every view of it. */
export const archiveKey = ['training-records'] as const;

/** The year in China now: the archive's default year. */
export function chinaYear(now = Date.now()): number {
  return new Date(now + 8 * 3_600_000).getUTCFullYear();
}

/** A person's archive in a year (records, five years of totals, standing). */
export function useArchive(personId: string, year: number) {
  return useQuery({
    queryKey: [...archiveKey, 'person', personId, year],
    queryFn: ({ signal }) => api.get<ArchiveView>(`/people/${personId}/training-records`, { year }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The signed-in trainee's own archive. */
export function useMyArchive(year: number) {
  return useQuery({
    queryKey: [...archiveKey, 'me', year],
    queryFn: ({ signal }) => api.get<ArchiveView>('/me/training-records', { year }, signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useCreateRecord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ManualRecordBody) => api.post<TrainingRecordView>('/training-records', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: archiveKey }),
  });
}

export function useVoidRecord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<TrainingRecordView>(`/training-records/${id}/void`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: archiveKey }),
  });
}

/** The filters of the below-requirement list (kept in the address). */
export interface BelowFilters {
  year: number;
  unitId?: string;
  regionCode?: string;
  period?: 'yearly' | 'five_year';
  shortOf?: 'any' | 'total' | 'online';
  sort?: string;
  page: number;
  pageSize: number;
}

export function useBelowRequirement(filters: BelowFilters) {
  return useQuery({
    queryKey: [...archiveKey, 'below', filters],
    queryFn: ({ signal }) =>
      api.get<Page<BelowRequirementRow>>('/training-records/below-requirement', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

const settingsKey = ['settings', 'study-hours'] as const;

export function useStudyHourSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<StudyHourSettings>('/settings/study-hours', {}, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function usePutStudyHourSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateStudyHourSettingsBody) =>
      api.put<StudyHourSettings>('/settings/study-hours', body),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKey, data);
      void queryClient.invalidateQueries({ queryKey: archiveKey });
    },
  });
}
