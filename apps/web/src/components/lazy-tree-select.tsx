import { TreeSelect } from 'antd';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from './debounce';
import { type LazyTreeSource, type TreeLevel, useLazyTree } from './lazy-tree';

/** One option of a lazy tree select. */
export interface LazyTreeNode {
  value: string;
  title: ReactNode;
  label: string;
  isLeaf: boolean;
  disabled?: boolean;
  selectable?: boolean;
  children?: LazyTreeNode[];
}

/** Where a top-level node comes from: a search result, a root of the tree, or the selected value. */
export type LazyTreeNodeKind = 'search' | 'root' | 'selected';

/** The props a picker built on {@link LazyTreeSelect} hands on from its caller. */
export interface LazyTreePickerProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

interface LazyTreeSelectProps<T, S extends T> extends LazyTreePickerProps {
  source: Omit<LazyTreeSource<T>, 'enabled'>;
  /** Searches by what the user typed (only called with a non-empty, debounced string). */
  useSearch: (q: string) => { data?: { items: T[] }; isFetching: boolean };
  /** Loads the selected value with its ancestors, root first. */
  useSelected: (value: string | null | undefined) => { data?: S };
  keyOf: (item: T) => string;
  /** The keys of the selected value's ancestors, root first. */
  ancestorKeys: (item: S) => string[];
  /**
   * Builds a top-level node; a nested one (`kind === 'root'`) takes its children from `childrenOf`.
   * The tree is rebuilt when `deps` change as well as when a level arrives.
   */
  toNode: (
    item: T,
    kind: LazyTreeNodeKind,
    childrenOf: (key: string) => TreeLevel<T> | undefined,
  ) => LazyTreeNode;
  deps?: unknown[];
  noResults: string;
  defaultPlaceholder: string;
  minWidth: number;
}

/**
 * A tree select loaded level by level through {@link useLazyTree} that turns into a flat result list
 * while the user types; a value set from outside opens its ancestors so the tree can name it.
 */
export function LazyTreeSelect<T, S extends T>({
  value,
  onChange,
  placeholder,
  allowClear = true,
  disabled,
  style,
  id,
  'data-testid': testId,
  source,
  useSearch,
  useSelected,
  keyOf,
  ancestorKeys,
  toNode,
  deps = [],
  noResults,
  defaultPlaceholder,
  minWidth,
}: LazyTreeSelectProps<T, S>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const tree = useLazyTree(source);
  const results = useSearch(q);
  const selected = useSelected(value);

  // A value set from outside (a link, an edited record): open its ancestors so the tree can name it.
  const { loadPath } = tree;
  // biome-ignore lint/correctness/useExhaustiveDependencies: ancestorKeys is a plain accessor
  useEffect(() => {
    const ancestors = selected.data ? ancestorKeys(selected.data) : undefined;
    if (ancestors?.length) void loadPath(ancestors);
  }, [selected.data, loadPath]);

  // The tree gives way as soon as the user types, so no stale node can be picked meanwhile.
  const searching = search.trim().length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt whenever a level arrives
  const treeData = useMemo<LazyTreeNode[]>(() => {
    if (searching) return (results.data?.items ?? []).map((item) => toNode(item, 'search', tree.childrenOf));
    const nodes = (tree.roots?.items ?? []).map((item) => toNode(item, 'root', tree.childrenOf));
    // Until its branch is loaded, the selected value still shows its name, not its key.
    const current = selected.data;
    if (current && !containsValue(nodes, keyOf(current)))
      nodes.push(toNode(current, 'selected', tree.childrenOf));
    return nodes;
  }, [searching, results.data, tree.roots, tree.loadedKeys, tree.childrenOf, selected.data, t, ...deps]);

  return (
    <TreeSelect<string | null, LazyTreeNode>
      id={id}
      value={value ?? null}
      onChange={(picked) => {
        setSearch('');
        onChange?.(picked ?? null);
      }}
      treeData={treeData}
      loadData={(node) => tree.load(String(node.value))}
      treeLoadedKeys={tree.loadedKeys}
      treeNodeLabelProp="label"
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? defaultPlaceholder}
      notFoundContent={searching && q && !results.isFetching ? noResults : t('common.loading')}
      loading={tree.rootsLoading || results.isFetching}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)', minWidth } } }}
      style={style}
      data-testid={testId}
    />
  );
}

function containsValue(nodes: LazyTreeNode[], value: string): boolean {
  return nodes.some((n) => n.value === value || (n.children ? containsValue(n.children, value) : false));
}
