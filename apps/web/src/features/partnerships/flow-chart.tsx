import { DIRECTIONS, type PartnershipView, SECONDMENT_CATEGORIES } from '@ganxun/domain';
import { Card, Empty, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { useSecondmentStats } from './api';
import { type BarSeries, Bars } from './bar-chart';

/** One hue per direction, darker for cadres and lighter for professionals. */
const COLORS = {
  a_to_b: { cadre: '#1d39c4', professional: '#85a5ff' },
  b_to_a: { cadre: '#d4380d', professional: '#ffbb96' },
} as const;

/**
 * Both directions of a pairing by year, as person-times of terms started in each year: one stack
 * per direction, split by category (党政干部 / 专业技术人才).
 */
export function FlowChart({ partnership }: { partnership: PartnershipView }) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const fromYear = partnership.startYear;
  const toYear = Math.max(fromYear, Math.min(partnership.endYear ?? thisYear, thisYear));
  const stats = useSecondmentStats({
    partnershipId: partnership.id,
    fromYear,
    toYear,
    basis: 'started',
    groupBy: ['year', 'direction', 'category'],
  });

  const years: number[] = [];
  for (let y = fromYear; y <= toYear; y++) years.push(y);
  const nameOf = (direction: (typeof DIRECTIONS)[number]) =>
    partnership.directions.find((d) => d.direction === direction)?.name ??
    t(`partnerships.direction.${direction}`);

  const rows = stats.data?.rows ?? [];
  const series: BarSeries[] = [];
  for (const direction of DIRECTIONS)
    for (const category of SECONDMENT_CATEGORIES) {
      const data = years.map((y) =>
        rows
          .filter((r) => r.year === y && r.direction === direction && r.category === category)
          .reduce((sum, r) => sum + r.personTimes, 0),
      );
      if (data.some((n) => n > 0))
        series.push({
          name: `${nameOf(direction)} · ${t(`partnerships.category.${category}`)}`,
          stack: direction,
          color: COLORS[direction][category],
          data,
        });
    }

  return (
    <Card
      size="small"
      title={t('partnerships.flow.title')}
      extra={<Typography.Text type="secondary">{t('partnerships.flow.personTimes')}</Typography.Text>}
      data-testid="partnership-flow"
    >
      {stats.isPending ? (
        <Skeleton active />
      ) : stats.isError ? (
        <Typography.Text type="danger">{errorText(stats.error, t)}</Typography.Text>
      ) : series.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('partnerships.flow.empty')} />
      ) : (
        <Bars
          categories={years.map((y) => String(y))}
          series={series}
          height={300}
          testId="partnership-flow-chart"
        />
      )}
    </Card>
  );
}
