import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { PLAN_STATUSES, type PlanView } from '@ganxun/domain';
import { Button, Card, Flex, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { useFixedColumns } from '../../components/responsive';
import { UnitPicker } from '../../components/unit-picker';
import { yearOptions } from '../classes/class-filters';
import { type PlanFilters, usePlans } from './api';
import { CreatePlanModal } from './create-plan-modal';
import { PLAN_STATUS_COLOR } from './status';
import '../classes/classes.css';

const FILTER_KEYS = ['year', 'status', 'organiserId'] as const;

/** The plan list's filters in the address (`/plans?year=2022&status=submitted`). */
function usePlanFilters(): [PlanFilters, (change: Partial<PlanFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: PlanFilters = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20)),
  };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const update = (change: Partial<PlanFilters>) => {
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

/** /plans: annual training plans by year, status and organiser, with "new plan". */
export default function PlansPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const fixed = useFixedColumns();
  const [filters, setFilters] = usePlanFilters();
  const list = usePlans(filters);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('classes.plans.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              {t('common.refresh')}
            </Button>
            {can('plan.edit') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-plan"
              >
                {t('classes.plans.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap className="gx-filters" data-testid="plan-filters">
          <Select<string>
            allowClear
            placeholder={t('classes.plans.year')}
            value={filters.year}
            onChange={(year) => setFilters({ year })}
            options={yearOptions().map((y) => ({
              value: String(y),
              label: t('classes.list.yearN', { year: y }),
            }))}
            style={{ width: 120 }}
          />
          <Select<string>
            allowClear
            placeholder={t('classes.plans.status')}
            value={filters.status}
            onChange={(status) => setFilters({ status })}
            options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`classes.plans.statusName.${s}`) }))}
            style={{ width: 130 }}
          />
          <UnitPicker
            value={filters.organiserId}
            onChange={(organiserId) => setFilters({ organiserId: organiserId ?? undefined })}
            placeholder={t('classes.plans.organiser')}
            style={{ width: 260, maxWidth: '100%' }}
          />
        </Flex>
        <Table<PlanView>
          rowKey="id"
          size="middle"
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={list.isError ? { emptyText: errorText(list.error, t) } : undefined}
          columns={[
            { title: t('classes.plans.year'), dataIndex: 'year', key: 'year', width: 70, fixed: fixed.left },
            {
              title: t('classes.plans.planTitle'),
              dataIndex: 'title',
              key: 'title',
              render: (title: string, plan) => (
                <Link to={`/plans/${plan.id}`} data-testid="plan-link">
                  {title}
                </Link>
              ),
            },
            {
              title: t('classes.plans.organiser'),
              key: 'organiser',
              responsive: ['md'],
              render: (_, plan) => plan.organiser.name,
            },
            {
              title: t('classes.plans.status'),
              dataIndex: 'status',
              key: 'status',
              width: 90,
              render: (s: PlanView['status']) => (
                <Tag color={PLAN_STATUS_COLOR[s]}>{t(`classes.plans.statusName.${s}`)}</Tag>
              ),
            },
            {
              title: t('classes.plans.items'),
              dataIndex: 'itemCount',
              key: 'itemCount',
              align: 'right',
              responsive: ['md'],
            },
            {
              title: t('classes.plans.plannedClasses'),
              dataIndex: 'plannedClasses',
              key: 'plannedClasses',
              align: 'right',
              responsive: ['md'],
            },
            {
              title: t('classes.plans.plannedTrainees'),
              dataIndex: 'plannedTrainees',
              key: 'plannedTrainees',
              align: 'right',
              responsive: ['lg'],
            },
            {
              title: t('classes.plans.scheduledClasses'),
              dataIndex: 'scheduledClasses',
              key: 'scheduledClasses',
              align: 'right',
              responsive: ['lg'],
            },
            {
              title: t('classes.plans.updatedAt'),
              dataIndex: 'updatedAt',
              key: 'updatedAt',
              responsive: ['xl'],
              render: (v: string) => <span className="gx-nowrap">{formatDate(v)}</span>,
            },
          ]}
          pagination={{
            current: list.data?.page ?? filters.page,
            pageSize: list.data?.pageSize ?? filters.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) =>
              setFilters({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
          }}
          data-testid="plans-table"
        />
      </Card>
      <CreatePlanModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
