import type { MyScheduleItem, SessionView } from '@ganxun/domain';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { ScheduleLabels } from './labels.js';

export const ICS_TYPE = 'text/calendar; charset=utf-8';

/** How often calendar clients should refetch a feed (they mostly decide themselves). */
const REFRESH_SECONDS = 3600;

/**
 * A calendar (RFC 5545, METHOD:PUBLISH) of timetable items: one VEVENT per item with UID
 * `<sessionId>@ganxun` (stable, so clients update rather than duplicate), SEQUENCE = the item's
 * version, DTSTART/DTEND in UTC, SUMMARY = the title, LOCATION = the venue (and its address),
 * DESCRIPTION = type, lecturers with their parts, groups, class and live link.
 */
export function calendarOf(
  name: string,
  entries: { session: SessionView; className?: string | null }[],
  labels: ScheduleLabels,
): string {
  const calendar = ical({
    name,
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Ganxun', product: 'timetable', language: 'ZH' },
    ttl: REFRESH_SECONDS,
  });
  for (const { session, className } of entries) {
    const sep = labels.separator;
    const description = [
      className ? `${labels.className}${sep}${className}` : null,
      `${labels.type}${sep}${session.typeName ?? session.type}`,
      session.lecturers.length ? labels.lecturers(session.lecturers) : null,
      session.groupNames.length ? `${labels.groups}${sep}${session.groupNames.join('、')}` : null,
      session.venue?.liveUrl ? `${labels.live}${sep}${session.venue.liveUrl}` : null,
      session.description,
    ]
      .filter(Boolean)
      .join('\n');
    const location = session.venue
      ? [session.venue.name, session.venue.address].filter(Boolean).join(' ')
      : session.location;
    calendar.createEvent({
      id: `${session.id}@ganxun`,
      start: new Date(session.startsAt),
      end: new Date(session.endsAt),
      summary: session.title,
      location: location || null,
      description,
      sequence: session.version,
      stamp: new Date(session.updatedAt),
      lastModified: new Date(session.updatedAt),
      url: session.venue?.liveUrl ?? null,
    });
  }
  return calendar.toString();
}

/** Schedule entries (items with their class) as calendar entries. */
export const entriesOf = (items: MyScheduleItem[]) =>
  items.map((i) => ({ session: i.session, className: i.class.name }));
