import type { LogisticsView } from '@ganxun/domain';
import { Card, Flex, Rate, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SATISFACTION_KEYS, satisfactionRows } from './logic';

const isKnown = (key: string): key is (typeof SATISFACTION_KEYS)[number] =>
  (SATISFACTION_KEYS as readonly string[]).includes(key);

/** The service part of the class evaluation: average ratings once enough forms are in. */
export function SatisfactionCard({ satisfaction }: { satisfaction: LogisticsView['satisfaction'] }) {
  const { t } = useTranslation();
  const label = (key: string) => (isKnown(key) ? t(`logistics.satisfaction.q.${key}`) : key);
  let body: ReactNode;
  if (!satisfaction) {
    body = <Typography.Text type="secondary">{t('logistics.satisfaction.noForm')}</Typography.Text>;
  } else if (satisfaction.responses < satisfaction.minResponses) {
    body = (
      <Typography.Text type="secondary" data-testid="lg-satisfaction-hidden">
        {t('logistics.satisfaction.tooFew', {
          n: satisfaction.minResponses,
          responses: satisfaction.responses,
        })}
      </Typography.Text>
    );
  } else {
    body = (
      <Flex wrap gap={24}>
        {satisfactionRows(satisfaction.ratings).map((r) => (
          <Flex key={r.key} vertical gap={0} data-testid="lg-satisfaction-item" data-key={r.key}>
            <Typography.Text type="secondary">{label(r.key)}</Typography.Text>
            {r.value === null ? (
              <Typography.Text>—</Typography.Text>
            ) : (
              <Flex align="center" gap={8}>
                <Typography.Text strong style={{ fontSize: 20 }}>
                  {r.value.toFixed(1)}
                </Typography.Text>
                <Rate disabled allowHalf value={Math.round(r.value * 2) / 2} style={{ fontSize: 14 }} />
              </Flex>
            )}
          </Flex>
        ))}
      </Flex>
    );
  }
  return (
    <Card
      size="small"
      title={t('logistics.satisfaction.title')}
      extra={
        satisfaction && satisfaction.responses >= satisfaction.minResponses ? (
          <Typography.Text type="secondary">
            {t('logistics.satisfaction.responses', { n: satisfaction.responses })}
          </Typography.Text>
        ) : null
      }
      data-testid="lg-satisfaction"
    >
      {body}
    </Card>
  );
}
