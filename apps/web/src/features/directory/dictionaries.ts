import type { DictionaryItemView, Page } from '@ganxun/domain';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { currentLanguage } from '../../app/i18n';

/** The code lists a person's record refers to (GB 3304, GB/T 4762, GB/T 12407, education). */
export type PersonDictionary = 'ethnicity' | 'political_status' | 'post_level' | 'education';

export interface Dictionary {
  /** Active items, for pickers. */
  options: { value: string; label: string }[];
  /** The label of a code in the UI language; retired codes still resolve, unknown ones show as is. */
  label: (code: string | null | undefined) => string;
  loading: boolean;
}

/**
 * One dictionary's items, inactive ones included so that old records keep their labels. The key
 * sits under `['dictionaries']`, which the dictionaries page invalidates after an edit.
 */
export function useDictionary(code: PersonDictionary): Dictionary {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['dictionaries', code, 'items', 'all'],
    queryFn: ({ signal }) =>
      api.get<Page<DictionaryItemView>>(`/dictionaries/${code}/items`, { includeInactive: true }, signal),
    staleTime: 10 * 60_000,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels follow the UI language
  const byCode = useMemo(() => {
    const language = currentLanguage();
    const map = new Map<string, string>();
    for (const item of query.data?.items ?? []) map.set(item.code, item.label[language]);
    return map;
  }, [query.data, i18n.language]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels follow the UI language
  const options = useMemo(() => {
    const language = currentLanguage();
    return (query.data?.items ?? [])
      .filter((item) => item.active)
      .map((item) => ({ value: item.code, label: item.label[language] }));
  }, [query.data, i18n.language]);
  const label = useCallback(
    (value: string | null | undefined) => (value ? (byCode.get(value) ?? value) : '—'),
    [byCode],
  );
  return { options, label, loading: query.isPending };
}
