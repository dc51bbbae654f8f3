import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { NoticeService } from '../notices/service.js';
import { shanghaiToday } from '../regions/validity.js';

/** How many overdue tasks one pass takes at most (the next pass takes the rest). */
const SWEEP_BATCH = 500;

/**
 * Sends the owner of every open task past its due day (China day of `now`) one `task_overdue`
 * notice per due day, and marks the task notified for that day (`overdue_notified_for`): a task whose
 * due day moves later and passes again is notified again; twice for the same day never. Tasks of
 * cancelled or archived classes, and tasks without an owner, are left alone. Rows are claimed with
 * `for update skip locked`, so two processes sweeping at once never notify the same task twice.
 * Returns the number of notices sent.
 */
export async function sweepOverdue(db: Db, notices: NoticeService, now: Date): Promise<number> {
  const today = shanghaiToday(now);
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`
      select t.id, t.title, t.class_id, t.owner_id, t.due_date::text as due, c.name as class_name
      from class_tasks t join classes c on c.id = t.class_id
      where t.status in ('todo', 'doing') and t.owner_id is not null
        and t.due_date is not null and t.due_date < ${today}::date
        and t.overdue_notified_for is distinct from t.due_date
        and c.status not in ('cancelled', 'archived')
      order by t.due_date, t.id
      limit ${SWEEP_BATCH}
      for update of t skip locked`);
    const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
    for (const r of rows) {
      await notices.notify(tx, {
        kind: 'task_overdue',
        classId: String(r.class_id),
        userIds: [String(r.owner_id)],
        params: { className: String(r.class_name), task: String(r.title), due: String(r.due) },
        link: '/my-tasks',
      });
      await tx.execute(
        sql`update class_tasks set overdue_notified_for = due_date where id = ${String(r.id)}`,
      );
    }
    return rows.length;
  });
}
