import { ACTIVE_NOMINATION_STATUSES, SEAT_HOLDING_STATUSES } from '@ganxun/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nominations, userRoles, users } from '../src/db/schema/index.js';
import { makeClass, makeQuota } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * The invariant of issue 4: a quota is never exceeded, even when 50 liaisons nominate at the same
 * moment for its last seat, and a person is never nominated twice. Each nomination locks the class
 * row first, so they take turns; the partial unique index catches a double nomination anyway. Run
 * on PGlite and, with TEST_DATABASE_URL, on PostgreSQL (where the requests really run in parallel
 * on a pool of connections).
 */

const N = 50;
let t: TestContext;
let liaisons: Client[];
let personIds: string[];

let born = 0;
const birthDate = () => {
  born += 1;
  return `19${60 + (born % 40)}-0${1 + (born % 9)}-${10 + (born % 19)}`;
};

/** N liaisons, each of their own unit in Enshi city, with one person each (accounts inserted directly: no scrypt). */
beforeAll(async () => {
  t = await createTestContext();
  const parent = await makeUnit(t.database, { name: '恩施市', regionCode: '422801' });
  const ids = Array.from({ length: N }, () => crypto.randomUUID());
  await t.database.db.insert(users).values(
    ids.map((id, i) => ({
      id,
      username: `concurrent-liaison-${i}-${id.slice(0, 6)}`,
      displayName: `联络员${i}`,
      passwordHash: 'not-a-password',
      mustChangePassword: false,
    })),
  );
  liaisons = [];
  personIds = [];
  for (const [i, id] of ids.entries()) {
    const unit = await makeUnit(t.database, {
      name: `第${i}单位`,
      regionCode: '422801',
      parentId: parent.id,
    });
    await t.database.db.insert(userRoles).values({ userId: id, role: 'unit_liaison', scopeId: unit.id });
    personIds.push((await makePerson(t.services, t.database, unit.id, { birthDate: birthDate() })).id);
    liaisons.push(await signIn(t, { user: { id } }));
  }
});
afterAll(async () => t.close());

describe('concurrent nominations', () => {
  it(`${N} liaisons for the last seat of a quota: exactly one gets it`, async () => {
    const klass = await makeClass(t.database, { capacity: 300 });
    const seats = 5;
    const quota = await makeQuota(t.database, klass.id, { regionCode: '422800' }, seats);
    // Four seats already taken.
    const unit = await makeUnit(t.database, { regionCode: '422801' });
    for (let i = 0; i < seats - 1; i++) {
      const person = await makePerson(t.services, t.database, unit.id, { birthDate: birthDate() });
      await t.database.db
        .insert(nominations)
        .values({ classId: klass.id, quotaId: quota.id, personId: person.id, status: 'approved' });
    }

    const responses = await Promise.all(
      liaisons.map((client, i) =>
        client.post(`/api/v1/classes/${klass.id}/nominations`, { personId: personIds[i], quotaId: quota.id }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(N - 1);
    for (const r of responses.filter((x) => x.statusCode === 409))
      expect(r.json().error.fields[0]).toMatchObject({ path: 'quotaId', code: 'quota_full' });

    const held = await t.database.db
      .select()
      .from(nominations)
      .where(and(eq(nominations.quotaId, quota.id), inArray(nominations.status, [...SEAT_HOLDING_STATUSES])));
    expect(held).toHaveLength(seats);
  });

  it('the same person nominated twice at once: one 201, one 409', async () => {
    const klass = await makeClass(t.database, { capacity: 300 });
    const quota = await makeQuota(t.database, klass.id, { regionCode: '422800' }, 100);
    const client = liaisons[0] as Client;
    const personId = personIds[0] as string;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        client.post(`/api/v1/classes/${klass.id}/nominations`, { personId, quotaId: quota.id }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    for (const r of responses.filter((x) => x.statusCode === 409))
      expect(r.json().error.fields[0]).toMatchObject({ path: 'personId', code: 'already_nominated' });
    const active = await t.database.db
      .select()
      .from(nominations)
      .where(
        and(
          eq(nominations.classId, klass.id),
          eq(nominations.personId, personId),
          inArray(nominations.status, [...ACTIVE_NOMINATION_STATUSES]),
        ),
      );
    expect(active).toHaveLength(1);
  });

  it(`${N} liaisons filling a quota with a waiting list: seats exact, the rest waitlisted in order`, async () => {
    const klass = await makeClass(t.database, { capacity: 300, waitlist: true });
    const quota = await makeQuota(t.database, klass.id, { regionCode: '422800' }, 7);
    const responses = await Promise.all(
      liaisons.map((client, i) =>
        client.post(`/api/v1/classes/${klass.id}/nominations`, { personId: personIds[i], quotaId: quota.id }),
      ),
    );
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const views = responses.map((r) => r.json());
    expect(views.filter((v) => v.status === 'submitted')).toHaveLength(7);
    const positions = views
      .filter((v) => v.status === 'waitlisted')
      .map((v) => v.waitlistPosition as number)
      .sort((a, b) => a - b);
    // Each one's position was read right after its own insert: distinct, 1 … N − 7.
    expect(positions).toEqual(Array.from({ length: N - 7 }, (_, i) => i + 1));
  });
});
