import { Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { quotaTotals } from './quota-math';

/** Allocated seats against the capacity, as a line with a bar. */
export function AllocationSummary({ allocated, capacity }: { allocated: number; capacity: number | null }) {
  const { t } = useTranslation();
  const totals = quotaTotals([{ seats: allocated }], capacity);
  return (
    <Flex align="center" gap={12} wrap data-testid="quota-allocation">
      <Typography.Text>
        {capacity === null
          ? t('classes.quotas.allocatedNoCapacity', { allocated })
          : t('classes.quotas.allocated', { allocated, capacity })}
      </Typography.Text>
      {capacity !== null ? (
        <Progress
          percent={totals.percent}
          status={totals.over ? 'exception' : undefined}
          style={{ width: 200, margin: 0 }}
          size="small"
        />
      ) : null}
      {totals.over ? (
        <Tag color="red">{t('classes.quotas.overBy', { count: -(totals.free ?? 0) })}</Tag>
      ) : totals.free !== null && totals.free > 0 ? (
        <Typography.Text type="secondary">
          {t('classes.quotas.unallocated', { count: totals.free })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
