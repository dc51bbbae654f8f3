import type { UnitView } from '@ganxun/domain';
import { TreeSelect, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  fetchUnitChildren,
  fetchUnitRoots,
  unitsKey,
  useUnit,
  useUnitSearch,
} from '../features/directory/api';
import { useDebouncedValue } from './debounce';
import { useLazyTree } from './lazy-tree';

interface Node {
  value: string;
  title: ReactNode;
  label: string;
  isLeaf: boolean;
  disabled?: boolean;
  selectable?: boolean;
  children?: Node[];
}

const PICKER_KEY = [...unitsKey, 'picker'];

/**
 * Picks one unit from the tree the reader may see (`/units/roots`, then children as branches
 * open); typing searches by name across that tree and lists matches with their parent path.
 * `excludeId` disables a unit and its whole subtree (a unit cannot move under itself).
 */
export function UnitPicker({
  value,
  onChange,
  placeholder,
  allowClear = true,
  disabled,
  excludeId,
  style,
  id,
  'data-testid': testId,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  excludeId?: string;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const tree = useLazyTree({ baseKey: PICKER_KEY, roots: fetchUnitRoots, children: fetchUnitChildren });
  const results = useUnitSearch(q);
  const selected = useUnit(value);

  const { loadPath } = tree;
  useEffect(() => {
    const ancestors = selected.data?.ancestors;
    if (ancestors?.length) void loadPath(ancestors.map((a) => a.id));
  }, [selected.data, loadPath]);

  const toNode = (unit: UnitView, nested: boolean, excluded: boolean): Node => {
    const off = excluded || unit.id === excludeId;
    const kids = nested ? tree.childrenOf(unit.id) : undefined;
    const children = kids?.items.map((child) => toNode(child, true, off));
    if (kids && kids.total > kids.items.length) {
      children?.push({
        value: `more:${unit.id}`,
        label: '',
        title: (
          <Typography.Text type="secondary">
            {t('directory.unitPicker.more', { count: kids.total - kids.items.length })}
          </Typography.Text>
        ),
        isLeaf: true,
        selectable: false,
        disabled: true,
      });
    }
    const path = unit.ancestors.map((a) => a.name).join(' / ');
    return {
      value: unit.id,
      label: unit.name,
      title:
        !nested && path ? (
          <span>
            {unit.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {path}
            </Typography.Text>
          </span>
        ) : (
          unit.name
        ),
      isLeaf: !nested || unit.childCount === 0,
      disabled: off,
      children,
    };
  };

  // The tree gives way as soon as the user types, so no stale node can be picked meanwhile.
  const searching = search.trim().length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt whenever a level arrives
  const treeData = useMemo<Node[]>(() => {
    if (searching) {
      return (results.data?.items ?? []).map((u) =>
        toNode(u, false, !!excludeId && u.ancestors.some((a) => a.id === excludeId)),
      );
    }
    const nodes = (tree.roots?.items ?? []).map((u) => toNode(u, true, false));
    const current = selected.data;
    if (current && !containsValue(nodes, current.id)) nodes.push(toNode(current, false, false));
    return nodes;
  }, [searching, results.data, tree.roots, tree.loadedKeys, tree.childrenOf, selected.data, excludeId, t]);

  return (
    <TreeSelect<string | null, Node>
      id={id}
      value={value ?? null}
      onChange={(unitId) => {
        setSearch('');
        onChange?.(unitId ?? null);
      }}
      treeData={treeData}
      loadData={(node) => tree.load(String(node.value))}
      treeLoadedKeys={tree.loadedKeys}
      treeNodeLabelProp="label"
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('directory.unitPicker.placeholder')}
      notFoundContent={
        searching && q && !results.isFetching ? t('directory.unitPicker.noResults') : t('common.loading')
      }
      loading={tree.rootsLoading || results.isFetching}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)', minWidth: 280 } } }}
      style={style}
      data-testid={testId}
    />
  );
}

function containsValue(nodes: Node[], value: string): boolean {
  return nodes.some((n) => n.value === value || (n.children ? containsValue(n.children, value) : false));
}
