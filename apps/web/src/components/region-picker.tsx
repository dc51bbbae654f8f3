import type { RegionView } from '@ganxun/domain';
import { Tag, TreeSelect, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../app/i18n';
import {
  fetchRegionChildren,
  fetchRegionRoots,
  regionsKey,
  useRegion,
  useRegionSearch,
} from '../features/directory/api';
import { useDebouncedValue } from './debounce';
import { useLazyTree } from './lazy-tree';

/** A region's name in the UI language (Traditional forms are kept by hand: 江干區, not 江乾區). */
export function regionName(region: Pick<RegionView, 'name' | 'nameZhTw'>): string {
  return currentLanguage() === 'zh-TW' ? region.nameZhTw || region.name : region.name;
}

interface Node {
  value: string;
  title: ReactNode;
  label: string;
  isLeaf: boolean;
  children?: Node[];
}

const PICKER_KEY = [...regionsKey, 'picker'];

/**
 * Picks one administrative division: a tree loaded level by level (provinces → prefectures →
 * counties) that turns into a flat result list while the user types a name or code prefix.
 */
export function RegionPicker({
  value,
  onChange,
  placeholder,
  allowClear = true,
  disabled,
  style,
  id,
  'data-testid': testId,
}: {
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const tree = useLazyTree({ baseKey: PICKER_KEY, roots: fetchRegionRoots, children: fetchRegionChildren });
  const results = useRegionSearch(q);
  const selected = useRegion(value);

  // A value set from outside (a link, an edited record): open its ancestors so the tree can name it.
  const { loadPath } = tree;
  useEffect(() => {
    const ancestors = selected.data?.ancestors;
    if (ancestors?.length) void loadPath(ancestors.map((a) => a.code));
  }, [selected.data, loadPath]);

  const toNode = (region: RegionView, nested: boolean): Node => {
    const name = regionName(region);
    const kids = nested ? tree.childrenOf(region.code) : undefined;
    return {
      value: region.code,
      label: name,
      title: (
        <span>
          {name}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {region.code}
          </Typography.Text>
          {region.abolished ? (
            <Tag style={{ marginInlineStart: 6 }}>{t('directory.regionPicker.abolished')}</Tag>
          ) : null}
        </span>
      ),
      isLeaf: !nested || !region.hasChildren,
      children: kids?.items.map((child) => toNode(child, true)),
    };
  };

  // The tree gives way as soon as the user types, so no stale node can be picked meanwhile.
  const searching = search.trim().length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt whenever a level arrives
  const treeData = useMemo<Node[]>(() => {
    if (searching) return (results.data?.items ?? []).map((r) => toNode(r, false));
    const nodes = (tree.roots?.items ?? []).map((r) => toNode(r, true));
    // Until its branch is loaded, the selected value still shows its name, not its code.
    const current = selected.data;
    if (current && !containsValue(nodes, current.code)) nodes.push(toNode(current, false));
    return nodes;
  }, [searching, results.data, tree.roots, tree.loadedKeys, tree.childrenOf, selected.data, t]);

  return (
    <TreeSelect<string | null, Node>
      id={id}
      value={value ?? null}
      onChange={(code) => {
        setSearch('');
        onChange?.(code ?? null);
      }}
      treeData={treeData}
      loadData={(node) => tree.load(String(node.value))}
      treeLoadedKeys={tree.loadedKeys}
      treeNodeLabelProp="label"
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('directory.regionPicker.placeholder')}
      notFoundContent={
        searching && q && !results.isFetching ? t('directory.regionPicker.noResults') : t('common.loading')
      }
      loading={tree.rootsLoading || results.isFetching}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)', minWidth: 260 } } }}
      style={style}
      data-testid={testId}
    />
  );
}

function containsValue(nodes: Node[], value: string): boolean {
  return nodes.some((n) => n.value === value || (n.children ? containsValue(n.children, value) : false));
}
