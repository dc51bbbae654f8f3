import type { UnitView } from '@ganxun/domain';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  fetchUnitChildren,
  fetchUnitRoots,
  unitsKey,
  useUnit,
  useUnitSearch,
} from '../features/directory/api';
import type { TreeLevel } from './lazy-tree';
import { type LazyTreeNode, type LazyTreePickerProps, LazyTreeSelect } from './lazy-tree-select';

const PICKER_KEY = [...unitsKey, 'picker'];
const SOURCE = { baseKey: PICKER_KEY, roots: fetchUnitRoots, children: fetchUnitChildren };

/**
 * Picks one unit from the tree the reader may see (`/units/roots`, then children as branches
 * open); typing searches by name across that tree and lists matches with their parent path.
 * `excludeId` disables a unit and its whole subtree (a unit cannot move under itself).
 */
export function UnitPicker({ excludeId, ...props }: LazyTreePickerProps & { excludeId?: string }) {
  const { t } = useTranslation();

  const toNode = (
    unit: UnitView,
    nested: boolean,
    excluded: boolean,
    childrenOf: (id: string) => TreeLevel<UnitView> | undefined,
  ): LazyTreeNode => {
    const off = excluded || unit.id === excludeId;
    const kids = nested ? childrenOf(unit.id) : undefined;
    const children = kids?.items.map((child) => toNode(child, true, off, childrenOf));
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

  return (
    <LazyTreeSelect<UnitView, UnitView>
      {...props}
      source={SOURCE}
      useSearch={useUnitSearch}
      useSelected={useUnit}
      keyOf={(unit) => unit.id}
      ancestorKeys={(unit) => unit.ancestors.map((a) => a.id)}
      toNode={(unit, kind, childrenOf) =>
        toNode(
          unit,
          kind === 'root',
          kind === 'search' && !!excludeId && unit.ancestors.some((a) => a.id === excludeId),
          childrenOf,
        )
      }
      deps={[excludeId]}
      noResults={t('directory.unitPicker.noResults')}
      defaultPlaceholder={t('directory.unitPicker.placeholder')}
      minWidth={280}
    />
  );
}
