import { ClearOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { BelowRequirementRow } from '@ganxun/domain';
import { App, Button, Card, Flex, Select, Tag, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { downloadFile } from '../../api/client';
import { errorText } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { RegionPicker } from '../../components/region-picker';
import { UnitPicker } from '../../components/unit-picker';
import { type BelowFilters, chinaYear, useBelowRequirement } from './api';
import { hoursText, YearSelect } from './parts';
import './archive.css';

const PERIODS = ['yearly', 'five_year'] as const;
const SHORT_OF = ['any', 'total', 'online'] as const;

/** The list's filters live in the address, so a link opens the same list and back restores it. */
function useBelowFilters(): [BelowFilters, (change: Partial<BelowFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const period = params.get('period');
  const shortOf = params.get('shortOf');
  const filters: BelowFilters = {
    year: Number(params.get('year')) || chinaYear(),
    unitId: params.get('unitId') || undefined,
    regionCode: params.get('regionCode') || undefined,
    period: PERIODS.find((p) => p === period),
    shortOf: SHORT_OF.find((s) => s === shortOf),
    sort: params.get('sort') || undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20)),
  };
  const update = (change: Partial<BelowFilters>) => {
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

/** /training-records: people below their study-hour requirement in a year, by unit or region, exportable. */
export default function BelowRequirementPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filters, setFilters] = useBelowFilters();
  const list = useBelowRequirement(filters);
  const [exporting, setExporting] = useState(false);
  const active = !!(filters.unitId || filters.regionCode || filters.period || filters.shortOf);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, sort, ...query } = filters;
      await downloadFile('/training-records/below-requirement', `below-requirement-${filters.year}.xlsx`, {
        ...query,
        sort,
        format: 'xlsx',
      });
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setExporting(false);
    }
  };

  const order = (key: string): SortOrder =>
    filters.sort === key ? 'ascend' : filters.sort === `-${key}` ? 'descend' : null;
  const hours = (v: number) => hoursText(v);
  const columns = [
    {
      key: 'name',
      title: t('archive.below.name'),
      sorter: true,
      sortOrder: order('name'),
      fixed: 'left' as const,
      render: (_: unknown, r: BelowRequirementRow) => <Link to={`/people/${r.personId}`}>{r.name}</Link>,
    },
    {
      key: 'unitName',
      title: t('archive.below.unitName'),
      dataIndex: 'unitName',
      sorter: true,
      sortOrder: order('unitName'),
    },
    {
      key: 'post',
      title: t('archive.below.post'),
      render: (_: unknown, r: BelowRequirementRow) => r.post ?? '—',
    },
    {
      key: 'requirement',
      title: t('archive.below.requirement'),
      render: (_: unknown, r: BelowRequirementRow) => (
        <Flex gap={4} align="center" wrap>
          <span>
            {t(`archive.period.${r.period}`)} {t('archive.hours', { hours: hours(r.required) })}
          </span>
          {r.requirementSource === 'override' ? <Tag>{t('archive.requirementSource.override')}</Tag> : null}
        </Flex>
      ),
    },
    {
      key: 'done',
      title: t('archive.below.done'),
      align: 'right' as const,
      sorter: true,
      sortOrder: order('done'),
      render: (_: unknown, r: BelowRequirementRow) => hours(r.done),
    },
    {
      key: 'missing',
      title: t('archive.below.missing'),
      align: 'right' as const,
      sorter: true,
      sortOrder: order('missing'),
      render: (_: unknown, r: BelowRequirementRow) =>
        r.missing > 0 ? <Typography.Text type="danger">{hours(r.missing)}</Typography.Text> : '0',
    },
    {
      key: 'online',
      title: t('archive.below.online'),
      align: 'right' as const,
      render: (_: unknown, r: BelowRequirementRow) => `${hours(r.onlineDone)} / ${hours(r.onlineRequired)}`,
    },
    {
      key: 'onlineMissing',
      title: t('archive.below.onlineMissing'),
      align: 'right' as const,
      sorter: true,
      sortOrder: order('onlineMissing'),
      render: (_: unknown, r: BelowRequirementRow) =>
        r.onlineMissing > 0 ? <Typography.Text type="danger">{hours(r.onlineMissing)}</Typography.Text> : '0',
    },
  ];

  return (
    <>
      <PageHeader
        title={t('archive.below.title')}
        description={t('archive.below.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              {t('common.refresh')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={exportXlsx}
              data-testid="below-export"
            >
              {t('archive.below.export')}
            </Button>
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap className="gx-filters" style={{ marginBottom: 12 }}>
          <YearSelect value={filters.year} onChange={(year) => setFilters({ year })} />
          <UnitPicker
            value={filters.unitId}
            onChange={(unitId) => setFilters({ unitId: unitId ?? undefined })}
            placeholder={t('archive.below.unit')}
            style={{ width: 220, maxWidth: '100%' }}
            data-testid="below-filter-unit"
          />
          <RegionPicker
            value={filters.regionCode}
            onChange={(regionCode) => setFilters({ regionCode: regionCode ?? undefined })}
            placeholder={t('archive.below.region')}
            style={{ width: 200, maxWidth: '100%' }}
            data-testid="below-filter-region"
          />
          <Select
            allowClear
            placeholder={t('archive.below.period')}
            value={filters.period}
            onChange={(period?: BelowFilters['period']) => setFilters({ period })}
            options={PERIODS.map((p) => ({ value: p, label: t(`archive.period.${p}`) }))}
            style={{ width: 130 }}
            data-testid="below-filter-period"
          />
          <Select
            value={filters.shortOf ?? 'any'}
            onChange={(shortOf: BelowFilters['shortOf']) =>
              setFilters({ shortOf: shortOf === 'any' ? undefined : shortOf })
            }
            options={SHORT_OF.map((s) => ({ value: s, label: t(`archive.below.shortOf.${s}`) }))}
            popupMatchSelectWidth={false}
            style={{ width: 160 }}
            data-testid="below-filter-short-of"
          />
          {active ? (
            <Button
              icon={<ClearOutlined />}
              onClick={() =>
                setFilters({
                  unitId: undefined,
                  regionCode: undefined,
                  period: undefined,
                  shortOf: undefined,
                })
              }
            >
              {t('archive.below.clear')}
            </Button>
          ) : null}
        </Flex>
        <PagedTable<BelowRequirementRow>
          rowKey="personId"
          list={list}
          state={filters}
          onState={setFilters}
          columns={columns}
          emptyText={t('archive.below.empty')}
          onRow={() => ({ 'data-testid': 'below-row' }) as React.HTMLAttributes<HTMLElement>}
          data-testid="below-table"
        />
      </Card>
    </>
  );
}
