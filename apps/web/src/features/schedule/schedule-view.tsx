import { ReloadOutlined } from '@ant-design/icons';
import { chinaDay, type FeedView } from '@ganxun/domain';
import { Button, Empty, Flex, Grid, Result, Segmented, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { type ScheduleSource, useMySchedule } from './api';
import { FeedList, type FeedRequest, FeedSubscribeButton } from './feeds';
import { dayTitle, formatHours, groupByDay, relativeDay, upcomingItems } from './logic';
import { ScheduleItemCard } from './schedule-card';
import './schedule.css';

type View = 'upcoming' | 'all';

/** The clock, ticking each minute so "now" markers and the upcoming list stay right. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * A personal schedule — the trainee's (/my-schedule) or the lecturer's (/my-teaching): items grouped
 * by China day, an upcoming/all switch, and a calendar subscription.
 */
export function ScheduleView({
  source,
  texts,
  feed,
  feedLabel,
  feedMatch,
}: {
  source: ScheduleSource;
  texts: 'mySchedule' | 'myTeaching';
  feed: FeedRequest;
  feedLabel: string;
  feedMatch: (feed: FeedView) => boolean;
}) {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'all' ? 'all' : 'upcoming';
  const now = useNow();
  const today = chinaDay(now);
  const list = useMySchedule(source, view === 'upcoming' ? today : undefined);
  const teaching = source === 'teaching';

  const days = useMemo(() => {
    const items = list.data?.items ?? [];
    return groupByDay(view === 'upcoming' ? upcomingItems(items, now) : items);
  }, [list.data, view, now]);

  const setView = (next: View) =>
    setParams(
      (p) => {
        const out = new URLSearchParams(p);
        if (next === 'all') out.set('view', 'all');
        else out.delete('view');
        return out;
      },
      { replace: true },
    );

  return (
    <div className="gx-sched" data-testid={teaching ? 'my-teaching' : 'my-schedule'}>
      <PageHeader
        title={t(`schedule.${texts}.title`)}
        description={t(`schedule.${texts}.description`)}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void list.refetch()}
              aria-label={t('common.refresh')}
            />
            <FeedSubscribeButton request={feed} label={feedLabel} type="primary" />
          </>
        }
      />
      <Segmented<View>
        className="gx-sched-switch"
        block={!screens.sm}
        value={view}
        onChange={setView}
        options={[
          { value: 'upcoming', label: t('schedule.filter.upcoming') },
          { value: 'all', label: t('schedule.filter.all') },
        ]}
        data-testid="schedule-view"
      />
      {list.isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : list.isError ? (
        <Result status="warning" title={errorText(list.error, t)} />
      ) : days.length === 0 ? (
        <div className="gx-sched-card" style={{ borderLeftColor: '#f0f0f0' }} data-testid="schedule-empty">
          <Empty
            description={
              <Flex vertical gap={4}>
                <Typography.Text>
                  {t(view === 'upcoming' ? `schedule.${texts}.empty` : `schedule.${texts}.emptyAll`)}
                </Typography.Text>
                <Typography.Text type="secondary">{t(`schedule.${texts}.emptyHint`)}</Typography.Text>
              </Flex>
            }
          />
        </div>
      ) : (
        <Spin spinning={list.isFetching && list.isPlaceholderData}>
          {days.map((d) => {
            const relative = relativeDay(d.day, today);
            return (
              <section
                key={d.day}
                className={`gx-sched-day${relative === 'today' ? ' gx-sched-day-today' : ''}`}
                data-testid="schedule-day"
                data-day={d.day}
              >
                <Flex justify="space-between" align="baseline" gap={8} className="gx-sched-day-head">
                  <Typography.Text strong className="gx-sched-day-title">
                    {relative ? `${t(`schedule.day.${relative}`)} · ` : ''}
                    {dayTitle(d.day, i18n.language, today.slice(0, 4))}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                    {t('schedule.day.items', { n: d.items.length })} ·{' '}
                    {t('schedule.day.hours', { hours: formatHours(d.hours) })}
                  </Typography.Text>
                </Flex>
                {d.items.map((item) => (
                  <ScheduleItemCard key={item.session.id} item={item} now={now} teaching={teaching} />
                ))}
              </section>
            );
          })}
        </Spin>
      )}
      <FeedList match={feedMatch} />
    </div>
  );
}
