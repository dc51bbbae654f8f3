import { ClearOutlined } from '@ant-design/icons';
import { CLASS_STATUSES } from '@ganxun/domain';
import { Button, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { UnitPicker } from '../../components/unit-picker';
import { type ClassFilters, useClassKinds } from './api';

const FILTER_KEYS = ['q', 'year', 'kind', 'status', 'organiserId', 'sort', 'view'] as const;
const CLEARABLE = ['q', 'kind', 'status', 'organiserId'] as const;

/** The class list's filters live in the address (`/classes?year=2022&status=published&view=calendar`). */
export function useClassFilters(): [ClassFilters, (change: Partial<ClassFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: ClassFilters = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20)),
  };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) (filters as unknown as Record<string, string>)[key] = value;
  }
  const update = (change: Partial<ClassFilters>) => {
    const next = { ...filters, ...change };
    if (!('page' in change)) next.page = 1;
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === null || value === '') continue;
      if ((key === 'page' && value === 1) || (key === 'pageSize' && value === 20)) continue;
      if (key === 'view' && value === 'table') continue;
      search.set(key, String(value));
    }
    setParams(search, { replace: true });
  };
  return [filters, update];
}

/** Years offered by the year filter: a few back and two ahead of the current one. */
export function yearOptions(current = new Date().getFullYear()): number[] {
  return Array.from({ length: 8 }, (_, i) => current + 2 - i);
}

/** The filter bar above the class list and calendar. */
export function ClassFilterBar({
  filters,
  onChange,
}: {
  filters: ClassFilters;
  onChange: (change: Partial<ClassFilters>) => void;
}) {
  const { t } = useTranslation();
  const kinds = useClassKinds();
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  const current = new Date().getFullYear();
  const active = CLEARABLE.some((k) => filters[k] !== undefined);

  return (
    <Flex gap={8} wrap className="gx-filters" data-testid="class-filters">
      <Input.Search
        allowClear
        placeholder={t('classes.list.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        enterButton={t('common.search')}
        style={{ width: 300, maxWidth: '100%' }}
        data-testid="class-search"
      />
      <Select<string>
        value={filters.year ?? String(current)}
        onChange={(year) => onChange({ year: year === String(current) ? undefined : year })}
        options={[
          { value: 'all', label: t('classes.list.allYears') },
          ...yearOptions(current).map((y) => ({
            value: String(y),
            label: t('classes.list.yearN', { year: y }),
          })),
        ]}
        style={{ width: 120 }}
        data-testid="class-filter-year"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('classes.field.kind')}
        value={filters.kind}
        onChange={(kind?: string) => onChange({ kind })}
        options={kinds.options}
        loading={kinds.loading}
        popupMatchSelectWidth={false}
        style={{ width: 150 }}
        data-testid="class-filter-kind"
      />
      <Select
        allowClear
        placeholder={t('classes.field.status')}
        value={filters.status}
        onChange={(status?: string) => onChange({ status })}
        options={CLASS_STATUSES.map((s) => ({ value: s, label: t(`classes.status.${s}`) }))}
        popupMatchSelectWidth={false}
        style={{ width: 130 }}
        data-testid="class-filter-status"
      />
      <UnitPicker
        value={filters.organiserId}
        onChange={(organiserId) => onChange({ organiserId: organiserId ?? undefined })}
        placeholder={t('classes.list.organiser')}
        style={{ width: 240, maxWidth: '100%' }}
        data-testid="class-filter-organiser"
      />
      {active ? (
        <Button
          icon={<ClearOutlined />}
          onClick={() => onChange(Object.fromEntries(CLEARABLE.map((k) => [k, undefined])))}
        >
          {t('classes.list.resetFilters')}
        </Button>
      ) : null}
    </Flex>
  );
}
