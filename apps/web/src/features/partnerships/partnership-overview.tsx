import type { PartnershipSideView, PartnershipView } from '@ganxun/domain';
import { Card, Col, Descriptions, Empty, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FlowChart } from './flow-chart';
import { sideLabel } from './labels';
import { NarrativeCard } from './narrative-card';

function SideText({ side }: { side: PartnershipSideView }) {
  const { t } = useTranslation();
  return (
    <span>
      {side.unitName ? side.regionName : sideLabel(side)}
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
        {side.regionCode}
      </Typography.Text>
      {' · '}
      {side.unitName ?? (
        <Typography.Text type="secondary">{t('partnerships.page.wholeRegion')}</Typography.Text>
      )}
    </span>
  );
}

/** The 概览 tab: sides, contacts, counts, the two-way flow by year and the report sentences. */
export function PartnershipOverview({ partnership: p }: { partnership: PartnershipView }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('partnerships.page.sides')} style={{ height: '100%' }}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'a', label: t('partnerships.field.sideA'), children: <SideText side={p.sideA} /> },
              { key: 'b', label: t('partnerships.field.sideB'), children: <SideText side={p.sideB} /> },
              ...(p.note ? [{ key: 'note', label: t('partnerships.field.note'), children: p.note }] : []),
            ]}
          />
          <Typography.Text strong style={{ display: 'block', margin: '12px 0 8px' }}>
            {t('partnerships.field.contacts')}
          </Typography.Text>
          {p.contacts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('partnerships.page.noContacts')} />
          ) : (
            <Table
              size="small"
              pagination={false}
              rowKey={(c) => `${c.side}|${c.name}|${c.phone ?? ''}`}
              dataSource={p.contacts}
              data-testid="partnership-contacts"
              columns={[
                {
                  title: t('partnerships.page.side'),
                  key: 'side',
                  render: (_, c) => sideLabel(c.side === 'a' ? p.sideA : p.sideB),
                },
                { title: t('partnerships.field.contactName'), dataIndex: 'name', key: 'name' },
                {
                  title: t('partnerships.field.contactPost'),
                  dataIndex: 'post',
                  key: 'post',
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('partnerships.field.contactPhone'),
                  dataIndex: 'phone',
                  key: 'phone',
                  render: (v: string | null) => v ?? '—',
                },
              ]}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('partnerships.field.counts')} style={{ height: '100%' }}>
          <Row gutter={16} data-testid="partnership-counts">
            <Col span={8}>
              <Statistic title={t('partnerships.field.secondments')} value={p.counts.secondments} />
            </Col>
            <Col span={8}>
              <Statistic title={t('partnerships.field.inPost')} value={p.counts.inPost} />
            </Col>
            <Col span={8}>
              <Statistic title={t('partnerships.field.jointClasses')} value={p.counts.jointClasses} />
            </Col>
          </Row>
        </Card>
      </Col>
      <Col span={24}>
        <FlowChart partnership={p} />
      </Col>
      <Col span={24}>
        <NarrativeCard partnershipId={p.id} />
      </Col>
    </Row>
  );
}
