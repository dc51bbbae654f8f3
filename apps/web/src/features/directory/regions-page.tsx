import { CloudUploadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Input,
  Spin,
  Table,
  type TableProps,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { DataNode } from 'antd/es/tree';
import type { TFunction } from 'i18next';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useDebouncedValue } from '../../components/debounce';
import { errorText } from '../../components/errors';
import { useLazyTree } from '../../components/lazy-tree';
import { PageHeader } from '../../components/page-header';
import { regionName } from '../../components/region-picker';
import {
  fetchRegionChildren,
  fetchRegionChildrenAll,
  fetchRegionRoots,
  fetchRegionRootsAll,
  regionsKey,
  useRegionSearch,
} from './api';
import './directory.css';
import type { RegionView } from '@ganxun/domain';
import { RegionImportModal } from './region-import-modal';

/** "2019-01-01 至 2023-06-30", "2019-01-01 起", or nothing for an open-ended row without a start. */
function validity(region: RegionView, t: TFunction): string {
  const { validFrom: from, validTo: to } = region;
  if (from && to) return t('directory.regions.validRange', { from, to });
  if (to) return t('directory.regions.validTo', { date: to });
  if (from) return t('directory.regions.validFrom', { date: from });
  return t('directory.regions.always');
}

function RegionTitle({ region }: { region: RegionView }) {
  const { t } = useTranslation();
  return (
    <span data-testid="region-node">
      <Typography.Text delete={region.abolished} type={region.abolished ? 'secondary' : undefined}>
        {regionName(region)}
      </Typography.Text>{' '}
      <Typography.Text type="secondary" className="gx-mono" style={{ fontSize: 12 }}>
        {region.code}
      </Typography.Text>
      {region.abolished ? (
        <>
          <Tag color="orange" style={{ marginInlineStart: 6 }}>
            {t('directory.regions.abolished')}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {validity(region, t)}
          </Typography.Text>
        </>
      ) : null}
    </span>
  );
}

/** /regions: the GB/T 2260 tree, a search by name or code, and (system admin) updates from a file. */
export default function RegionsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [search, setSearch] = useState('');
  const [withAbolished, setWithAbolished] = useState(false);
  const [importing, setImporting] = useState(false);
  const q = useDebouncedValue(search.trim(), 250);
  const tree = useLazyTree({
    baseKey: [...regionsKey, 'page-tree', withAbolished],
    roots: withAbolished ? fetchRegionRootsAll : fetchRegionRoots,
    children: withAbolished ? fetchRegionChildrenAll : fetchRegionChildren,
  });
  const results = useRegionSearch(q, withAbolished, 100);

  const toNode = (region: RegionView): DataNode => ({
    key: region.code,
    title: <RegionTitle region={region} />,
    isLeaf: !region.hasChildren,
    children: tree.childrenOf(region.code)?.items.map(toNode),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt whenever a level arrives
  const treeData = useMemo(
    () => (tree.roots?.items ?? []).map(toNode),
    [tree.roots, tree.loadedKeys, tree.childrenOf, t],
  );

  const columns: TableProps<RegionView>['columns'] = [
    { title: t('directory.regions.code'), dataIndex: 'code', key: 'code', width: 100, className: 'gx-mono' },
    {
      title: t('directory.regions.name'),
      key: 'name',
      render: (_, r) => (
        <Flex gap={6} wrap align="center">
          <span>{regionName(r)}</span>
          {r.abolished ? <Tag color="orange">{t('directory.regions.abolished')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('directory.regions.level'),
      dataIndex: 'level',
      key: 'level',
      width: 80,
      render: (level: RegionView['level']) => t(`directory.regionLevel.${level}`),
    },
    {
      title: t('directory.regions.validity'),
      key: 'validity',
      width: 200,
      responsive: ['sm'],
      render: (_, r) => validity(r, t),
    },
  ];

  let body: ReactNode;
  if (q) {
    body = (
      <Table<RegionView>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={results.data?.items ?? []}
        loading={results.isFetching}
        pagination={false}
        locale={{
          emptyText: results.isError ? errorText(results.error, t) : t('directory.regionPicker.noResults'),
        }}
        data-testid="region-search-results"
      />
    );
  } else if (tree.rootsLoading) {
    body = <Spin style={{ display: 'block', margin: '32px auto' }} />;
  } else if (tree.rootsError) {
    body = <Empty description={errorText(tree.rootsError, t)} />;
  } else {
    body = (
      <Tree
        showLine
        treeData={treeData}
        loadData={(node) => tree.load(String(node.key))}
        loadedKeys={tree.loadedKeys}
        selectable={false}
        data-testid="region-tree"
      />
    );
  }

  return (
    <>
      <PageHeader
        title={t('directory.regions.title')}
        description={t('directory.regions.description')}
        extra={
          can('region.edit') ? (
            <Button
              icon={<CloudUploadOutlined />}
              onClick={() => setImporting(true)}
              data-testid="region-import-open"
            >
              {t('directory.regions.updateFromFile')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap align="center" className="gx-filters">
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('directory.regions.searchPlaceholder')}
            style={{ width: 280, maxWidth: '100%' }}
            data-testid="region-search"
          />
          <Checkbox checked={withAbolished} onChange={(e) => setWithAbolished(e.target.checked)}>
            {t('directory.regions.includeAbolished')}
          </Checkbox>
        </Flex>
        {body}
      </Card>
      <RegionImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
