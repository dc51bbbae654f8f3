import { ClearOutlined } from '@ant-design/icons';
import {
  DIRECTIONS,
  SECONDMENT_ALERTS,
  SECONDMENT_CATEGORIES,
  SECONDMENT_STATUSES,
  SPECIALTIES,
} from '@ganxun/domain';
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type SecondmentFilters, usePartnershipOptions } from './api';
import { useSecondmentForms } from './parts';

export const FILTER_KEYS = [
  'q',
  'partnershipId',
  'direction',
  'status',
  'category',
  'specialty',
  'form',
  'year',
  'alert',
  'sort',
] as const;

/** The list's filters live in the address (`/secondments?partnershipId=…&alert=ending_soon`). */
export function useSecondmentFilters(): [SecondmentFilters, (change: Partial<SecondmentFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: SecondmentFilters = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20)),
  };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const update = (change: Partial<SecondmentFilters>) => {
    const next = { ...filters, ...change };
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

/** The filter bar above the secondment list. */
export function SecondmentFilterBar({
  filters,
  onChange,
}: {
  filters: SecondmentFilters;
  onChange: (change: Partial<SecondmentFilters>) => void;
}) {
  const { t } = useTranslation();
  const pairings = usePartnershipOptions();
  const forms = useSecondmentForms();
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  const pairing = pairings.data?.items.find((p) => p.id === filters.partnershipId);
  const active = FILTER_KEYS.some((k) => k !== 'sort' && filters[k] !== undefined);
  const l = 'secondments.list';

  return (
    <Flex gap={8} wrap className="gx-filters" data-testid="secondments-filters" style={{ marginBottom: 12 }}>
      <Input.Search
        allowClear
        placeholder={t(`${l}.search`)}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        enterButton={t('common.search')}
        style={{ width: 300, maxWidth: '100%' }}
        data-testid="secondments-search"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t(`${l}.pairing`)}
        value={filters.partnershipId}
        onChange={(partnershipId?: string) => onChange({ partnershipId, direction: undefined })}
        options={(pairings.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        loading={pairings.isPending}
        popupMatchSelectWidth={false}
        style={{ width: 220, maxWidth: '100%' }}
        data-testid="secondments-filter-pairing"
      />
      <Select
        allowClear
        placeholder={t(`${l}.direction`)}
        value={filters.direction}
        onChange={(direction?: string) => onChange({ direction })}
        options={DIRECTIONS.map((d) => ({
          value: d,
          label: pairing?.directions.find((x) => x.direction === d)?.name ?? t(`secondments.direction.${d}`),
        }))}
        popupMatchSelectWidth={false}
        style={{ width: 160 }}
        data-testid="secondments-filter-direction"
      />
      <Select
        allowClear
        placeholder={t(`${l}.status`)}
        value={filters.status}
        onChange={(status?: string) => onChange({ status })}
        options={SECONDMENT_STATUSES.map((s) => ({ value: s, label: t(`secondments.status.${s}`) }))}
        style={{ width: 110 }}
        data-testid="secondments-filter-status"
      />
      <Select
        allowClear
        placeholder={t(`${l}.category`)}
        value={filters.category}
        onChange={(category?: string) => onChange({ category })}
        options={SECONDMENT_CATEGORIES.map((c) => ({ value: c, label: t(`secondments.category.${c}`) }))}
        popupMatchSelectWidth={false}
        style={{ width: 130 }}
        data-testid="secondments-filter-category"
      />
      {filters.category === 'professional' ? (
        <Select
          allowClear
          placeholder={t(`${l}.specialty`)}
          value={filters.specialty}
          onChange={(specialty?: string) => onChange({ specialty })}
          options={SPECIALTIES.map((s) => ({ value: s, label: t(`directory.specialty.${s}`) }))}
          style={{ width: 110 }}
          data-testid="secondments-filter-specialty"
        />
      ) : null}
      <Select
        allowClear
        placeholder={t(`${l}.form`)}
        value={filters.form}
        onChange={(form?: string) => onChange({ form })}
        options={forms.options}
        loading={forms.loading}
        popupMatchSelectWidth={false}
        style={{ width: 120 }}
        data-testid="secondments-filter-form"
      />
      <DatePicker
        picker="year"
        placeholder={t(`${l}.year`)}
        value={filters.year ? dayjs(`${filters.year}-01-01`) : null}
        onChange={(d: Dayjs | null) => onChange({ year: d ? d.format('YYYY') : undefined })}
        style={{ width: 120 }}
        data-testid="secondments-filter-year"
      />
      <Select
        allowClear
        placeholder={t(`${l}.alert`)}
        value={filters.alert}
        onChange={(alert?: string) => onChange({ alert })}
        options={[...SECONDMENT_ALERTS, 'any' as const].map((a) => ({
          value: a,
          label: t(`secondments.alert.${a}`),
        }))}
        popupMatchSelectWidth={false}
        style={{ width: 130 }}
        data-testid="secondments-filter-alert"
      />
      {active ? (
        <Button
          icon={<ClearOutlined />}
          onClick={() =>
            onChange(Object.fromEntries(FILTER_KEYS.filter((k) => k !== 'sort').map((k) => [k, undefined])))
          }
        >
          {t(`${l}.resetFilters`)}
        </Button>
      ) : null}
    </Flex>
  );
}
