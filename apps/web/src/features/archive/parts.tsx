import type { ArchiveView, RecordCategory } from '@ganxun/domain';
import { Card, Flex, Progress, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { chinaYear } from './api';
import './archive.css';

const CATEGORY_COLOURS: Record<RecordCategory, string> = {
  full_time: 'red',
  online: 'blue',
  abroad: 'purple',
};

/** 脱产 / 网络 / 境外 as a coloured tag. */
export function CategoryTag({ category }: { category: RecordCategory }) {
  const { t } = useTranslation();
  return <Tag color={CATEGORY_COLOURS[category]}>{t(`archive.category.${category}`)}</Tag>;
}

/** Hours as people read them: `12`, `12.5`, `12.25`. */
export function hoursText(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}

/** The years one may look at: this year back to ten years ago (and the chosen one). */
export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  const now = chinaYear();
  const years = Array.from({ length: 11 }, (_, i) => now - i);
  if (!years.includes(value)) years.unshift(value);
  return (
    <Select<number>
      value={value}
      onChange={onChange}
      options={years.map((y) => ({ value: y, label: t('archive.yearOption', { year: y }) }))}
      style={{ width: 120 }}
      aria-label={t('archive.year')}
      data-testid="archive-year"
    />
  );
}

/** Required vs done in the period, progress, the online minimum, met or short by N. */
export function StandingCard({ archive, testId }: { archive: ArchiveView; testId: string }) {
  const { t } = useTranslation();
  const s = archive.standing;
  const percent = s.required > 0 ? Math.min(100, Math.round((s.done / s.required) * 100)) : 100;
  const onlinePercent =
    s.onlineRequired > 0 ? Math.min(100, Math.round((s.onlineDone / s.onlineRequired) * 100)) : 100;
  const title =
    s.period === 'five_year'
      ? t('archive.standing.titleFiveYear', { from: s.fromYear, to: s.toYear })
      : t('archive.standing.titleYearly', { year: s.toYear });
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Flex vertical gap={8}>
        <Flex gap={8} wrap align="center">
          <Typography.Text type="secondary">
            {t('archive.standing.requirement', {
              period: t(`archive.period.${archive.requirement.period}`),
              hours: hoursText(archive.requirement.hours),
            })}
          </Typography.Text>
          {archive.requirement.source === 'override' ? <Tag>{t('archive.standing.override')}</Tag> : null}
          {s.met ? (
            <Tag color="success" data-testid="archive-met">
              {t('archive.standing.met')}
            </Tag>
          ) : null}
        </Flex>
        <div>
          <Flex justify="space-between" wrap gap={8}>
            <Typography.Text strong>
              {t('archive.standing.done', { done: hoursText(s.done), required: hoursText(s.required) })}
            </Typography.Text>
            {s.missing > 0 ? (
              <Typography.Text type="danger">
                {t('archive.standing.short', { hours: hoursText(s.missing) })}
              </Typography.Text>
            ) : null}
          </Flex>
          <Progress percent={percent} status={s.missing > 0 ? 'active' : 'success'} showInfo={false} />
        </div>
        {s.onlineRequired > 0 ? (
          <div>
            <Flex justify="space-between" wrap gap={8}>
              <Typography.Text>
                {t('archive.standing.online', {
                  done: hoursText(s.onlineDone),
                  required: hoursText(s.onlineRequired),
                })}
              </Typography.Text>
              {s.onlineMissing > 0 ? (
                <Typography.Text type="danger">
                  {t('archive.standing.onlineShort', { hours: hoursText(s.onlineMissing) })}
                </Typography.Text>
              ) : null}
            </Flex>
            <Progress
              percent={onlinePercent}
              strokeColor="#1677ff"
              status={s.onlineMissing > 0 ? 'active' : 'success'}
              showInfo={false}
            />
          </div>
        ) : (
          <Typography.Text type="secondary">{t('archive.standing.onlineNone')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

const BAR_CATEGORIES = ['full_time', 'online', 'abroad'] as const;

/** The five years ending in the chosen one: a stacked bar per year by category, with the total. */
export function FiveYearBars({ archive }: { archive: ArchiveView }) {
  const { t } = useTranslation();
  const max = Math.max(
    1,
    ...archive.years.map((y) => y.total),
    archive.requirement.period === 'yearly' ? archive.requirement.hours : 0,
  );
  return (
    <Card size="small" title={t('archive.years.title')} data-testid="archive-years">
      <Flex gap={12} wrap style={{ marginBottom: 8 }}>
        {BAR_CATEGORIES.map((c) => (
          <Flex key={c} gap={4} align="center">
            <span className={`gx-archive-swatch gx-archive-${c}`} />
            <Typography.Text type="secondary">{t(`archive.category.${c}`)}</Typography.Text>
          </Flex>
        ))}
      </Flex>
      <Flex vertical gap={6}>
        {archive.years.map((y) => (
          <Flex key={y.year} gap={8} align="center">
            <Typography.Text style={{ width: 40, flex: 'none' }}>{y.year}</Typography.Text>
            <div className="gx-archive-track">
              {BAR_CATEGORIES.map((c) =>
                y[c] > 0 ? (
                  <div
                    key={c}
                    className={`gx-archive-bar gx-archive-${c}`}
                    style={{ width: `${(y[c] / max) * 100}%` }}
                    title={`${t(`archive.category.${c}`)} ${hoursText(y[c])}`}
                  />
                ) : null,
              )}
            </div>
            <Typography.Text style={{ width: 56, flex: 'none', textAlign: 'right' }}>
              {hoursText(y.total)}
            </Typography.Text>
          </Flex>
        ))}
        <Typography.Text type="secondary" style={{ textAlign: 'right' }}>
          {t('archive.years.total')} {t('archive.hours', { hours: hoursText(archive.fiveYearTotal) })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
