import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../quotas/holders.js';

/** The dashboard's period (both days included). */
export interface Period {
  from: string;
  to: string;
}

/**
 * One statistic in a transaction of its own, as the engine runs its aggregates: RAM to hash and
 * sort in (the default 4 MB spills a year's enrolments to disk) and no JIT (PostgreSQL compiles
 * these plans for longer than they run).
 */
export async function aggregate(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('work_mem', '32MB', true), set_config('jit', 'off', true)`);
    return rowsOf<Record<string, unknown>>(await tx.execute(query));
  });
}

/** A list of ids as one bound array parameter (its length is known to the planner). */
export const idArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;
