import type { SessionSnapshot } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { NoticeService, NotifyInput } from './service.js';

/**
 * The notices other modules raise on their events (issue 9 item 5): each module calls
 * `notices.notify(tx, await xNotice(tx, …))` inside the transaction of its change, so the notice
 * commits with it. These build the input: who (the accounts linked to the people concerned), the
 * words' parameters and where the notice leads.
 */

/** What a module needs of the notices service. */
export type Notifier = Pick<NoticeService, 'notify'>;

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The accounts linked to these people (people.user_id), by person id; people without one are left out. */
export async function accountsOfPeople(
  exec: Executor,
  personIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return new Map();
  const rows = rowsOf<{ id: string; user_id: string }>(
    await exec.execute(
      sql`select id, user_id from people where id = any(${uuidArray(ids)}) and user_id is not null`,
    ),
  );
  return new Map(rows.map((r) => [r.id, r.user_id]));
}

/** A nomination decision, to the nominees' accounts. */
export async function nominationDecidedNotice(
  exec: Executor,
  cls: { id: string; name: string },
  personIds: readonly string[],
  decision: 'approve' | 'reject',
  reason: string | null,
): Promise<NotifyInput> {
  return {
    kind: decision === 'approve' ? 'nomination_approved' : 'nomination_rejected',
    classId: cls.id,
    userIds: [...(await accountsOfPeople(exec, personIds)).values()],
    params: { className: cls.name, reason: reason?.trim() ?? '' },
    link: '/my-classes',
    channels: ['email'],
  };
}

/** A leave request decided for good, to the trainee who asked. */
export function leaveDecidedNotice(
  cls: { id: string; name: string },
  request: { requestedBy: string; status: string },
): NotifyInput {
  return {
    kind: 'leave_decided',
    classId: cls.id,
    userIds: [request.requestedBy],
    // A code, worded per language by noticeText (NOTICE_PARAM_WORDS).
    params: { className: cls.name, decision: request.status === 'approved' ? 'approved' : 'rejected' },
    link: '/my-leave',
    channels: ['email'],
  };
}

/** Newly issued certificates, one notice each (its number), to the holders' accounts. */
export async function certificateNotices(
  exec: Executor,
  cls: { id: string; name: string },
  issued: readonly { personId: string; number: string }[],
): Promise<NotifyInput[]> {
  const accounts = await accountsOfPeople(
    exec,
    issued.map((c) => c.personId),
  );
  return issued.flatMap((c) => {
    const userId = accounts.get(c.personId);
    return userId
      ? [
          {
            kind: 'certificate_issued' as const,
            classId: cls.id,
            userIds: [userId],
            params: { className: cls.name, number: c.number },
            link: '/my-certificates',
            channels: ['email' as const],
          },
        ]
      : [];
  });
}

/** A reminder of an evaluation form, to the trainees (enrolments) who have not filled it in. */
export async function formsToFillNotice(
  exec: Executor,
  classId: string,
  enrollmentIds: readonly string[],
): Promise<NotifyInput> {
  const ids = [...new Set(enrollmentIds)];
  const [users, [cls]] = await Promise.all([
    ids.length
      ? exec.execute(sql`
          select distinct p.user_id from enrollments e join people p on p.id = e.person_id
          where e.id = any(${uuidArray(ids)}) and p.user_id is not null`)
      : { rows: [] },
    exec
      .execute(sql`select name from classes where id = ${classId}`)
      .then((r) => rowsOf<{ name: string }>(r)),
  ]);
  return {
    kind: 'forms_to_fill',
    classId,
    userIds: rowsOf<{ user_id: string }>(users).map((r) => r.user_id),
    params: { className: cls?.name ?? '', count: 1 },
    link: '/my-forms',
    channels: ['email'],
  };
}

/** `03-10 09:00` in China time. */
function when(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(5, 16);
}

const MAX_SUMMARY_ITEMS = 5;

/**
 * What changed in a timetable since `since` (its last publication), in words that read in any
 * language: `+ 新课 03-12 09:00；专题讲座 03-10 09:00 → 03-11 14:30；✕ 座谈会`. Per item, its state
 * before the first change and after the last; items added and removed again are left out.
 */
export async function timetableSummary(exec: Executor, classId: string, since: Date): Promise<string> {
  const rows = rowsOf<{
    session_id: string | null;
    before: SessionSnapshot | null;
    after: SessionSnapshot | null;
  }>(
    await exec.execute(sql`
      select session_id, before, after from timetable_changes
      where class_id = ${classId} and kind <> 'published' and changed_at > ${since.toISOString()}::timestamptz
      order by changed_at, id`),
  );
  const items = new Map<string, { before: SessionSnapshot | null; after: SessionSnapshot | null }>();
  for (const r of rows) {
    const key = r.session_id ?? `${items.size}`;
    const seen = items.get(key);
    if (seen) seen.after = r.after;
    else items.set(key, { before: r.before, after: r.after });
  }
  const parts: string[] = [];
  for (const { before, after } of items.values()) {
    if (!before && after) parts.push(`+ ${after.title} ${when(after.startsAt)}`);
    else if (before && !after) parts.push(`✕ ${before.title}`);
    else if (before && after) {
      const moved = before.startsAt !== after.startsAt;
      const venue = before.venueName !== after.venueName && after.venueName ? ` @${after.venueName}` : '';
      const who =
        before.lecturerNames.join('、') !== after.lecturerNames.join('、') && after.lecturerNames.length
          ? ` (${after.lecturerNames.join('、')})`
          : '';
      if (!moved && !venue && !who && before.title === after.title) continue;
      parts.push(
        `${after.title} ${moved ? `${when(before.startsAt)} → ${when(after.startsAt)}` : when(after.startsAt)}${venue}${who}`,
      );
    }
  }
  const shown = parts.slice(0, MAX_SUMMARY_ITEMS).join('；');
  return parts.length > MAX_SUMMARY_ITEMS ? `${shown}；…(+${parts.length - MAX_SUMMARY_ITEMS})` : shown;
}

/**
 * A published timetable published again with changes: to every trainee of the class with an
 * account (none when nothing changed since the last publication).
 */
export async function timetableChangedNotice(
  exec: Executor,
  cls: { id: string; name: string },
  since: Date,
): Promise<NotifyInput> {
  const summary = await timetableSummary(exec, cls.id, since);
  const trainees = summary
    ? rowsOf<{ user_id: string }>(
        await exec.execute(sql`
          select distinct p.user_id from enrollments e join people p on p.id = e.person_id
          where e.class_id = ${cls.id} and e.status <> 'withdrawn' and p.user_id is not null`),
      )
    : [];
  return {
    kind: 'timetable_changed',
    classId: cls.id,
    userIds: trainees.map((r) => r.user_id),
    params: { className: cls.name, summary },
    link: '/my-schedule',
    channels: ['email', 'sms'],
  };
}
