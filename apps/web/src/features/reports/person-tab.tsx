import type { TrainingRecordView } from '@ganxun/domain';
import { Card, Col, Empty, Flex, Row, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../components/debounce';
import { CategoryTag, hoursText, StandingCard } from '../archive/parts';
import { usePeopleOptions, usePersonArchive } from './api';
import { ExportButton, LoadError } from './parts';

type Years = { year: number; full_time: number; online: number; abroad: number; total: number };

/** A person's training archive: search people by name, then the archive and its xlsx. */
export function PersonTab({
  personId,
  onChange,
}: {
  personId: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q);
  const options = usePeopleOptions(search);
  const { data, error, isFetching } = usePersonArchive(personId);
  const items = (options.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}（${p.unitName}）`,
  }));
  if (data && !items.some((o) => o.value === data.person.id))
    items.unshift({ value: data.person.id, label: `${data.person.name}（${data.person.unitName}）` });

  return (
    <div>
      <Flex gap={12} wrap align="center" className="gx-reports-toolbar">
        <Select
          showSearch
          allowClear
          value={personId ?? undefined}
          placeholder={t('reports.person.search')}
          filterOption={false}
          onSearch={setQ}
          onChange={(v) => onChange(v ?? null)}
          options={items}
          loading={options.isFetching}
          notFoundContent={null}
          style={{ width: 360 }}
          data-testid="reports-person-search"
        />
        <ExportButton
          path={`/reports/people/${personId}/archive`}
          fallbackName="training-archive.xlsx"
          testId="reports-person-export"
          disabled={!personId || !data}
        />
      </Flex>
      {!personId ? (
        <Empty description={t('reports.person.pickFirst')} />
      ) : error ? (
        <LoadError error={error} />
      ) : !data ? (
        <Card loading={isFetching} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <StandingCard archive={data} testId="reports-person-standing" />
          </Col>
          <Col xs={24} xl={14}>
            <Card
              size="small"
              title={t('reports.person.years')}
              extra={
                <Typography.Text type="secondary">
                  {t('reports.person.fiveYearTotal', { hours: hoursText(data.fiveYearTotal) })}
                </Typography.Text>
              }
            >
              <Table<Years>
                size="small"
                rowKey="year"
                pagination={false}
                dataSource={data.years}
                columns={[
                  { key: 'year', title: t('reports.person.year'), dataIndex: 'year' },
                  ...(['full_time', 'online', 'abroad'] as const).map((c) => ({
                    key: c,
                    title: t(`reports.person.categories.${c}`),
                    align: 'right' as const,
                    render: (_: unknown, y: Years) => hoursText(y[c]),
                  })),
                  {
                    key: 'total',
                    title: t('reports.total'),
                    align: 'right',
                    render: (_, y) => <Typography.Text strong>{hoursText(y.total)}</Typography.Text>,
                  },
                ]}
                data-testid="reports-person-years"
              />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={`${data.person.name} · ${t('reports.person.records')}`}>
              <Table<TrainingRecordView>
                size="small"
                rowKey="id"
                dataSource={data.records}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                scroll={{ x: 'max-content' }}
                columns={[
                  { key: 'year', title: t('reports.person.year'), dataIndex: 'year', width: 70 },
                  { key: 'title', title: t('reports.person.titleCol'), dataIndex: 'title' },
                  { key: 'organiser', title: t('reports.person.organiser'), dataIndex: 'organiser' },
                  {
                    key: 'category',
                    title: t('reports.person.category'),
                    render: (_, r) => <CategoryTag category={r.category} />,
                  },
                  {
                    key: 'dates',
                    title: t('reports.person.dates'),
                    render: (_, r) => `${r.startDate} ~ ${r.endDate}`,
                  },
                  {
                    key: 'hours',
                    title: t('reports.person.hours'),
                    align: 'right',
                    render: (_, r) => hoursText(r.hours),
                  },
                  {
                    key: 'credited',
                    title: t('reports.person.credited'),
                    align: 'right',
                    render: (_, r) =>
                      r.voidedAt ? (
                        <Typography.Text type="secondary">{t('reports.person.voided')}</Typography.Text>
                      ) : (
                        hoursText(r.creditedHours)
                      ),
                  },
                  {
                    key: 'certificate',
                    title: t('reports.person.certificate'),
                    render: (_, r) => r.certificateNumber ?? '—',
                  },
                ]}
                data-testid="reports-person-records"
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
