import type {
  AnnualTrainingReport,
  ArchiveView,
  ClassSummaryReport,
  ClassView,
  Page,
  PairingAnnualReport,
  PartnershipView,
  PersonView,
} from '@ganxun/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';

export const reportsKey = ['reports'] as const;

/** The year in China now (the default year of the annual reports). */
export function chinaYear(now = Date.now()): number {
  return new Date(now + 8 * 3_600_000).getUTCFullYear();
}

export function useAnnualReport(year: number, organiserId: string | null) {
  return useQuery({
    queryKey: [...reportsKey, 'annual', { year, organiserId }],
    queryFn: ({ signal }) =>
      api.get<AnnualTrainingReport>(
        '/reports/annual-training',
        { year, organiserId: organiserId ?? undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useClassSummary(id: string | null) {
  return useQuery({
    queryKey: [...reportsKey, 'class', id],
    queryFn: ({ signal }) => api.get<ClassSummaryReport>(`/reports/classes/${id}/summary`, undefined, signal),
    enabled: !!id,
  });
}

export function usePairingReport(id: string | null, year: number) {
  return useQuery({
    queryKey: [...reportsKey, 'pairing', id, year],
    queryFn: ({ signal }) =>
      api.get<PairingAnnualReport>(`/reports/partnerships/${id}/annual`, { year }, signal),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function usePersonArchive(id: string | null) {
  return useQuery({
    queryKey: [...reportsKey, 'person', id],
    queryFn: ({ signal }) => api.get<ArchiveView>(`/reports/people/${id}/archive`, undefined, signal),
    enabled: !!id,
  });
}

/** Classes found by name or code (the class picker). */
export function useClassOptions(q: string) {
  return useQuery({
    queryKey: [...reportsKey, 'class-options', q],
    queryFn: ({ signal }) =>
      api.get<Page<ClassView>>('/classes', { q: q || undefined, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every pairing the reader reaches. */
export function usePairingOptions() {
  return useQuery({
    queryKey: [...reportsKey, 'pairing-options'],
    queryFn: ({ signal }) =>
      api.get<Page<PartnershipView>>('/partnerships', { pageSize: 200, sort: 'name' }, signal),
    staleTime: 60_000,
  });
}

/** People found by name (the person search); nothing until something is typed. */
export function usePeopleOptions(q: string) {
  return useQuery({
    queryKey: [...reportsKey, 'people-options', q],
    queryFn: ({ signal }) => api.get<Page<PersonView>>('/people', { q, pageSize: 20 }, signal),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Downloads a report's workbook (`?format=xlsx`): the server names the file. */
export function downloadReport(
  path: string,
  fallbackName: string,
  query: Record<string, string | number | undefined> = {},
) {
  return downloadFile(path, fallbackName, { ...query, format: 'xlsx' });
}
