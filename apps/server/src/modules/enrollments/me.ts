import type { MessageLocale, MyClassView } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { rowsOf } from '../quotas/holders.js';

interface MyClassRow {
  class_id: string;
  code: string;
  name: string;
  start_date: string | null;
  end_date: string | null;
  venue: string | null;
  city_name: string | null;
  city_name_zh_tw: string | null;
  class_status: string;
  nomination_status: MyClassView['nominationStatus'];
  enrollment_status: MyClassView['enrollmentStatus'];
  group_name: string | null;
  checked_in_at: Date | string | null;
}

/**
 * The classes of the actor's own person record: the latest nomination per class and the
 * enrollment, with the class's dates and place; latest classes first. Empty without a record.
 */
export async function myClasses(
  exec: Executor,
  userId: string,
  locale: MessageLocale,
): Promise<MyClassView[]> {
  const result = await exec.execute(sql`
    with me as (select id from people where user_id = ${userId}),
    latest as (
      select distinct on (n.class_id) n.class_id, n.status
      from nominations n where n.person_id in (select id from me)
      order by n.class_id, n.created_at desc, n.id desc
    ),
    mine as (
      select class_id from latest
      union select e.class_id from enrollments e where e.person_id in (select id from me)
    )
    select c.id as class_id, c.code, c.name, c.start_date::text as start_date, c.end_date::text as end_date,
      c.venue, r.name as city_name, r.name_zh_tw as city_name_zh_tw, c.status as class_status,
      l.status as nomination_status, e.status as enrollment_status, g.name as group_name,
      e.checked_in_at
    from mine m
    join classes c on c.id = m.class_id
    left join regions r on r.code = c.city_code
    left join latest l on l.class_id = c.id
    left join enrollments e on e.class_id = c.id and e.person_id in (select id from me)
    left join class_groups g on g.id = e.group_id
    order by c.start_date desc nulls last, c.code desc`);
  return rowsOf<MyClassRow>(result).map((r) => ({
    classId: r.class_id,
    code: r.code,
    name: r.name,
    startDate: r.start_date,
    endDate: r.end_date,
    venue: r.venue,
    cityName: (locale === 'zh-TW' ? r.city_name_zh_tw || r.city_name : r.city_name) ?? null,
    classStatus: r.class_status,
    nominationStatus: r.nomination_status ?? null,
    enrollmentStatus: r.enrollment_status ?? null,
    groupName: r.group_name,
    checkedInAt: r.checked_in_at ? new Date(r.checked_in_at).toISOString() : null,
  }));
}
