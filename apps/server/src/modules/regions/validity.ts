import { isNull, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** Today's date in China (YYYY-MM-DD): a code abolished "on" a day is gone from that day on. */
export function shanghaiToday(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** SQL: a region (its `valid_to` column, of the table or an alias) is current on `today`. */
export function current(validTo: AnyPgColumn, today: string): SQL {
  return or(isNull(validTo), sql`${validTo} > ${today}`) as SQL;
}
