import { ClearOutlined } from '@ant-design/icons';
import { GENDERS, PERSON_CATEGORIES, PERSON_STATUSES, SPECIALTIES } from '@ganxun/domain';
import { Button, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RegionPicker } from '../../components/region-picker';
import { UnitPicker } from '../../components/unit-picker';
import type { PeopleFilters } from './api';
import { useDictionary } from './dictionaries';

const FILTER_KEYS = [
  'q',
  'unitId',
  'regionCode',
  'category',
  'specialty',
  'rank',
  'status',
  'gender',
  'sort',
];

/**
 * The list's filters live in the address (`/people?unitId=…&page=2`), so a link from a unit's
 * page opens the filtered list and the browser's back button restores it.
 */
export function usePeopleFilters(): [PeopleFilters, (change: Partial<PeopleFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: PeopleFilters = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20)),
  };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) (filters as unknown as Record<string, string>)[key] = value;
  }
  const update = (change: Partial<PeopleFilters>) => {
    const next = { ...filters, ...change };
    // Any change other than paging starts again at page 1.
    if (!('page' in change)) next.page = 1;
    if (next.category !== 'professional') delete next.specialty;
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

/** The filter bar above the people list. */
export function PeopleFilterBar({
  filters,
  onChange,
}: {
  filters: PeopleFilters;
  onChange: (change: Partial<PeopleFilters>) => void;
}) {
  const { t } = useTranslation();
  const ranks = useDictionary('post_level');
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  const active = FILTER_KEYS.some((k) => k !== 'sort' && filters[k as keyof PeopleFilters] !== undefined);

  return (
    <Flex gap={8} wrap className="gx-filters" data-testid="people-filters">
      <Input.Search
        allowClear
        placeholder={t('directory.people.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        enterButton={t('common.search')}
        style={{ width: 340, maxWidth: '100%' }}
        data-testid="people-search"
      />
      <UnitPicker
        value={filters.unitId}
        onChange={(unitId) => onChange({ unitId: unitId ?? undefined })}
        placeholder={t('directory.people.unit')}
        style={{ width: 220, maxWidth: '100%' }}
        data-testid="people-filter-unit"
      />
      <RegionPicker
        value={filters.regionCode}
        onChange={(regionCode) => onChange({ regionCode: regionCode ?? undefined })}
        placeholder={t('directory.people.region')}
        style={{ width: 200, maxWidth: '100%' }}
        data-testid="people-filter-region"
      />
      <Select
        allowClear
        placeholder={t('directory.people.category')}
        value={filters.category}
        onChange={(category?: string) => onChange({ category })}
        options={PERSON_CATEGORIES.map((c) => ({ value: c, label: t(`directory.category.${c}`) }))}
        popupMatchSelectWidth={false}
        style={{ width: 140 }}
      />
      {filters.category === 'professional' ? (
        <Select
          allowClear
          placeholder={t('directory.people.specialty')}
          value={filters.specialty}
          onChange={(specialty?: string) => onChange({ specialty })}
          options={SPECIALTIES.map((s) => ({ value: s, label: t(`directory.specialty.${s}`) }))}
          style={{ width: 120 }}
        />
      ) : null}
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('directory.people.rank')}
        value={filters.rank}
        onChange={(rank?: string) => onChange({ rank })}
        options={ranks.options}
        loading={ranks.loading}
        popupMatchSelectWidth={false}
        style={{ width: 150 }}
      />
      <Select
        allowClear
        placeholder={t('directory.people.status')}
        value={filters.status}
        onChange={(status?: string) => onChange({ status })}
        options={PERSON_STATUSES.map((s) => ({ value: s, label: t(`directory.personStatus.${s}`) }))}
        style={{ width: 100 }}
      />
      <Select
        allowClear
        placeholder={t('directory.people.gender')}
        value={filters.gender}
        onChange={(gender?: string) => onChange({ gender })}
        options={GENDERS.map((g) => ({ value: g, label: t(`directory.gender.${g}`) }))}
        style={{ width: 90 }}
      />
      {active ? (
        <Button
          icon={<ClearOutlined />}
          onClick={() =>
            onChange(Object.fromEntries(FILTER_KEYS.filter((k) => k !== 'sort').map((k) => [k, undefined])))
          }
        >
          {t('directory.people.resetFilters')}
        </Button>
      ) : null}
    </Flex>
  );
}
