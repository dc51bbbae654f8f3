import { ApartmentOutlined } from '@ant-design/icons';
import type { UnitView } from '@ganxun/domain';
import { Empty, Input, List, Spin, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type Key, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../components/debounce';
import { errorText } from '../../components/errors';
import { useLazyTree } from '../../components/lazy-tree';
import { fetchUnitChildren, fetchUnitRoots, unitsKey, useUnit, useUnitSearch } from './api';

const TREE_KEY = [...unitsKey, 'page-tree'];

/**
 * The left side of /units: the reader's unit tree, one level at a time, and a name search that
 * replaces the tree with matches (with their parent path) while it has text.
 */
export function UnitTree({ selectedId, onSelect }: { selectedId?: string; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const tree = useLazyTree({ baseKey: TREE_KEY, roots: fetchUnitRoots, children: fetchUnitChildren });
  const results = useUnitSearch(q, 100);
  const selected = useUnit(selectedId);
  const [expanded, setExpanded] = useState<Key[]>([]);

  // Open the branch of a unit selected from the search or a link, so it shows in place.
  const { loadPath } = tree;
  useEffect(() => {
    const ancestors = selected.data?.ancestors.map((a) => a.id);
    if (!ancestors?.length) return;
    void loadPath(ancestors);
    setExpanded((keys) => [...new Set([...keys, ...ancestors])]);
  }, [selected.data, loadPath]);

  const toNode = (unit: UnitView): DataNode => {
    const kids = tree.childrenOf(unit.id);
    const children: DataNode[] | undefined = kids?.items.map(toNode);
    if (kids && kids.total > kids.items.length) {
      children?.push({
        key: `more:${unit.id}`,
        title: (
          <Typography.Text type="secondary">
            {t('directory.unitPicker.more', { count: kids.total - kids.items.length })}
          </Typography.Text>
        ),
        isLeaf: true,
        selectable: false,
      });
    }
    return {
      key: unit.id,
      title: (
        <span data-testid="unit-tree-node">
          {unit.name}
          {unit.childCount > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              ({unit.childCount})
            </Typography.Text>
          ) : null}
        </span>
      ),
      isLeaf: unit.childCount === 0,
      children,
    };
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt whenever a level arrives
  const treeData = useMemo(
    () => (tree.roots?.items ?? []).map(toNode),
    [tree.roots, tree.loadedKeys, tree.childrenOf, t],
  );

  let body: ReactNode;
  if (q) {
    body = (
      <List<UnitView>
        size="small"
        loading={results.isFetching}
        dataSource={results.data?.items ?? []}
        locale={{ emptyText: t('directory.unitPicker.noResults') }}
        renderItem={(unit) => (
          <List.Item
            onClick={() => {
              setSearch('');
              onSelect(unit.id);
            }}
            style={{ cursor: 'pointer' }}
            data-testid="unit-search-result"
          >
            <List.Item.Meta
              avatar={<ApartmentOutlined />}
              title={
                <span>
                  {unit.name}
                  {unit.status === 'merged' ? (
                    <Tag style={{ marginInlineStart: 6 }}>{t('directory.units.mergedTag')}</Tag>
                  ) : null}
                </span>
              }
              description={unit.ancestors.map((a) => a.name).join(' / ') || undefined}
            />
          </List.Item>
        )}
      />
    );
  } else if (tree.rootsLoading) {
    body = <Spin style={{ display: 'block', margin: '32px auto' }} />;
  } else if (tree.rootsError) {
    body = <Empty description={errorText(tree.rootsError, t)} />;
  } else if (treeData.length === 0) {
    body = <Empty description={t('directory.units.treeEmpty')} />;
  } else {
    body = (
      <Tree
        blockNode
        showLine
        treeData={treeData}
        loadData={(node) => tree.load(String(node.key))}
        loadedKeys={tree.loadedKeys}
        expandedKeys={expanded}
        onExpand={setExpanded}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(keys) => {
          const key = keys[0];
          if (key !== undefined) onSelect(String(key));
        }}
        data-testid="unit-tree"
      />
    );
  }

  return (
    <>
      <Input.Search
        allowClear
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={t('directory.units.searchPlaceholder')}
        style={{ marginBottom: 12 }}
        data-testid="unit-search"
      />
      <div className="gx-tree-scroll">{body}</div>
    </>
  );
}
