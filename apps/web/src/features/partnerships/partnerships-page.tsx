import { ClearOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { PARTNERSHIP_STATUSES, type PartnershipView } from '@ganxun/domain';
import { Button, Card, Flex, Input, Select, type TableProps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { regionName } from '../../components/region-picker';
import { type PartnershipFilters, usePartnerships } from './api';
import { PARTNERSHIP_STATUS_COLOR, sideLabel, useProgrammes, yearChoices, yearsText } from './labels';
import { PartnershipFormDrawer } from './partnership-form-drawer';

const FILTER_KEYS = ['q', 'programme', 'status', 'year', 'sort'] as const;
const CLEARABLE = ['q', 'programme', 'status', 'year'] as const;

/** The list's filters live in the address (`/partnerships?programme=east_west&page=2`). */
function usePartnershipFilters(): [PartnershipFilters, (change: Partial<PartnershipFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: PartnershipFilters = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20)),
  };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const update = (change: Partial<PartnershipFilters>) => {
    const next = { ...filters, ...change };
    if (!('page' in change)) next.page = 1;
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

function FilterBar({
  filters,
  onChange,
}: {
  filters: PartnershipFilters;
  onChange: (change: Partial<PartnershipFilters>) => void;
}) {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  const active = CLEARABLE.some((k) => filters[k] !== undefined);
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="partnership-filters">
      <Input.Search
        allowClear
        placeholder={t('partnerships.list.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        enterButton={t('common.search')}
        style={{ width: 300, maxWidth: '100%' }}
        data-testid="partnership-search"
      />
      <Select
        allowClear
        placeholder={t('partnerships.field.programme')}
        value={filters.programme}
        onChange={(programme?: string) => onChange({ programme })}
        options={programmes.options}
        loading={programmes.loading}
        popupMatchSelectWidth={false}
        style={{ width: 150 }}
        data-testid="partnership-filter-programme"
      />
      <Select
        allowClear
        placeholder={t('partnerships.field.status')}
        value={filters.status}
        onChange={(status?: string) => onChange({ status })}
        options={PARTNERSHIP_STATUSES.map((s) => ({ value: s, label: t(`partnerships.status.${s}`) }))}
        popupMatchSelectWidth={false}
        style={{ width: 120 }}
        data-testid="partnership-filter-status"
      />
      <Select
        allowClear
        placeholder={t('partnerships.list.year')}
        value={filters.year}
        onChange={(year?: string) => onChange({ year })}
        options={yearChoices().map((y) => ({
          value: String(y),
          label: t('partnerships.list.yearN', { year: y }),
        }))}
        style={{ width: 120 }}
        data-testid="partnership-filter-year"
      />
      {active ? (
        <Button
          icon={<ClearOutlined />}
          onClick={() => onChange(Object.fromEntries(CLEARABLE.map((k) => [k, undefined])))}
        >
          {t('partnerships.list.resetFilters')}
        </Button>
      ) : null}
    </Flex>
  );
}

function useColumns(sort: string | undefined): TableProps<PartnershipView>['columns'] {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  const order = (key: string) =>
    sort === key ? ('ascend' as const) : sort === `-${key}` ? ('descend' as const) : null;
  const side = (s: PartnershipView['sideA']) => (
    <Flex vertical>
      <span>{sideLabel(s)}</span>
      {s.unitName ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {regionName({ name: s.regionName, nameZhTw: s.regionNameZhTw })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
  return [
    {
      title: t('partnerships.field.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: order('name'),
      render: (name: string, p) => (
        <Link to={`/partnerships/${p.id}`} data-testid="partnership-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('partnerships.field.programme'),
      dataIndex: 'programme',
      key: 'programme',
      responsive: ['md'],
      render: (code: string) => programmes.label(code),
    },
    { title: t('partnerships.field.sideA'), key: 'sideA', render: (_, p) => side(p.sideA) },
    { title: t('partnerships.field.sideB'), key: 'sideB', render: (_, p) => side(p.sideB) },
    {
      title: t('partnerships.field.years'),
      key: 'startYear',
      sorter: true,
      sortOrder: order('startYear'),
      render: (_, p) => <span className="gx-nowrap">{yearsText(p, t('partnerships.list.ongoing'))}</span>,
    },
    {
      title: t('partnerships.field.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: PartnershipView['status']) => (
        <Tag color={PARTNERSHIP_STATUS_COLOR[s]} data-testid="partnership-status">
          {t(`partnerships.status.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('partnerships.field.secondments'),
      key: 'secondments',
      align: 'right',
      responsive: ['lg'],
      render: (_, p) => p.counts.secondments,
    },
    {
      title: t('partnerships.field.inPost'),
      key: 'inPost',
      align: 'right',
      responsive: ['lg'],
      render: (_, p) => p.counts.inPost,
    },
    {
      title: t('partnerships.field.jointClasses'),
      key: 'jointClasses',
      align: 'right',
      responsive: ['lg'],
      render: (_, p) => p.counts.jointClasses,
    },
  ];
}

/** /partnerships: the pairings the reader reaches, filtered in the address. */
export default function PartnershipsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [filters, setFilters] = usePartnershipFilters();
  const list = usePartnerships(filters);
  const columns = useColumns(filters.sort);
  const [creating, setCreating] = useState(false);
  const canEdit = can('partnership.edit');

  return (
    <>
      <PageHeader
        title={t('partnerships.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="partnerships-create"
              >
                {t('partnerships.list.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <FilterBar filters={filters} onChange={setFilters} />
        <PagedTable<PartnershipView>
          list={list}
          state={filters}
          onState={setFilters}
          columns={columns}
          emptyText={t('partnerships.list.empty')}
          errorTestId="partnerships-error"
          data-testid="partnerships-table"
        />
      </Card>
      {canEdit ? (
        <PartnershipFormDrawer open={creating} partnership={null} onClose={() => setCreating(false)} />
      ) : null}
    </>
  );
}
