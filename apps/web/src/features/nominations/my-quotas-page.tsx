import { UserAddOutlined } from '@ant-design/icons';
import type { ClassView } from '@ganxun/domain';
import { Button, Card, Col, Descriptions, Empty, Flex, Progress, Result, Row, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../components/errors';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { useNominatingClasses, useNominations, useQuotas } from './api';
import { DeadlineCountdown } from './countdown';
import { usedPercent } from './logic';
import { NominateModal } from './nominate-modal';
import { ClassStatusTag, NominationStatusTag } from './status-tag';
import './nominations.css';

const dates = (c: { startDate: string | null; endDate: string | null }) =>
  c.startDate ? `${formatDate(c.startDate)} ~ ${formatDate(c.endDate)}` : '—';

/** One class open to the reader: deadline, their quotas, their nominees, and the nominate button. */
function ClassQuotaCard({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const [nominating, setNominating] = useState(false);
  const quotas = useQuotas(cls.id);
  const nominees = useNominations(cls.id, { page: 1, pageSize: 100 });
  const mine = (quotas.data?.items ?? []).filter((q) => q.canNominate);

  return (
    <Card
      className="gx-class-card"
      title={
        <Flex vertical gap={2} style={{ minWidth: 0, padding: '8px 0' }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {cls.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {cls.code} <ClassStatusTag status={cls.status} />
          </Typography.Text>
        </Flex>
      }
      extra={
        cls.canNominate ? (
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => setNominating(true)}
            data-testid="my-quotas-nominate"
          >
            {t('nominations.myQuotas.nominate')}
          </Button>
        ) : null
      }
      data-testid="my-quotas-class"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'dates', label: t('nominations.myQuotas.dates'), children: dates(cls) },
          {
            key: 'venue',
            label: t('nominations.myQuotas.venue'),
            children: [cls.cityName, cls.venue].filter(Boolean).join(' ') || '—',
          },
          {
            key: 'deadline',
            label: t('nominations.myQuotas.deadline'),
            span: 'filled',
            children: <DeadlineCountdown deadline={cls.nominationDeadline} />,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('nominations.myQuotas.quotas')}
      </Typography.Title>
      {quotas.isLoading ? (
        <Spin size="small" />
      ) : mine.length === 0 ? (
        <Typography.Text type="secondary">{t('nominations.nominate.noQuota')}</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          {mine.map((q) => (
            <div key={q.id} data-testid="my-quota">
              <Flex justify="space-between" gap={8}>
                <Typography.Text ellipsis>{q.holderName}</Typography.Text>
                <Typography.Text
                  type={q.remaining <= 0 ? 'danger' : undefined}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {t('nominations.myQuotas.used', { used: q.used, seats: q.seats })}
                </Typography.Text>
              </Flex>
              <Progress
                percent={usedPercent(q.used, q.seats)}
                showInfo={false}
                size="small"
                status={q.remaining <= 0 ? 'exception' : 'normal'}
              />
            </div>
          ))}
        </Flex>
      )}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('nominations.myQuotas.nominees')}
      </Typography.Title>
      {nominees.isLoading ? (
        <Spin size="small" />
      ) : (nominees.data?.items.length ?? 0) === 0 ? (
        <Typography.Text type="secondary">{t('nominations.myQuotas.noNominees')}</Typography.Text>
      ) : (
        <Flex vertical className="gx-nominees">
          {nominees.data?.items.map((n) => (
            <Flex
              key={n.id}
              justify="space-between"
              align="center"
              gap={8}
              className="gx-nominee"
              data-testid="my-nominee"
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text strong>{n.person.name}</Typography.Text>
                <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                  {[n.person.unitName, n.person.post].filter(Boolean).join(' · ') || '—'}
                </Typography.Text>
              </Flex>
              <NominationStatusTag status={n.status} />
            </Flex>
          ))}
        </Flex>
      )}
      <Flex justify="flex-end" style={{ marginTop: 8 }}>
        <Link to={`/classes/${cls.id}`}>{t('nominations.myQuotas.open')}</Link>
      </Flex>
      <NominateModal cls={cls} open={nominating} onClose={() => setNominating(false)} />
    </Card>
  );
}

/** /my-quotas: the liaison's (and org admin's) classes open for nomination, quotas and nominees. */
export default function MyQuotasPage() {
  const { t } = useTranslation();
  const classes = useNominatingClasses();
  const items = classes.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('nominations.myQuotas.title')}
        description={t('nominations.myQuotas.description')}
      />
      {classes.isLoading ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : classes.isError ? (
        <Result status="warning" title={errorText(classes.error, t)} />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('nominations.myQuotas.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((c) => (
            <Col key={c.id} xs={24} xxl={12}>
              <ClassQuotaCard cls={c} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
