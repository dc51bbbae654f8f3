import type { NoticeAudience, NoticeRecipientView } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';

/**
 * The people a class notice may reach, with an account each (active): its trainees (enrolled, not
 * withdrawn) and its staff (director, assistants, task-force members). Someone both trainee and
 * staff counts as a trainee.
 */
export async function classMembers(exec: Executor, classId: string): Promise<NoticeRecipientView[]> {
  const result = await exec.execute(sql`
    with trainees as (
      select distinct on (p.user_id) p.user_id, p.name
      from enrollments e
      join people p on p.id = e.person_id
      join users u on u.id = p.user_id and u.status = 'active'
      where e.class_id = ${classId} and e.status <> 'withdrawn' and p.user_id is not null
      order by p.user_id
    ),
    staff as (
      select u.id as user_id, u.display_name as name
      from classes c
      join users u on u.status = 'active' and (
        u.id = c.director_id or u.id = any(c.assistant_ids)
        or u.id in (select m.user_id from task_force_members m where m.class_id = c.id))
      where c.id = ${classId}
    )
    select user_id, name, 'trainee' as role from trainees
    union all
    select s.user_id, s.name, 'staff' as role from staff s
    where not exists (select 1 from trainees t where t.user_id = s.user_id)
    order by role desc, name`);
  const rows = (result as unknown as { rows: { user_id: string; name: string; role: 'trainee' | 'staff' }[] })
    .rows;
  return rows.map((r) => ({ userId: r.user_id, name: r.name, role: r.role }));
}

/** The ids an audience resolves to (for `users`, the given ids in the order given, deduplicated). */
export function audienceIds(
  members: readonly NoticeRecipientView[],
  audience: NoticeAudience,
  userIds: readonly string[],
): string[] {
  if (audience === 'users') return [...new Set(userIds)];
  return members
    .filter(
      (m) => audience === 'everyone' || (audience === 'trainees' ? m.role === 'trainee' : m.role === 'staff'),
    )
    .map((m) => m.userId);
}
