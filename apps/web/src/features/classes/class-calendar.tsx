import { CLASS_STATUSES } from '@ganxun/domain';
import { Alert, Card, Col, Empty, Flex, Row, Spin, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../components/errors';
import { type ClassFilters, filterYear, useClasses } from './api';
import { daysInYear, layoutYear, monthColumns, todayMarker } from './gantt';
import { CLASS_STATUS_COLOR, CLASS_STATUS_FILL, dateRange } from './status';

/** The calendar shows at most one page of the API's largest size. */
const CALENDAR_SIZE = 200;

/**
 * The year as a Gantt chart: twelve month columns (as wide as their days), one bar per class over
 * its dates, coloured by status; classes still without dates wait in a list beside it.
 */
export function ClassCalendar({ filters }: { filters: ClassFilters }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const year = filterYear(filters) ?? new Date().getFullYear();
  const list = useClasses({ ...filters, year: String(year), page: 1, pageSize: CALENDAR_SIZE });
  const items = list.data?.items ?? [];
  const { placed, undated } = layoutYear(items, year);
  const months = monthColumns(year);
  const today = todayMarker(dayjs().format('YYYY-MM-DD'), year);
  const template = months.map((m) => `${m.widthPct.toFixed(4)}fr`).join(' ');
  const yearDays = daysInYear(year);

  if (list.isError) return <Alert type="error" showIcon title={errorText(list.error, t)} />;

  return (
    <Spin spinning={list.isFetching}>
      {list.data && list.data.total > items.length ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('classes.calendar.truncated', { shown: items.length, total: list.data.total })}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={undated.length ? 18 : 24}>
          <div className="gx-gantt" data-testid="class-calendar">
            <div className="gx-gantt-inner">
              <div className="gx-gantt-row gx-gantt-head">
                <div className="gx-gantt-label">{t('classes.list.yearN', { year })}</div>
                <div className="gx-gantt-months" style={{ gridTemplateColumns: template }}>
                  {months.map((m) => (
                    <div key={m.month} className="gx-gantt-month">
                      {dayjs().year(year).month(m.month).format('MMM')}
                    </div>
                  ))}
                </div>
              </div>
              <div className="gx-gantt-body">
                <div className="gx-gantt-grid" style={{ gridTemplateColumns: template }} aria-hidden>
                  {months.map((m) => (
                    <div key={m.month} />
                  ))}
                  {today !== null ? (
                    <div
                      className="gx-gantt-today"
                      style={{ left: `${today}%` }}
                      title={t('classes.calendar.today')}
                    />
                  ) : null}
                </div>
                {placed.length === 0 ? (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('classes.calendar.empty')}
                    style={{ padding: 24 }}
                  />
                ) : null}
                {placed.map(({ item, bar }) => (
                  <div key={item.id} className="gx-gantt-row">
                    <div className="gx-gantt-label">
                      <Link to={`/classes/${item.id}`} title={item.name}>
                        <span className="gx-mono gx-gantt-code">{item.code}</span> {item.name}
                      </Link>
                    </div>
                    <div className="gx-gantt-track">
                      <Tooltip
                        title={
                          <>
                            <div>{item.name}</div>
                            <div>{dateRange(item.startDate, item.endDate)}</div>
                            <div>{t(`classes.status.${item.status}`)}</div>
                          </>
                        }
                      >
                        <button
                          type="button"
                          className={[
                            'gx-gantt-bar',
                            bar.clippedStart ? 'gx-gantt-clip-start' : '',
                            bar.clippedEnd ? 'gx-gantt-clip-end' : '',
                            item.status === 'cancelled' ? 'gx-gantt-cancelled' : '',
                          ].join(' ')}
                          style={{
                            left: `${bar.leftPct}%`,
                            width: `max(6px, ${bar.widthPct}%)`,
                            background: CLASS_STATUS_FILL[item.status],
                          }}
                          onClick={() => navigate(`/classes/${item.id}`)}
                          aria-label={`${item.code} ${item.name}`}
                          data-testid="class-bar"
                        >
                          {/* Names fit only in bars of a few weeks; shorter ones rely on the tooltip. */}
                          {bar.endDay - bar.startDay + 1 >= yearDays / 16 ? item.name : null}
                        </button>
                      </Tooltip>
                    </div>
                  </div>
                ))}
              </div>
            </div>
          </div>
          <Flex gap={4} wrap style={{ marginTop: 12 }} data-testid="class-calendar-legend">
            {CLASS_STATUSES.map((s) => (
              <Tag key={s} color={CLASS_STATUS_COLOR[s]}>
                {t(`classes.status.${s}`)}
              </Tag>
            ))}
          </Flex>
        </Col>
        {undated.length ? (
          <Col xs={24} xxl={6}>
            <Card
              size="small"
              title={t('classes.calendar.undated', { count: undated.length })}
              data-testid="class-undated"
            >
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('classes.calendar.undatedHint')}
              </Typography.Paragraph>
              <Flex vertical gap={8}>
                {undated.map((cls) => (
                  <Flex key={cls.id} justify="space-between" align="center" gap={8}>
                    <Link to={`/classes/${cls.id}`}>{cls.name}</Link>
                    <Tag color={CLASS_STATUS_COLOR[cls.status]} style={{ marginInlineEnd: 0 }}>
                      {t(`classes.status.${cls.status}`)}
                    </Tag>
                  </Flex>
                ))}
              </Flex>
            </Card>
          </Col>
        ) : null}
      </Row>
    </Spin>
  );
}
