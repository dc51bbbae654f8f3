import {
  ClearOutlined,
  EditOutlined,
  HistoryOutlined,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { LECTURER_KINDS, LECTURER_STATUSES, type LecturerView } from '@ganxun/domain';
import { Button, Card, Flex, Grid, Input, Select, type TableProps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { useFixedColumns } from '../../components/responsive';
import { type LecturerFilters, useLecturers } from './api';
import { LecturerFormDrawer } from './lecturer-form-drawer';
import { LecturerHistoryDrawer } from './lecturer-history-drawer';
import { TextFilter } from './text-filter';
import { orderOf, useUrlFilters } from './url-filters';
import './pool.css';
import { PagedTable } from '../../components/paged-table';

const FILTER_KEYS = ['q', 'kind', 'expertise', 'status'] as const;
const KIND_COLOR = { internal: 'blue', external: 'purple' } as const;

/** /lecturers: the shared lecturer pool (师资库), filtered in the address. */
export default function LecturersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const fixed = useFixedColumns();
  const screens = Grid.useBreakpoint();
  const labels = !!screens.md;
  const [filters, setFilters] = useUrlFilters<LecturerFilters>(FILTER_KEYS);
  const list = useLecturers(filters);
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  const [editing, setEditing] = useState<LecturerView | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [history, setHistory] = useState<LecturerView | null>(null);
  const canEdit = can('lecturer.edit');
  const active = FILTER_KEYS.some((k) => filters[k] !== undefined);
  const wide = ['md' as const];
  const empty = t('common.empty');

  const openDrawer = (lecturer: LecturerView | null) => {
    setEditing(lecturer);
    setDrawerOpen(true);
  };

  const columns: TableProps<LecturerView>['columns'] = [
    {
      title: t('pool.lecturers.name'),
      dataIndex: 'name',
      key: 'name',
      width: 110,
      fixed: fixed.left,
      sorter: true,
      sortOrder: orderOf(filters.sort, 'name'),
      render: (name: string, l) =>
        l.personName ? (
          <span title={t('pool.lecturers.linkedPerson', { name: l.personName })}>
            <Typography.Text strong>{name}</Typography.Text>
          </span>
        ) : (
          <Typography.Text strong>{name}</Typography.Text>
        ),
    },
    {
      title: t('pool.lecturers.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 72,
      render: (k: LecturerView['kind']) => <Tag color={KIND_COLOR[k]}>{t(`pool.lecturerKind.${k}`)}</Tag>,
    },
    {
      title: t('pool.lecturers.affiliation'),
      dataIndex: 'affiliation',
      key: 'affiliation',
      width: 200,
      ellipsis: true,
      responsive: wide,
      render: (v: string | null) => v ?? empty,
    },
    {
      title: t('pool.lecturers.jobTitle'),
      dataIndex: 'title',
      key: 'title',
      width: 110,
      ellipsis: true,
      responsive: wide,
      render: (v: string | null) => v ?? empty,
    },
    {
      title: t('pool.lecturers.expertise'),
      dataIndex: 'expertise',
      key: 'expertise',
      width: 260,
      responsive: ['lg'],
      render: (topics: string[]) =>
        topics.length ? (
          <Flex wrap className="gx-pool-tags" style={{ maxWidth: 260 }}>
            {topics.map((topic) => (
              <Tag
                key={topic}
                style={{ cursor: 'pointer' }}
                onClick={() => setFilters({ expertise: topic })}
                data-testid="lecturer-expertise-tag"
              >
                {topic}
              </Tag>
            ))}
          </Flex>
        ) : (
          empty
        ),
    },
    {
      title: t('pool.lecturers.mobile'),
      dataIndex: 'mobile',
      key: 'mobile',
      width: 120,
      responsive: ['xl'],
      render: (v: string | null) => <span className="gx-pool-mono">{v ?? empty}</span>,
    },
    {
      title: t('pool.lecturers.status'),
      dataIndex: 'status',
      key: 'status',
      width: 72,
      render: (s: LecturerView['status']) => (
        <Tag color={s === 'active' ? 'green' : 'default'}>{t(`pool.status.${s}`)}</Tag>
      ),
    },
    {
      title: t('pool.lecturers.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      responsive: ['xxl'],
      sorter: true,
      sortOrder: orderOf(filters.sort, 'createdAt'),
      render: formatDateTime,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: labels ? (canEdit ? 160 : 96) : canEdit ? 76 : 44,
      fixed: fixed.right,
      render: (_: unknown, l: LecturerView) => (
        <Flex gap={0}>
          <Button
            type="link"
            size="small"
            icon={<HistoryOutlined />}
            onClick={() => setHistory(l)}
            title={t('schedule.lecturer.history')}
            aria-label={t('schedule.lecturer.history')}
            data-testid="lecturer-history-open"
          >
            {labels ? t('schedule.lecturer.history') : null}
          </Button>
          {canEdit ? (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => openDrawer(l)}
              title={t('common.edit')}
              aria-label={t('common.edit')}
              data-testid="lecturer-edit"
            >
              {labels ? t('common.edit') : null}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('pool.lecturers.title')}
        description={t('pool.lecturers.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => openDrawer(null)}
                data-testid="create-lecturer"
              >
                {t('pool.lecturers.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap className="gx-filters" style={{ marginBottom: 16 }} data-testid="lecturer-filters">
          <Input.Search
            allowClear
            placeholder={t('pool.lecturers.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => setFilters({ q: q.trim() || undefined })}
            enterButton={t('common.search')}
            style={{ width: 320, maxWidth: '100%' }}
            data-testid="lecturer-search"
          />
          <Select
            allowClear
            placeholder={t('pool.lecturers.kind')}
            value={filters.kind}
            onChange={(kind?: string) => setFilters({ kind })}
            options={LECTURER_KINDS.map((k) => ({ value: k, label: t(`pool.lecturerKind.${k}`) }))}
            style={{ width: 110 }}
            data-testid="lecturer-filter-kind"
          />
          <TextFilter
            value={filters.expertise}
            onChange={(expertise) => setFilters({ expertise })}
            placeholder={t('pool.lecturers.expertiseFilter')}
            width={170}
            testId="lecturer-filter-expertise"
          />
          <Select
            allowClear
            placeholder={t('pool.lecturers.status')}
            value={filters.status}
            onChange={(status?: string) => setFilters({ status })}
            options={LECTURER_STATUSES.map((s) => ({ value: s, label: t(`pool.status.${s}`) }))}
            style={{ width: 100 }}
            data-testid="lecturer-filter-status"
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
        <PagedTable<LecturerView>
          list={list}
          state={filters}
          onState={setFilters}
          columns={columns}
          emptyText={t('pool.lecturers.empty')}
          errorTestId="lecturers-error"
          data-testid="lecturers-table"
        />
      </Card>
      <LecturerFormDrawer open={drawerOpen} lecturer={editing} onClose={() => setDrawerOpen(false)} />
      <LecturerHistoryDrawer lecturer={history} onClose={() => setHistory(null)} />
    </>
  );
}
