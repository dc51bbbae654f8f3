import {
  ClearOutlined,
  EditOutlined,
  LinkOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { VENUE_KINDS, VENUE_STATUSES, type VenueView } from '@ganxun/domain';
import { Button, Card, Flex, Grid, Input, Select, Space, type TableProps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/page-header';
import { RegionPicker } from '../../components/region-picker';
import { useFixedColumns } from '../../components/responsive';
import { UnitPicker } from '../../components/unit-picker';
import { useVenues, type VenueFilters } from './api';
import { TextFilter } from './text-filter';
import { orderOf, useUrlFilters } from './url-filters';
import { VenueFormDrawer } from './venue-form-drawer';
import './pool.css';
import { PagedTable } from '../../components/paged-table';

const FILTER_KEYS = ['q', 'kind', 'ownerUnitId', 'cityCode', 'minCapacity', 'status'] as const;
const KIND_COLOR = { classroom: 'blue', field_site: 'gold', online_room: 'cyan' } as const;

/** /venues: classrooms, field-teaching sites and online rooms, filtered in the address. */
export default function VenuesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const fixed = useFixedColumns();
  const screens = Grid.useBreakpoint();
  const [filters, setFilters] = useUrlFilters<VenueFilters>(FILTER_KEYS);
  const list = useVenues(filters);
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  const [editing, setEditing] = useState<VenueView | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const canCreate = can('venue.edit');
  const anyEditable = (list.data?.items ?? []).some((v) => v.canEdit);
  const active = FILTER_KEYS.some((k) => filters[k] !== undefined);
  const wide = ['md' as const];
  const empty = t('common.empty');

  const openDrawer = (venue: VenueView | null) => {
    setEditing(venue);
    setDrawerOpen(true);
  };

  const columns: TableProps<VenueView>['columns'] = [
    {
      title: t('pool.venues.name'),
      dataIndex: 'name',
      key: 'name',
      width: 200,
      fixed: fixed.left,
      sorter: true,
      sortOrder: orderOf(filters.sort, 'name'),
      render: (name: string, v) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{name}</Typography.Text>
          {v.kind === 'field_site' && v.address ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v.address}
            </Typography.Text>
          ) : null}
          {!screens.xxl && v.equipment.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v.equipment.join(' · ')}
            </Typography.Text>
          ) : null}
          {v.kind === 'online_room' && (v.liveUrl || v.replayUrl) ? (
            <Space size={12}>
              {v.liveUrl ? (
                <Typography.Link href={v.liveUrl} target="_blank" rel="noreferrer" style={{ fontSize: 12 }}>
                  <LinkOutlined /> {t('pool.venues.live')}
                </Typography.Link>
              ) : null}
              {v.replayUrl ? (
                <Typography.Link href={v.replayUrl} target="_blank" rel="noreferrer" style={{ fontSize: 12 }}>
                  <PlayCircleOutlined /> {t('pool.venues.replay')}
                </Typography.Link>
              ) : null}
            </Space>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('pool.venues.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 100,
      render: (k: VenueView['kind']) => <Tag color={KIND_COLOR[k]}>{t(`pool.venueKind.${k}`)}</Tag>,
    },
    {
      title: t('pool.venues.owner'),
      key: 'owner',
      width: 200,
      responsive: wide,
      render: (_, v) => (
        <Typography.Text ellipsis={{ tooltip: v.owner.name }} style={{ maxWidth: 200 }}>
          {v.owner.name}
        </Typography.Text>
      ),
    },
    {
      title: t('pool.venues.capacity'),
      dataIndex: 'capacity',
      key: 'capacity',
      width: 100,
      align: 'right',
      sorter: true,
      sortOrder: orderOf(filters.sort, 'capacity'),
      render: (c: number | null) => c ?? empty,
    },
    {
      title: t('pool.venues.building'),
      dataIndex: 'building',
      key: 'building',
      width: 150,
      ellipsis: true,
      responsive: ['lg'],
      render: (b: string | null) => b ?? empty,
    },
    {
      title: t('pool.venues.city'),
      dataIndex: 'cityName',
      key: 'city',
      width: 120,
      responsive: wide,
      render: (c: string | null) => (
        <Typography.Text ellipsis={{ tooltip: c }} style={{ maxWidth: 120 }}>
          {c ?? empty}
        </Typography.Text>
      ),
    },
    {
      title: t('pool.venues.equipment'),
      dataIndex: 'equipment',
      key: 'equipment',
      width: 220,
      responsive: ['xxl'],
      render: (items: string[]) =>
        items.length ? (
          <Flex wrap className="gx-pool-tags" style={{ maxWidth: 220 }}>
            {items.map((item) => (
              <Tag key={item}>{item}</Tag>
            ))}
          </Flex>
        ) : (
          empty
        ),
    },
    {
      title: t('pool.venues.status'),
      dataIndex: 'status',
      key: 'status',
      width: 72,
      render: (s: VenueView['status']) => (
        <Tag color={s === 'active' ? 'green' : 'default'}>{t(`pool.status.${s}`)}</Tag>
      ),
    },
    ...(anyEditable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            fixed: fixed.right,
            render: (_: unknown, v: VenueView) =>
              v.canEdit ? (
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => openDrawer(v)}
                  data-testid="venue-edit"
                >
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('pool.venues.title')}
        description={t('pool.venues.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              {t('common.refresh')}
            </Button>
            {canCreate ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => openDrawer(null)}
                data-testid="create-venue"
              >
                {t('pool.venues.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap className="gx-filters" style={{ marginBottom: 16 }} data-testid="venue-filters">
          <Input.Search
            allowClear
            placeholder={t('pool.venues.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => setFilters({ q: q.trim() || undefined })}
            enterButton={t('common.search')}
            style={{ width: 260, maxWidth: '100%' }}
            data-testid="venue-search"
          />
          <Select
            allowClear
            placeholder={t('pool.venues.kind')}
            value={filters.kind}
            onChange={(kind?: string) => setFilters({ kind })}
            options={VENUE_KINDS.map((k) => ({ value: k, label: t(`pool.venueKind.${k}`) }))}
            popupMatchSelectWidth={false}
            style={{ width: 130 }}
            data-testid="venue-filter-kind"
          />
          <UnitPicker
            value={filters.ownerUnitId}
            onChange={(ownerUnitId) => setFilters({ ownerUnitId: ownerUnitId ?? undefined })}
            placeholder={t('pool.venues.owner')}
            style={{ width: 190, maxWidth: '100%' }}
            data-testid="venue-filter-owner"
          />
          <RegionPicker
            value={filters.cityCode}
            onChange={(cityCode) => setFilters({ cityCode: cityCode ?? undefined })}
            placeholder={t('pool.venues.city')}
            style={{ width: 160, maxWidth: '100%' }}
            data-testid="venue-filter-city"
          />
          <TextFilter
            value={filters.minCapacity}
            onChange={(minCapacity) => setFilters({ minCapacity })}
            placeholder={t('pool.venues.minCapacity')}
            width={110}
            digits
            testId="venue-filter-min-capacity"
          />
          <Select
            allowClear
            placeholder={t('pool.venues.status')}
            value={filters.status}
            onChange={(status?: string) => setFilters({ status })}
            options={VENUE_STATUSES.map((s) => ({ value: s, label: t(`pool.status.${s}`) }))}
            style={{ width: 100 }}
            data-testid="venue-filter-status"
          />
          {active ? (
            <Button
              icon={<ClearOutlined />}
              onClick={() => setFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}
            >
              {t('pool.resetFilters')}
            </Button>
          ) : null}
        </Flex>
        <PagedTable<VenueView>
          list={list}
          state={filters}
          onState={setFilters}
          columns={columns}
          emptyText={t('pool.venues.empty')}
          errorTestId="venues-error"
          data-testid="venues-table"
        />
      </Card>
      <VenueFormDrawer open={drawerOpen} venue={editing} onClose={() => setDrawerOpen(false)} />
    </>
  );
}
