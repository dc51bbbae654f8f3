import { CheckOutlined, CloseOutlined, UserAddOutlined, WarningFilled } from '@ant-design/icons';
import {
  type ClassView,
  isDecidable,
  isReleasable,
  NOMINATION_STATUSES,
  type NominationStatus,
  type NominationView,
} from '@ganxun/domain';
import { App, Button, Flex, Input, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { formatDate, formatDateTime } from '../../components/format';
import { useFixedColumns } from '../../components/responsive';
import { useDictionary } from '../directory/dictionaries';
import {
  type NominationFilters,
  useDecide,
  useNominationCounts,
  useNominations,
  useQuotas,
  useRegister,
  useSubstitute,
  useWithdrawNomination,
} from './api';
import { failureText, NominateModal } from './nominate-modal';
import { personColumns } from './person-columns';
import { ReasonModal } from './reason-modal';
import { NominationStatusTag } from './status-tag';
import { SubstituteModal } from './substitute-modal';

/** The people nominated with a date clash elsewhere: a warning icon whose tooltip lists the classes. */
function Overlaps({ n }: { n: NominationView }) {
  const { t } = useTranslation();
  if (n.overlaps.length === 0) return null;
  return (
    <Tooltip
      title={
        <div>
          <div>{t('nominations.tab.overlapTitle')}</div>
          {n.overlaps.map((o) => (
            <div key={o.id}>
              {o.code} {o.name}（{formatDate(o.startDate)} ~ {formatDate(o.endDate)}）
            </div>
          ))}
        </div>
      }
    >
      <WarningFilled style={{ color: '#fa8c16', marginInlineStart: 6 }} data-testid="nomination-overlap" />
    </Tooltip>
  );
}

/**
 * The class page's nominations tab: counts per status (which also filter), the list, nominating for
 * nominators, bulk decisions for approvers, substitution and withdrawal per row, self-registration.
 */
export function NominationsTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const fixed = useFixedColumns();
  const ranks = useDictionary('post_level');
  const [filters, setFilters] = useState<NominationFilters>({ page: 1, pageSize: 20 });
  const [search, setSearch] = useState('');
  const list = useNominations(cls.id, filters);
  const counts = useNominationCounts(cls.id, filters.quotaId);
  const quotas = useQuotas(cls.id, cls.canNominate || cls.canApprove);
  const decide = useDecide(cls.id);
  const register = useRegister();
  const substitute = useSubstitute(cls.id);
  const withdraw = useWithdrawNomination(cls.id);
  const [selected, setSelected] = useState<NominationView[]>([]);
  const [nominating, setNominating] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [substituting, setSubstituting] = useState<NominationView | null>(null);
  const [withdrawing, setWithdrawing] = useState<NominationView | null>(null);
  const change = (c: Partial<NominationFilters>) =>
    setFilters((f) => ({ ...f, ...c, page: 'page' in c ? (c.page ?? 1) : 1 }));
  const mayChange = cls.canNominate || cls.canApprove;

  const approve = async () => {
    try {
      const result = await decide.mutateAsync({
        ids: selected.map((n) => n.id),
        decision: 'approve',
        reason: null,
      });
      void message.success(t('nominations.tab.approved', { count: result.decided }));
      setSelected([]);
    } catch (error) {
      void message.error(failureText(error, errorText(error, t)));
    }
  };

  const reject = async (reason: string) => {
    try {
      const result = await decide.mutateAsync({ ids: selected.map((n) => n.id), decision: 'reject', reason });
      void message.success(t('nominations.tab.rejected', { count: result.decided }));
      setSelected([]);
    } catch (error) {
      void message.error(failureText(error, errorText(error, t)));
      throw error;
    }
  };

  const registerSelf = () =>
    modal.confirm({
      title: t('nominations.myClasses.registerConfirm', { name: cls.name }),
      onOk: async () => {
        try {
          await register.mutateAsync({ classId: cls.id, note: null });
          void message.success(t('nominations.tab.registered'));
        } catch (error) {
          void message.error(failureText(error, errorText(error, t)));
        }
      },
    });

  const columns: ColumnsType<NominationView> = [
    {
      title: t('nominations.columns.name'),
      key: 'name',
      fixed: fixed.left,
      render: (_, n) => (
        <span style={{ whiteSpace: 'nowrap' }} data-testid="nomination-name">
          {n.person.name}
          <Overlaps n={n} />
        </span>
      ),
    },
    ...personColumns<NominationView>(t),
    {
      title: t('nominations.columns.rank'),
      key: 'rank',
      render: (_, n) => (n.person.rank ? ranks.label(n.person.rank) : '—'),
    },
    {
      title: t('nominations.columns.quota'),
      key: 'quota',
      render: (_, n) => n.quotaHolderName ?? t(`nominations.source.${n.source}`),
    },
    {
      title: t('nominations.columns.status'),
      key: 'status',
      render: (_, n) => (
        <Space size={4} wrap={false}>
          <NominationStatusTag status={n.status} />
          {n.status === 'waitlisted' && n.waitlistPosition ? (
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {t('nominations.tab.waitlistPosition', { position: n.waitlistPosition })}
            </Typography.Text>
          ) : null}
          {n.decisionReason && n.status === 'rejected' ? (
            <Tooltip title={n.decisionReason}>
              <Typography.Text type="secondary">ⓘ</Typography.Text>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('nominations.columns.nominatedBy'),
      key: 'nominatedBy',
      render: (_, n) => n.nominatedBy ?? t(`nominations.source.${n.source}`),
    },
    {
      title: t('nominations.columns.createdAt'),
      key: 'createdAt',
      render: (_, n) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(n.createdAt)}</span>,
    },
    {
      title: t('nominations.columns.decidedAt'),
      key: 'decidedAt',
      render: (_, n) =>
        n.decidedAt ? (
          <Tooltip title={n.decidedBy}>
            <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(n.decidedAt)}</span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
  ];
  if (mayChange) {
    columns.push({
      title: t('nominations.columns.actions'),
      key: 'actions',
      fixed: fixed.right,
      render: (_, n) =>
        isReleasable(n.status) ? (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              onClick={() => setSubstituting(n)}
              data-testid="nomination-substitute"
            >
              {t('nominations.tab.substitute')}
            </Button>
            <Button
              type="link"
              size="small"
              danger
              onClick={() => setWithdrawing(n)}
              data-testid="nomination-withdraw"
            >
              {t('nominations.tab.withdraw')}
            </Button>
          </Space>
        ) : (
          t('nominations.tab.noActions')
        ),
    });
  }

  const statusOptions = [
    { value: 'all', label: t('nominations.tab.total', { count: counts?.total ?? '…' }) },
    ...NOMINATION_STATUSES.map((s) => ({
      value: s,
      label: `${t(`nominations.status.${s}`)} ${counts ? counts[s] : '…'}`,
    })),
  ];

  return (
    <>
      <Flex gap={8} wrap justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
          <Segmented
            value={filters.status ?? 'all'}
            options={statusOptions}
            onChange={(v) => change({ status: v === 'all' ? undefined : (v as NominationStatus) })}
            data-testid="nomination-counts"
          />
        </div>
        <Flex gap={8} wrap>
          {cls.canRegister ? (
            <Button onClick={registerSelf} loading={register.isPending} data-testid="register-self">
              {t('nominations.tab.register')}
            </Button>
          ) : null}
          {cls.canNominate ? (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setNominating(true)}
              data-testid="nominate-open"
            >
              {t('nominations.tab.nominate')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('nominations.tab.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => change({ q: q.trim() || undefined })}
          style={{ width: 260, maxWidth: '100%' }}
          data-testid="nomination-search"
        />
        {(quotas.data?.items.length ?? 0) > 0 ? (
          <Select
            allowClear
            placeholder={t('nominations.tab.quotaFilter')}
            value={filters.quotaId}
            onChange={(quotaId: string | undefined) => change({ quotaId })}
            options={quotas.data?.items.map((q) => ({ value: q.id, label: q.holderName }))}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200, maxWidth: '100%' }}
            data-testid="nomination-quota-filter"
          />
        ) : null}
      </Flex>
      {cls.canApprove && selected.length > 0 ? (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="nomination-bulk">
          <Typography.Text>{t('nominations.tab.selected', { count: selected.length })}</Typography.Text>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={decide.isPending}
            onClick={approve}
            data-testid="nomination-approve"
          >
            {t('nominations.tab.approve')}
          </Button>
          <Button
            danger
            icon={<CloseOutlined />}
            onClick={() => setRejecting(true)}
            data-testid="nomination-reject"
          >
            {t('nominations.tab.reject')}
          </Button>
          <Button type="link" onClick={() => setSelected([])}>
            {t('common.cancel')}
          </Button>
        </Flex>
      ) : null}
      <Table<NominationView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={list.isError ? { emptyText: errorText(list.error, t) } : undefined}
        rowSelection={
          cls.canApprove
            ? {
                selectedRowKeys: selected.map((n) => n.id),
                preserveSelectedRowKeys: true,
                getCheckboxProps: (n) => ({ disabled: !isDecidable(n.status) }),
                onChange: (keys, rows) =>
                  setSelected((old) => {
                    const byId = new Map(old.map((n) => [n.id, n]));
                    return keys
                      .map((k) => rows.find((r) => r?.id === k) ?? byId.get(String(k)))
                      .filter((n): n is NominationView => !!n);
                  }),
              }
            : undefined
        }
        pagination={{
          current: list.data?.page ?? filters.page,
          pageSize: list.data?.pageSize ?? filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => change({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
        }}
        data-testid="nominations-table"
      />
      <NominateModal cls={cls} open={nominating} onClose={() => setNominating(false)} />
      <ReasonModal
        open={rejecting}
        title={t('nominations.reject.title', { count: selected.length })}
        label={t('nominations.reject.reason')}
        okText={t('nominations.reject.submit')}
        onSubmit={reject}
        onClose={() => setRejecting(false)}
        testId="reject-modal"
      />
      <ReasonModal
        open={!!withdrawing}
        title={t('nominations.withdraw.title', { name: withdrawing?.person.name ?? '' })}
        label={t('nominations.withdraw.reason')}
        okText={t('nominations.withdraw.submit')}
        onSubmit={async (reason) => {
          if (!withdrawing) return;
          try {
            await withdraw.mutateAsync({ id: withdrawing.id, reason });
            void message.success(t('nominations.withdraw.done'));
          } catch (error) {
            void message.error(failureText(error, errorText(error, t)));
            throw error;
          }
        }}
        onClose={() => setWithdrawing(null)}
        testId="withdraw-modal"
      />
      <SubstituteModal
        nomination={substituting}
        onClose={() => setSubstituting(null)}
        onSubmit={async (personId, reason) => {
          if (!substituting) return;
          const created = await substitute.mutateAsync({ id: substituting.id, personId, reason });
          void message.success(t('nominations.substitute.done', { name: created.person.name }));
        }}
      />
    </>
  );
}
