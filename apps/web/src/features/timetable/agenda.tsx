import { CommentOutlined, EnvironmentOutlined, LinkOutlined, UserOutlined } from '@ant-design/icons';
import type { ClassView, SessionView } from '@ganxun/domain';
import { Card, Empty, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { classDays, groupByDay, timeRange, typeColor } from './logic';
import { MaterialLinks } from './materials';

function AgendaItem({ s }: { s: SessionView }) {
  const { t } = useTranslation();
  const color = typeColor(s.type);
  return (
    <Card
      size="small"
      className="gx-tt-agenda-card"
      style={{ borderInlineStartColor: color }}
      data-session-id={s.id}
    >
      <Flex vertical gap={4}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong className="gx-tt-agenda-time">
            {timeRange(s.startsAt, s.endsAt)}
          </Typography.Text>
          <Flex gap={4} wrap>
            {s.typeName ? (
              <Tag color={color} style={{ marginInlineEnd: 0 }}>
                {s.typeName}
              </Tag>
            ) : null}
            {!s.attendanceRequired ? (
              <Tag style={{ marginInlineEnd: 0 }}>{t('timetable.optional')}</Tag>
            ) : null}
          </Flex>
        </Flex>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {s.title}
        </Typography.Text>
        {s.lecturers.length > 0 ? (
          <Typography.Text type="secondary">
            <UserOutlined />{' '}
            {s.lecturers
              .map(
                (l) =>
                  `${l.name}${l.title ? `（${l.title}）` : ''}${l.role === 'speaker' ? '' : ` · ${t(`timetable.role.${l.role}`)}`}`,
              )
              .join('；')}
          </Typography.Text>
        ) : null}
        {s.venue || s.location ? (
          <Typography.Text type="secondary">
            <EnvironmentOutlined />{' '}
            {[s.venue?.name, s.venue?.address, s.location].filter(Boolean).join(' · ')}
          </Typography.Text>
        ) : null}
        {s.venue?.liveUrl ? (
          <Typography.Link href={s.venue.liveUrl} target="_blank" rel="noreferrer">
            <LinkOutlined /> {t('timetable.liveLink')}
          </Typography.Link>
        ) : null}
        <Flex gap={8} wrap>
          <Typography.Text type="secondary">
            {s.groupIds ? s.groupNames.join('、') : t('timetable.wholeClass')}
          </Typography.Text>
          <Typography.Text type="secondary">{t('timetable.hours', { hours: s.hours })}</Typography.Text>
        </Flex>
        {s.description ? (
          <Typography.Paragraph
            type="secondary"
            style={{ margin: 0 }}
            ellipsis={{ rows: 3, expandable: true }}
          >
            {s.description}
          </Typography.Paragraph>
        ) : null}
        <MaterialLinks classId={s.classId} sessionId={s.id} materials={s.materials} />
        <Link
          to={`/classes/${s.classId}/sessions/${s.id}/questions`}
          style={{ alignSelf: 'flex-start' }}
          data-testid="qb-agenda-link"
        >
          <CommentOutlined /> {t('questions.agendaLink')}
        </Link>
      </Flex>
    </Card>
  );
}

/** The read-only programme grouped by China day, narrow enough for a phone. */
export function Agenda({ cls, items }: { cls: ClassView; items: SessionView[] }) {
  const { t } = useTranslation();
  const days = classDays(cls.startDate, cls.endDate);
  const groups = groupByDay(items);
  if (groups.length === 0) return <Empty description={t('timetable.agenda.empty')} />;
  return (
    <Flex vertical gap={16} data-testid="timetable-agenda" className="gx-tt-agenda">
      {groups.map(({ day, items: dayItems }) => {
        const n = days.indexOf(day);
        return (
          <section key={day} data-day={day}>
            <Flex align="baseline" gap={8} className="gx-tt-agenda-day">
              <Typography.Title level={5} style={{ margin: 0 }}>
                {dayjs(day).format(t('timetable.dayFormat'))}
              </Typography.Title>
              {n >= 0 ? (
                <Typography.Text type="secondary">{t('timetable.dayN', { n: n + 1 })}</Typography.Text>
              ) : null}
            </Flex>
            <Flex vertical gap={8}>
              {dayItems.map((s) => (
                <AgendaItem key={s.id} s={s} />
              ))}
            </Flex>
          </section>
        );
      })}
    </Flex>
  );
}
