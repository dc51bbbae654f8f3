import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { lecturers, people } from '../../db/schema/index.js';

/**
 * The lecturer-pool entry linked to a user's person record (users → people.user_id →
 * lecturers.person_id), if any: `me.lecturerId`, "my teaching", a lecturer's own feed.
 */
export async function lecturerIdOfUser(exec: Executor, userId: string): Promise<string | null> {
  const [row] = await exec
    .select({ id: lecturers.id })
    .from(lecturers)
    .innerJoin(people, eq(people.id, lecturers.personId))
    .where(eq(people.userId, userId))
    .limit(1);
  return row?.id ?? null;
}
