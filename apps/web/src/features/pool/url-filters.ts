import { useSearchParams } from 'react-router';

export interface Paged {
  page: number;
  pageSize: number;
  sort?: string;
}

/**
 * A list's filters kept in the address (`/venues?kind=classroom&page=2`), so that a link opens the
 * filtered list and the back button restores it. `keys` are the string filters besides paging.
 */
export function useUrlFilters<F extends Paged>(keys: readonly string[]): [F, (change: Partial<F>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20)),
  } as F;
  for (const key of [...keys, 'sort']) {
    const value = params.get(key);
    if (value) (filters as unknown as Record<string, string>)[key] = value;
  }
  const update = (change: Partial<F>) => {
    const next: Record<string, unknown> = { ...filters, ...change };
    // Any change other than paging starts again at page 1.
    if (!('page' in change)) next.page = 1;
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === null || value === '') continue;
      if ((key === 'page' && value === 1) || (key === 'pageSize' && value === 20)) continue;
      search.set(key, String(value));
    }
    setParams(search, { replace: true });
  };
  return [filters, update];
}

/** `name` / `-name` → antd's sort order of that column. */
export function orderOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}
