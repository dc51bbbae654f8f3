import { type QueryKey, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';

/** One level of a tree as the API returns it: up to a page of children, and how many there are. */
export interface TreeLevel<T> {
  items: T[];
  total: number;
}

export interface LazyTreeSource<T> {
  /** Query-key prefix; a mutation that invalidates it refreshes every loaded level. */
  baseKey: QueryKey;
  roots: (signal: AbortSignal) => Promise<TreeLevel<T>>;
  children: (parentKey: string, signal: AbortSignal) => Promise<TreeLevel<T>>;
  enabled?: boolean;
}

export interface LazyTree<T> {
  roots: TreeLevel<T> | undefined;
  rootsLoading: boolean;
  rootsError: unknown;
  /** Children of the nodes opened so far (absent: not loaded yet). */
  childrenOf: (key: string) => TreeLevel<T> | undefined;
  /** Keys whose children have been asked for (antd's `loadedKeys`). */
  loadedKeys: string[];
  /** Loads one node's children (antd's `loadData`). */
  load: (key: string) => Promise<void>;
  /** Loads the children of each key, e.g. the ancestors of a selected node, so that it can be shown. */
  loadPath: (keys: string[]) => Promise<void>;
}

/**
 * A tree that loads one level at a time through TanStack Query: roots first, then the children of
 * each node the user opens. Each level is a cached query, so pickers share what they loaded and an
 * invalidation after a change refreshes the open branches in place.
 */
export function useLazyTree<T>(source: LazyTreeSource<T>): LazyTree<T> {
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState<string[]>([]);
  const { baseKey, children } = source;

  const roots = useQuery({
    queryKey: [...baseKey, 'tree-roots'],
    queryFn: ({ signal }) => source.roots(signal),
    enabled: source.enabled ?? true,
  });

  const levelQuery = useCallback(
    (key: string) => ({
      queryKey: [...baseKey, 'tree-children', key],
      queryFn: ({ signal }: { signal: AbortSignal }) => children(key, signal),
    }),
    [baseKey, children],
  );

  const levels = useQueries({ queries: opened.map(levelQuery) });
  const byKey = new Map<string, TreeLevel<T>>();
  opened.forEach((key, i) => {
    const data = levels[i]?.data;
    if (data) byKey.set(key, data);
  });

  const load = useCallback(
    async (key: string) => {
      try {
        await queryClient.ensureQueryData(levelQuery(key));
      } finally {
        setOpened((keys) => (keys.includes(key) ? keys : [...keys, key]));
      }
    },
    [queryClient, levelQuery],
  );

  const loadPath = useCallback(
    async (keys: string[]) => {
      await Promise.all(keys.map((key) => load(key).catch(() => undefined)));
    },
    [load],
  );

  return {
    roots: roots.data,
    rootsLoading: roots.isPending && (source.enabled ?? true),
    rootsError: roots.error,
    childrenOf: (key) => byKey.get(key),
    loadedKeys: opened,
    load,
    loadPath,
  };
}
