import type { ClassView, GeneratedDocument, NarrativeScript, Page } from '@ganxun/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';

export type DocumentKind = 'annual' | 'brief';

/** What a generated document is made from: the annual summary's year and organiser, or a class. */
export interface DocumentChoice {
  kind: DocumentKind;
  year: number;
  organiserId: string | null;
  classId: string | null;
  script: NarrativeScript;
}

/** The current year in China (documents default to the year under way). */
export function chinaYear(now = Date.now()): number {
  return new Date(now + 8 * 3_600_000).getUTCFullYear();
}

/** The API path and query of a choice (null when a class brief has no class yet). */
export function documentRequest(
  c: DocumentChoice,
): { path: string; query: Record<string, string | number | undefined> } | null {
  if (c.kind === 'brief') {
    if (!c.classId) return null;
    return { path: `/reports/classes/${c.classId}/brief`, query: { script: c.script } };
  }
  return {
    path: '/reports/annual-summary/document',
    query: { year: c.year, organiserId: c.organiserId ?? undefined, script: c.script },
  };
}

/** The document for the preview (`format=json`). */
export function useGeneratedDocument(c: DocumentChoice) {
  const request = documentRequest(c);
  return useQuery({
    queryKey: ['documents', c.kind, c.year, c.organiserId, c.classId, c.script],
    queryFn: ({ signal }) =>
      api.get<GeneratedDocument>(request?.path ?? '', { ...request?.query, format: 'json' }, signal),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });
}

/** Saves the document as DOCX or PDF (named by the server; the download is audited there). */
export function downloadDocument(c: DocumentChoice, format: 'docx' | 'pdf'): Promise<void> {
  const request = documentRequest(c);
  if (!request) return Promise.resolve();
  const fallback = `${c.kind === 'brief' ? 'class-brief' : `annual-summary-${c.year}`}.${format}`;
  return downloadFile(request.path, fallback, { ...request.query, format });
}

/** Classes to pick for a brief, by name or code (most recent first). */
export function useClassOptions(q: string) {
  return useQuery({
    queryKey: ['documents', 'classes', q],
    queryFn: ({ signal }) =>
      api.get<Page<ClassView>>('/classes', { q: q || undefined, pageSize: 20, sort: '-startDate' }, signal),
    placeholderData: keepPreviousData,
  });
}

/** One class (to label the picked one when it is not among the search results). */
export function useClassLabel(id: string | null) {
  return useQuery({
    queryKey: ['documents', 'class', id],
    queryFn: ({ signal }) => api.get<ClassView>(`/classes/${id}`, undefined, signal),
    enabled: !!id,
  });
}
