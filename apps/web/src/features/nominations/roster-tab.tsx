import { CheckCircleFilled, TeamOutlined } from '@ant-design/icons';
import { type ClassView, ENROLLMENT_STATUSES, type EnrollmentView } from '@ganxun/domain';
import {
  App,
  Button,
  Drawer,
  Flex,
  Grid,
  Input,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useFixedColumns } from '../../components/responsive';
import {
  type EnrollmentFilters,
  useCheckIn,
  useCheckInCount,
  useEnrollments,
  useGroups,
  useWithdrawEnrollment,
} from './api';
import { EnrollmentDrawer } from './enrollment-drawer';
import { GroupsPanel } from './groups-panel';
import { usedPercent } from './logic';
import { failureText } from './nominate-modal';
import { personColumns } from './person-columns';
import { ReasonModal } from './reason-modal';
import { RosterExports } from './roster-exports';

const ROLE_COLORS: Record<string, string | undefined> = {
  monitor: 'red',
  deputy_monitor: 'volcano',
  group_leader: 'gold',
};

/**
 * The class page's roster tab (花名册): the enrolled trainees with group, role and arrival, check-in
 * (报到) with its counter, withdrawal (退学), the groups, and the exports.
 */
export function RosterTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fixed = useFixedColumns();
  const [filters, setFilters] = useState<EnrollmentFilters>({ page: 1, pageSize: 50, status: 'enrolled' });
  const [search, setSearch] = useState('');
  const list = useEnrollments(cls.id, filters);
  const counter = useCheckInCount(cls.id);
  const groups = useGroups(cls.id);
  const checkIn = useCheckIn(cls.id);
  const withdraw = useWithdrawEnrollment(cls.id);
  const [editing, setEditing] = useState<EnrollmentView | null>(null);
  const [groupsOpen, setGroupsOpen] = useState(false);
  const screens = Grid.useBreakpoint();
  const [withdrawing, setWithdrawing] = useState<EnrollmentView | null>(null);
  const change = (c: Partial<EnrollmentFilters>) =>
    setFilters((f) => ({ ...f, ...c, page: 'page' in c ? (c.page ?? 1) : 1 }));

  const doCheckIn = async (e: EnrollmentView) => {
    try {
      await checkIn.mutateAsync(e.id);
      void message.success(t('nominations.roster.checkedInDone', { name: e.person.name }));
    } catch (error) {
      void message.error(failureText(error, errorText(error, t)));
    }
  };

  const arrival = (e: EnrollmentView) => {
    const parts = [
      e.arrivalAt ? dayjs(e.arrivalAt).format('MM-DD HH:mm') : null,
      e.arrivalTransport ? t(`nominations.transport.${e.arrivalTransport}`) : null,
      e.arrivalNumber,
    ].filter(Boolean);
    return parts.length ? parts.join(' ') : '—';
  };

  const columns: ColumnsType<EnrollmentView> = [
    {
      title: t('nominations.columns.name'),
      key: 'name',
      fixed: fixed.left,
      render: (_, e) => (
        <span style={{ whiteSpace: 'nowrap' }} data-testid="enrollment-name">
          {e.person.name}
        </span>
      ),
    },
    ...personColumns<EnrollmentView>(t),
    { title: t('nominations.columns.region'), key: 'region', render: (_, e) => e.person.regionName ?? '—' },
    { title: t('nominations.columns.mobile'), key: 'mobile', render: (_, e) => e.person.mobile ?? '—' },
    { title: t('nominations.columns.group'), key: 'group', render: (_, e) => e.groupName ?? '—' },
    {
      title: t('nominations.columns.role'),
      key: 'role',
      render: (_, e) =>
        e.role === 'member' ? (
          t('nominations.role.member')
        ) : (
          <Tag color={ROLE_COLORS[e.role]}>{t(`nominations.role.${e.role}`)}</Tag>
        ),
    },
    {
      title: t('nominations.columns.arrival'),
      key: 'arrival',
      render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{arrival(e)}</span>,
    },
    {
      title: t('nominations.columns.returnTicket'),
      key: 'returnTicket',
      render: (_, e) =>
        e.returnTicketNeeded ? t('nominations.roster.returnNeeded') : t('nominations.roster.returnNotNeeded'),
    },
    {
      title: t('nominations.columns.accommodation'),
      key: 'accommodation',
      render: (_, e) => e.accommodation ?? '—',
    },
    {
      title: t('nominations.columns.checkedIn'),
      key: 'checkedIn',
      render: (_, e) =>
        e.checkedInAt ? (
          <span style={{ whiteSpace: 'nowrap' }} data-testid="enrollment-checked-in">
            <CheckCircleFilled style={{ color: '#52c41a', marginInlineEnd: 4 }} />
            {formatDateTime(e.checkedInAt)}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('nominations.columns.status'),
      key: 'status',
      render: (_, e) =>
        e.status === 'withdrawn' ? (
          <Tag title={e.withdrawReason ?? undefined}>{t('nominations.enrollmentStatus.withdrawn')}</Tag>
        ) : (
          <Tag color="success">{t('nominations.enrollmentStatus.enrolled')}</Tag>
        ),
    },
    {
      title: t('nominations.columns.actions'),
      key: 'actions',
      fixed: fixed.right,
      render: (_, e) =>
        e.status === 'enrolled' ? (
          <Space size={0}>
            {e.checkedInAt ? null : (
              <Button
                type="link"
                size="small"
                loading={checkIn.isPending && checkIn.variables === e.id}
                onClick={() => void doCheckIn(e)}
                data-testid="enrollment-check-in"
              >
                {t('nominations.roster.checkIn')}
              </Button>
            )}
            <Button type="link" size="small" onClick={() => setEditing(e)} data-testid="enrollment-edit">
              {t('nominations.roster.edit')}
            </Button>
            <Button
              type="link"
              size="small"
              danger
              onClick={() => setWithdrawing(e)}
              data-testid="enrollment-withdraw"
            >
              {t('nominations.roster.withdraw')}
            </Button>
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  const checkedIn = counter.data?.checkedIn ?? 0;
  const enrolled = counter.data?.enrolled ?? 0;

  return (
    <>
      <Flex gap={12} wrap justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Flex gap={12} align="center" data-testid="check-in-counter">
          <Progress
            type="circle"
            size={44}
            percent={usedPercent(checkedIn, enrolled)}
            format={() => ''}
            strokeColor="#52c41a"
          />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('nominations.roster.counter', { checkedIn, enrolled })}
          </Typography.Text>
        </Flex>
        <Flex gap={8} wrap>
          <RosterExports cls={cls} />
        </Flex>
      </Flex>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('nominations.roster.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => change({ q: q.trim() || undefined })}
          style={{ width: 240, maxWidth: '100%' }}
          data-testid="enrollment-search"
        />
        <Select
          allowClear
          placeholder={t('nominations.roster.groupFilter')}
          value={filters.groupId}
          onChange={(groupId: string | undefined) => change({ groupId })}
          options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          placeholder={t('nominations.roster.statusFilter')}
          value={filters.status}
          onChange={(status: EnrollmentFilters['status']) => change({ status })}
          options={ENROLLMENT_STATUSES.map((s) => ({
            value: s,
            label: t(`nominations.enrollmentStatus.${s}`),
          }))}
          style={{ width: 140 }}
        />
        <Button icon={<TeamOutlined />} onClick={() => setGroupsOpen(true)} data-testid="groups-open">
          {t('nominations.groups.title')} {groups.data ? `(${groups.data.items.length})` : ''}
        </Button>
      </Flex>
      <Table<EnrollmentView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={list.isError ? { emptyText: errorText(list.error, t) } : undefined}
        pagination={{
          current: list.data?.page ?? filters.page,
          pageSize: list.data?.pageSize ?? filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => change({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
        }}
        data-testid="roster-table"
      />
      <Drawer
        open={groupsOpen}
        onClose={() => setGroupsOpen(false)}
        title={t('nominations.groups.title')}
        size={screens.md ? 420 : '100%'}
      >
        <GroupsPanel classId={cls.id} />
      </Drawer>
      <EnrollmentDrawer classId={cls.id} enrollment={editing} onClose={() => setEditing(null)} />
      <ReasonModal
        open={!!withdrawing}
        title={t('nominations.roster.withdrawTitle', { name: withdrawing?.person.name ?? '' })}
        label={t('nominations.withdraw.reason')}
        okText={t('nominations.roster.withdraw')}
        onSubmit={async (reason) => {
          if (!withdrawing) return;
          try {
            await withdraw.mutateAsync({ id: withdrawing.id, reason });
            void message.success(t('nominations.roster.withdrawDone', { name: withdrawing.person.name }));
          } catch (error) {
            void message.error(failureText(error, errorText(error, t)));
            throw error;
          }
        }}
        onClose={() => setWithdrawing(null)}
        testId="enrollment-withdraw-modal"
      />
    </>
  );
}
