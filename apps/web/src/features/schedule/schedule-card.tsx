import {
  BookOutlined,
  EnvironmentOutlined,
  TeamOutlined,
  UserOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import type { MyScheduleItem, SessionView } from '@ganxun/domain';
import { Button, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MaterialLinks } from '../timetable/materials';
import { endsNextDay, formatHours, itemPhase, timeRange } from './logic';

/** Colours of the item types (the dictionary is configurable: unknown ones are grey). */
const TYPE_COLOR: Record<string, string> = {
  ceremony_open: 'red',
  ceremony_close: 'red',
  lecture: 'blue',
  experience: 'cyan',
  live: 'purple',
  qa: 'geekblue',
  discussion: 'green',
  field: 'orange',
  study_visit: 'gold',
  self_study: 'default',
  exam: 'magenta',
  other: 'default',
};

export const ROLE_COLOR = { speaker: 'blue', host: 'green', commentator: 'orange' } as const;

function Line({ icon, children, testId }: { icon: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Flex gap={8} align="baseline" className="gx-sched-line" data-testid={testId}>
      <span className="gx-sched-icon">{icon}</span>
      <div style={{ minWidth: 0, flex: 1, overflowWrap: 'anywhere' }}>{children}</div>
    </Flex>
  );
}

/** Where the item takes place: a pool venue (address of a field site, link of a live room) or free text. */
function VenueLine({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const venue = session.venue;
  if (!venue) {
    return (
      <Line icon={<EnvironmentOutlined />}>
        {session.location ?? <Typography.Text type="secondary">{t('schedule.item.noVenue')}</Typography.Text>}
      </Line>
    );
  }
  const online = venue.kind === 'online_room';
  return (
    <Line icon={online ? <VideoCameraOutlined /> : <EnvironmentOutlined />} testId="schedule-venue">
      <div>
        {venue.name}
        {online ? <Typography.Text type="secondary"> · {t('schedule.item.online')}</Typography.Text> : null}
      </div>
      {venue.kind === 'field_site' && venue.address ? (
        <Typography.Text type="secondary" className="gx-sched-sub">
          {venue.address}
        </Typography.Text>
      ) : null}
      {session.location ? (
        <Typography.Text type="secondary" className="gx-sched-sub">
          {session.location}
        </Typography.Text>
      ) : null}
      {online && venue.liveUrl ? (
        <Button
          type="primary"
          ghost
          size="small"
          icon={<VideoCameraOutlined />}
          href={venue.liveUrl}
          target="_blank"
          rel="noopener noreferrer"
          style={{ marginTop: 6 }}
          data-testid="schedule-live"
        >
          {t('schedule.item.joinLive')}
        </Button>
      ) : null}
    </Line>
  );
}

/**
 * One item of a personal schedule: time, type, title, lecturers, venue, attendance and 学时; for a
 * lecturer's own schedule also the class and their part in it.
 */
export function ScheduleItemCard({
  item,
  now,
  teaching = false,
}: {
  item: MyScheduleItem;
  now: number;
  teaching?: boolean;
}) {
  const { t } = useTranslation();
  const s = item.session;
  const phase = itemPhase(s, now);
  return (
    <div className={`gx-sched-card gx-sched-${phase}`} data-testid="schedule-item" data-session-id={s.id}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong className="gx-sched-time">
          {timeRange(s.startsAt, s.endsAt)}
          {endsNextDay(s.startsAt, s.endsAt) ? (
            <Typography.Text type="secondary" className="gx-sched-next">
              {' '}
              ({t('schedule.item.nextDay')})
            </Typography.Text>
          ) : null}
        </Typography.Text>
        <Flex gap={4} wrap justify="flex-end">
          {phase === 'ongoing' ? <Tag color="processing">{t('schedule.item.ongoing')}</Tag> : null}
          {phase === 'past' ? <Tag>{t('schedule.item.past')}</Tag> : null}
          {teaching && item.role ? (
            <Tag color={ROLE_COLOR[item.role]} data-testid="schedule-role">
              {t(`schedule.role.${item.role}`)}
            </Tag>
          ) : null}
          <Tag color={TYPE_COLOR[s.type] ?? 'default'} style={{ marginInlineEnd: 0 }}>
            {s.typeName ?? s.type}
          </Tag>
        </Flex>
      </Flex>
      <Typography.Text strong className="gx-sched-title">
        {s.title}
      </Typography.Text>
      <Flex vertical gap={4}>
        {s.lecturers.length > 0 ? (
          <Line icon={<UserOutlined />}>
            {s.lecturers.map((l, i) => (
              <span key={l.lecturerId}>
                {i > 0 ? '、' : ''}
                {l.name}
                {l.title ? <Typography.Text type="secondary"> {l.title}</Typography.Text> : null}
                {l.role !== 'speaker' ? (
                  <Typography.Text type="secondary">（{t(`schedule.role.${l.role}`)}）</Typography.Text>
                ) : null}
              </span>
            ))}
          </Line>
        ) : null}
        <VenueLine session={s} />
        {s.groupIds && s.groupNames.length > 0 ? (
          <Line icon={<TeamOutlined />}>{t('schedule.item.groups', { names: s.groupNames.join('、') })}</Line>
        ) : null}
        <Line icon={<BookOutlined />}>
          <Typography.Text type="secondary">{item.class.name}</Typography.Text>
        </Line>
        {s.materials.length > 0 ? (
          <div className="gx-sched-materials">
            <MaterialLinks classId={s.classId} sessionId={s.id} materials={s.materials} />
          </div>
        ) : null}
      </Flex>
      <Flex justify="space-between" align="center" gap={8} className="gx-sched-foot">
        {s.attendanceRequired ? (
          <Tag color="volcano" variant="filled" data-testid="schedule-required">
            {t('schedule.item.required')}
          </Tag>
        ) : (
          <Tag variant="filled">{t('schedule.item.optional')}</Tag>
        )}
        <Typography.Text className="gx-sched-hours" data-testid="schedule-hours">
          {t('schedule.item.hours', { hours: formatHours(s.hours) })}
        </Typography.Text>
      </Flex>
    </div>
  );
}
