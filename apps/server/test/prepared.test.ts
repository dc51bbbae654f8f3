import type { Table } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRow, runPrepared, selectColumns } from '../src/db/prepared.js';
import {
  classes,
  classSessions,
  enrollments,
  people,
  sessions,
  units,
  users,
} from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makeUser } from './factories.js';
import { createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol, makeSession } from './session-factories.js';

/**
 * The hot statements (a request's session, a first check-in) are prepared statements whose rows
 * are decoded by hand from drizzle's column definitions. Whatever the column types — timestamps,
 * dates, json, arrays, enums, nulls — a row read that way must equal the row drizzle reads.
 */

let t: TestContext;
const embedded = () => t.database.kind === 'pglite';

beforeAll(async () => {
  t = await createTestContext();
  const user = await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: null }] });
  await signIn(t, user);
  const klass = await makeClass(t.database);
  await makeSession(t.database, klass.id, { hours: 1.5, groupIds: null });
  await enrol(t.services, t.database, klass.id, klass.leadOrganiserId, { userId: user.user.id });
});

afterAll(async () => {
  await t?.close();
});

/** Every row of a table, read by drizzle and through a prepared statement, side by side. */
async function bothWays(table: Table, name: string) {
  const byDrizzle = await t.database.db.select().from(table as never);
  const raw = await runPrepared(
    t.database.db,
    embedded(),
    {
      name: `test_all_${name}`,
      text: `select ${selectColumns(table, 't', 'x.')} from ${name} t`,
      types: [],
    },
    [],
  );
  const byHand = raw.map((r) => decodeRow(table, r, 'x.'));
  const key = (r: { id?: unknown }) => String(r.id);
  return {
    byDrizzle: [...byDrizzle].sort((a, b) => key(a).localeCompare(key(b))),
    byHand: byHand.sort((a, b) => key(a as { id?: unknown }).localeCompare(key(b as { id?: unknown }))),
  };
}

describe('rows read through prepared statements', () => {
  it.each([
    ['users', users],
    ['sessions', sessions],
    ['units', units],
    ['people', people],
    ['classes', classes],
    ['class_sessions', classSessions],
    ['enrollments', enrollments],
  ] as const)('%s: equal to what drizzle reads', async (name, table) => {
    const { byDrizzle, byHand } = await bothWays(table, name);
    expect(byDrizzle.length).toBeGreaterThan(0);
    expect(byHand).toEqual(byDrizzle);
  });

  it('a timestamp column comes back as the same instant, to the millisecond', async () => {
    const { byDrizzle, byHand } = await bothWays(sessions, 'sessions');
    const first = byHand[0] as typeof sessions.$inferSelect;
    expect(first.expiresAt).toBeInstanceOf(Date);
    expect(first.expiresAt.getTime()).toBe((byDrizzle[0] as unknown as typeof first).expiresAt.getTime());
  });
});
