import { Card, Empty, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { chinaYear, useMyArchive } from './api';
import { CategoryTag, FiveYearBars, hoursText, StandingCard, YearSelect } from './parts';

/** /my-archive: the trainee's own standing in a year and their records as cards, made for a phone. */
export default function MyArchivePage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(chinaYear());
  const archive = useMyArchive(year);

  if (archive.isPending) return <Skeleton active />;
  if (archive.isError) {
    const noPerson = archive.error instanceof ApiError && archive.error.status === 404;
    return noPerson ? (
      <Result status="info" title={t('archive.my.noPerson')} />
    ) : (
      <Typography.Text type="danger">{errorText(archive.error, t)}</Typography.Text>
    );
  }
  const data = archive.data;
  return (
    <div className="gx-archive-phone">
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('archive.my.title')}
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
      </Flex>
      <StandingCard archive={data} testId="myarchive-standing" />
      <FiveYearBars archive={data} />
      <Typography.Title level={5} style={{ margin: '4px 0 0' }}>
        {t('archive.my.records')}
      </Typography.Title>
      {data.records.length === 0 ? (
        <Empty description={t('archive.my.empty')} />
      ) : (
        data.records.map((r) => (
          <Card key={r.id} size="small" data-testid="myarchive-record">
            <Flex vertical gap={4}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <Typography.Text strong className={r.voidedAt ? 'gx-archive-voided' : undefined}>
                  {r.title}
                </Typography.Text>
                <Typography.Text
                  strong
                  className={r.voidedAt ? 'gx-archive-voided' : undefined}
                  style={{ flex: 'none' }}
                >
                  {t('archive.hours', { hours: hoursText(r.hours) })}
                </Typography.Text>
              </Flex>
              <Typography.Text type="secondary">{r.organiser}</Typography.Text>
              <Flex gap={4} wrap align="center">
                <CategoryTag category={r.category} />
                <Tag>{t(`archive.source.${r.source}`)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.startDate === r.endDate ? r.startDate : `${r.startDate} ~ ${r.endDate}`}
                </Typography.Text>
              </Flex>
              {r.certificateNumber ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('archive.records.certificate')} {r.certificateNumber}
                </Typography.Text>
              ) : null}
              {r.voidedAt ? (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {t('archive.records.voided', { reason: r.voidReason ?? '' })}
                </Typography.Text>
              ) : null}
            </Flex>
          </Card>
        ))
      )}
    </div>
  );
}
