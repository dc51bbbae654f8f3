import { idCheckChar } from '@ganxun/domain';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, people } from '../src/db/schema/index.js';
import { idNumberHash } from '../src/modules/people/record.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import {
  type FixtureCell,
  HEADERS,
  infoOf,
  newIdNumber,
  row,
  rowsOf,
  upload,
  uploadAndWait,
  xlsxOf,
} from './import-files.js';

/**
 * The commit of an import: once only, all or nothing, no duplicates when two overlapping files are
 * committed at once; cancelling; and a large file validated in the background with progress.
 */

let t: TestContext;
let admin: Client;
let sfx = 0;
const unique = (name: string) => `${name}${++sfx}${Math.random().toString(36).slice(2, 5)}`;

beforeAll(async () => {
  t = await createTestContext();
  admin = await signIn(
    t,
    await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '422800' }] }),
  );
});
afterAll(async () => t.close());

describe('commit', () => {
  it('runs once: a second commit, even a concurrent one, is refused with 409', async () => {
    const unit = await makeUnit(t.database, { name: unique('恩施市民政局') });
    const job = await uploadAndWait(
      t,
      admin,
      await xlsxOf([HEADERS, row({ idNumber: newIdNumber(), unit: unit.name })]),
    );
    const [a, b] = await Promise.all([
      admin.post(`/api/v1/imports/${job.id}/commit`),
      admin.post(`/api/v1/imports/${job.id}/commit`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const third = await admin.post(`/api/v1/imports/${job.id}/commit`);
    expect(third.statusCode).toBe(409);
    expect(third.json().error.fields[0].code).toBe('import_not_validated');
  });

  it('never duplicates a person when two overlapping files are committed at once', async () => {
    const unit = await makeUnit(t.database, { name: unique('恩施市财政局') });
    const shared = [newIdNumber(), newIdNumber(), newIdNumber()];
    const fileA = await xlsxOf([
      HEADERS,
      ...shared.map((id) => row({ idNumber: id, unit: unit.name, post: '科员' })),
      row({ idNumber: newIdNumber(), unit: unit.name }),
    ]);
    const fileB = await xlsxOf([
      HEADERS,
      ...shared.map((id) => row({ idNumber: id, unit: unit.name, post: '副科长' })),
      row({ idNumber: newIdNumber(), unit: unit.name }),
    ]);
    const [jobA, jobB] = await Promise.all([uploadAndWait(t, admin, fileA), uploadAndWait(t, admin, fileB)]);
    expect(jobA.summary.create).toBe(4);
    expect(jobB.summary.create).toBe(4);
    const [a, b] = await Promise.all([
      admin.post(`/api/v1/imports/${jobA.id}/commit`),
      admin.post(`/api/v1/imports/${jobB.id}/commit`),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const hashes = shared.map((id) => idNumberHash(t.services.cipher, id));
    const stored = await t.database.db.select().from(people).where(inArray(people.idNumberHash, hashes));
    expect(stored).toHaveLength(3);
    // Whichever came second updated the three people the first created.
    const summaries = [a.json().summary, b.json().summary].sort((x, y) => y.create - x.create);
    expect(summaries).toEqual([
      { create: 4, update: 0, unchanged: 0, error: 0 },
      { create: 1, update: 3, unchanged: 0, error: 0 },
    ]);
  });

  it('writes nothing when a row turns out wrong at commit time', async () => {
    const unit = await makeUnit(t.database, { name: unique('恩施市水利局') });
    const elsewhere = await makeUnit(t.database, { regionCode: '330104', name: unique('江干区卫健局') });
    const later = newIdNumber();
    const job = await uploadAndWait(
      t,
      admin,
      await xlsxOf([
        HEADERS,
        row({ idNumber: newIdNumber(), unit: unit.name }),
        row({ idNumber: later, unit: unit.name }),
      ]),
    );
    expect(job.summary.create).toBe(2);
    // Meanwhile someone registers the second person in a unit outside this admin's region.
    await makePerson(t.services, t.database, elsewhere.id, {
      idNumber: later,
      birthDate: infoOf(later).birthDate,
      gender: infoOf(later).gender,
    });
    const before = await t.database.db.select().from(people).where(eq(people.unitId, unit.id));
    const res = await admin.post(`/api/v1/imports/${job.id}/commit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0]).toMatchObject({
      code: 'commit_person_out_of_scope',
      message: expect.stringContaining('第 3 行'),
    });
    expect(await t.database.db.select().from(people).where(eq(people.unitId, unit.id))).toEqual(before);
    const failed = (await admin.get(`/api/v1/imports/${job.id}`)).json();
    expect(failed).toMatchObject({ status: 'failed', failure: { code: 'commit_person_out_of_scope' } });
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, String(res.headers['x-request-id'])));
    expect(event).toMatchObject({ action: 'import.commit', outcome: 'failed' });
  });

  it('can be cancelled before commit, which drops the stored rows', async () => {
    const job = await uploadAndWait(
      t,
      admin,
      await xlsxOf([HEADERS, row({ idNumber: newIdNumber(), unit: unique('某单位') })]),
    );
    const res = await admin.delete(`/api/v1/imports/${job.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    expect(await rowsOf(admin, job.id)).toEqual([]);
    expect((await admin.post(`/api/v1/imports/${job.id}/commit`)).statusCode).toBe(409);
    expect((await admin.delete(`/api/v1/imports/${job.id}`)).statusCode).toBe(409);
  });
});

describe('large files', () => {
  it('validates 3,000 rows in the background while the server keeps answering, with progress', async () => {
    const unit = await makeUnit(t.database, { name: unique('恩施市人民医院'), type: 'hospital' });
    const rows: FixtureCell[][] = [HEADERS];
    for (let i = 0; i < 3000; i++) {
      const birth = `${1960 + (i % 40)}-0${1 + Math.floor(i / 1000)}-01`;
      const first17 = `422801${birth.replaceAll('-', '')}${String(i % 1000).padStart(3, '0')}`;
      const id = first17 + idCheckChar(first17);
      const gender = Number(first17[16]) % 2 === 1 ? '男' : '女';
      rows.push(row({ name: `测试${i}`, gender, birthDate: birth, idNumber: id, unit: unit.name }));
    }
    const res = await upload(admin, await xlsxOf(rows));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'validating', processedRows: 0 });
    const id = res.json().id;
    const seen: { status: string; processedRows: number; totalRows: number }[] = [];
    for (;;) {
      const poll = await admin.get(`/api/v1/imports/${id}`);
      expect(poll.statusCode).toBe(200);
      const { status, processedRows, totalRows } = poll.json();
      seen.push({ status, processedRows, totalRows });
      if (status !== 'validating') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const last = seen.at(-1);
    expect(last).toEqual({ status: 'validated', processedRows: 3000, totalRows: 3000 });
    // The server answered while it was validating (parsing alone takes longer than a request).
    expect(seen.some((s) => s.status === 'validating')).toBe(true);
    expect(seen.every((s, i) => i === 0 || s.processedRows >= (seen[i - 1]?.processedRows ?? 0))).toBe(true);
    const page = (await admin.get(`/api/v1/imports/${id}/rows?page=2&pageSize=50`)).json();
    expect(page).toMatchObject({ total: 3000, page: 2, pageSize: 50 });
    expect(page.items[0].rowNo).toBe(52);
    await t.services.imports.whenSettled(id);
  });
});
