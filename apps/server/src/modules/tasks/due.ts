import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';

/**
 * Re-resolves the due days of a class's relative tasks ("T−7") from its current start and end
 * dates (classes/service.ts calls it inside the transaction that edits the class). Tasks relative to
 * the end fall back to the start, as `dueDateOf` does; a class without dates leaves them undated.
 * Returns how many tasks moved.
 */
export async function resolveTaskDueDates(exec: Executor, classId: string): Promise<number> {
  const result = await exec.execute(sql`
    with resolved as (
      select t.id,
        (case when t.due_anchor = 'end' then coalesce(c.end_date, c.start_date) else c.start_date end)
          + t.due_offset_days as due
      from class_tasks t join classes c on c.id = t.class_id
      where t.class_id = ${classId} and t.due_kind = 'relative'
    )
    update class_tasks t set due_date = r.due, updated_at = now()
    from resolved r
    where t.id = r.id and t.due_date is distinct from r.due
    returning t.id`);
  return (result as unknown as { rows?: unknown[] }).rows?.length ?? 0;
}
