import { classCode } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classCodeCounters } from '../../db/schema/index.js';
import { shanghaiToday } from '../regions/validity.js';

/** The year a class is filed under: its start date's, else the current year in China. */
export function classYear(startDate: string | null, now = new Date()): number {
  return Number((startDate ?? shanghaiToday(now)).slice(0, 4));
}

/**
 * The next code of a year (`2022-017`). Call it inside the transaction that inserts the class: the
 * upsert locks the year's counter row until commit, so concurrent creates queue on it and a
 * rolled-back create gives its number back (codes stay gap-free and unique).
 */
export async function nextClassCode(tx: Executor, year: number): Promise<string> {
  const [row] = await tx
    .insert(classCodeCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({
      target: classCodeCounters.year,
      set: { last: sql`${classCodeCounters.last} + 1` },
    })
    .returning({ last: classCodeCounters.last });
  if (!row) throw new Error('class code counter not written');
  return classCode(year, row.last);
}
