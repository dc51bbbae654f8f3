import type { RegionDetail, RegionView } from '@ganxun/domain';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../app/i18n';
import {
  fetchRegionChildren,
  fetchRegionRoots,
  regionsKey,
  useRegion,
  useRegionSearch,
} from '../features/directory/api';
import type { TreeLevel } from './lazy-tree';
import { type LazyTreeNode, type LazyTreePickerProps, LazyTreeSelect } from './lazy-tree-select';

/** A region's name in the UI language (Traditional forms are kept by hand: 江干區, not 江乾區). */
export function regionName(region: Pick<RegionView, 'name' | 'nameZhTw'>): string {
  return currentLanguage() === 'zh-TW' ? region.nameZhTw || region.name : region.name;
}

const PICKER_KEY = [...regionsKey, 'picker'];
const SOURCE = { baseKey: PICKER_KEY, roots: fetchRegionRoots, children: fetchRegionChildren };

/**
 * Picks one administrative division: a tree loaded level by level (provinces → prefectures →
 * counties) that turns into a flat result list while the user types a name or code prefix.
 */
export function RegionPicker(props: LazyTreePickerProps) {
  const { t } = useTranslation();

  const toNode = (
    region: RegionView,
    nested: boolean,
    childrenOf: (code: string) => TreeLevel<RegionView> | undefined,
  ): LazyTreeNode => {
    const name = regionName(region);
    const kids = nested ? childrenOf(region.code) : undefined;
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
      children: kids?.items.map((child) => toNode(child, true, childrenOf)),
    };
  };

  return (
    <LazyTreeSelect<RegionView, RegionDetail>
      {...props}
      source={SOURCE}
      useSearch={useRegionSearch}
      useSelected={useRegion}
      keyOf={(region) => region.code}
      ancestorKeys={(region) => region.ancestors.map((a) => a.code)}
      toNode={(region, kind, childrenOf) => toNode(region, kind === 'root', childrenOf)}
      noResults={t('directory.regionPicker.noResults')}
      defaultPlaceholder={t('directory.regionPicker.placeholder')}
      minWidth={260}
    />
  );
}
