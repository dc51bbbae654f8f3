import { permissionsOf, type Role } from '@ganxun/domain';
import { and, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, units } from '../src/db/schema/index.js';
import { scopeFor } from '../src/modules/people/policy.js';
import type { PersonRow } from '../src/modules/people/record.js';
import type { Actor } from '../src/platform/context.js';
import { makePerson, makeUnit, type PersonOverrides, personInput } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Who sees and edits whom: a liaison their unit subtree, an org admin their region subtree, a
 * trainee only themselves; everything else is a 403 with an audited denial, and lists and exports
 * leave out what the reader may not see.
 */

let t: TestContext;
let unitA: { id: string; name: string };
let unitA1: { id: string };
let unitB: { id: string };
let wuhanUnit: { id: string };
let inA: PersonRow;
let inA1: PersonRow;
let inB: PersonRow;
let inWuhan: PersonRow;
let liaisonA: Client;
let liaisonAId: string;
let enshiAdmin: Client;
let enshiAdminId: string;

/** See people.test.ts: spread birth dates so generated ID numbers do not collide. */
function someBirthDate(): string {
  return new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 13_500) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}
const newPerson = (unitId: string, o: PersonOverrides = {}) =>
  makePerson(t.services, t.database, unitId, { birthDate: someBirthDate(), ...o });

beforeAll(async () => {
  t = await createTestContext();
  unitA = await makeUnit(t.database, { name: '恩施市实验小学', regionCode: '422801' });
  unitA1 = await makeUnit(t.database, { parentId: unitA.id, regionCode: '422801' });
  unitB = await makeUnit(t.database, { name: '利川市人民医院', regionCode: '422802' });
  wuhanUnit = await makeUnit(t.database, { name: '武汉市江岸区卫健局', regionCode: '420102' });
  inA = await newPerson(unitA.id, { name: '甲联络' });
  inA1 = await newPerson(unitA1.id, { name: '甲下级' });
  inB = await newPerson(unitB.id, { name: '乙医生', mobile: '13512345678' });
  inWuhan = await newPerson(wuhanUnit.id, { name: '武汉人' });
  const liaison = await makeUser(t.services, t.database, {
    roles: [{ role: 'unit_liaison', scopeId: unitA.id }],
  });
  liaisonAId = liaison.user.id;
  liaisonA = await signIn(t, liaison);
  const admin = await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '422800' }] });
  enshiAdminId = admin.user.id;
  enshiAdmin = await signIn(t, admin);
});
afterAll(async () => t.close());

const idsOf = (res: { json(): { items: { id: string }[] } }) =>
  res
    .json()
    .items.map((p) => p.id)
    .sort();

describe('a unit liaison', () => {
  it('lists the people of their unit and the units under it, nobody else', async () => {
    const res = await liaisonA.get('/api/v1/people?pageSize=200');
    expect(res.statusCode).toBe(200);
    expect(idsOf(res)).toEqual([inA.id, inA1.id].sort());
    expect(res.json().total).toBe(2);
    // Filters do not widen the scope.
    expect((await liaisonA.get(`/api/v1/people?unitId=${unitB.id}`)).json().total).toBe(0);
    expect((await liaisonA.get('/api/v1/people?regionCode=422802')).json().total).toBe(0);
  });

  it.each([
    ['read', 'person.read', (c: Client, id: string) => c.get(`/api/v1/people/${id}`)],
    ['update', 'person.update', (c: Client, id: string) => c.patch(`/api/v1/people/${id}`, { post: '院长' })],
    [
      'reveal',
      'person.reveal',
      (c: Client, id: string) => c.post(`/api/v1/people/${id}/reveal`, { reason: '看看' }),
    ],
  ])('gets 403 and an audited denial to %s a person of another unit', async (_label, action, run) => {
    const res = await run(liaisonA, inB.id);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(res.body).not.toContain('乙医生');
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({
        action,
        outcome: 'denied',
        entityType: 'person',
        entityId: inB.id,
        actorId: liaisonAId,
      }),
    ]);
  });

  it('may read, edit and reveal people under their own unit', async () => {
    expect((await liaisonA.get(`/api/v1/people/${inA1.id}`)).statusCode).toBe(200);
    expect((await liaisonA.patch(`/api/v1/people/${inA1.id}`, { post: '教师' })).statusCode).toBe(200);
    expect((await liaisonA.post(`/api/v1/people/${inA1.id}/reveal`, { reason: '核对' })).statusCode).toBe(
      200,
    );
  });

  it('cannot create a person in another unit, nor move one of theirs there (403, audited)', async () => {
    const create = await liaisonA.post(
      '/api/v1/people',
      personInput(unitB.id, { birthDate: someBirthDate() }),
    );
    expect(create.statusCode).toBe(403);
    expect(await auditOf(t, create)).toEqual([
      expect.objectContaining({ action: 'person.create', outcome: 'denied', entityId: unitB.id }),
    ]);
    const move = await liaisonA.patch(`/api/v1/people/${inA.id}`, { unitId: unitB.id });
    expect(move.statusCode).toBe(403);
    expect((await liaisonA.get(`/api/v1/people/${inA.id}`)).json().unitId).toBe(unitA.id);
  });

  it('exports only their own people, masked', async () => {
    const res = await liaisonA.get('/api/v1/people/export');
    expect(res.statusCode, res.body).toBe(200);
    const sheet = await readSheet(res.rawPayload);
    const names = sheet.slice(1).map((row) => row[0]);
    expect(names.sort()).toEqual(['甲下级', '甲联络'].sort());
  });
});

describe('an org admin of Enshi prefecture (422800)', () => {
  it('sees people of every Enshi county, not of Wuhan', async () => {
    const res = await enshiAdmin.get('/api/v1/people?pageSize=200');
    expect(idsOf(res)).toEqual([inA.id, inA1.id, inB.id].sort());
    expect((await enshiAdmin.get('/api/v1/people?regionCode=420100')).json().total).toBe(0);
    expect((await enshiAdmin.get(`/api/v1/people?q=${encodeURIComponent('武汉')}`)).json().total).toBe(0);
  });

  it('gets 403 (audited) on a person in a Wuhan unit, and cannot create people there', async () => {
    const res = await enshiAdmin.get(`/api/v1/people/${inWuhan.id}`);
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'person.read', outcome: 'denied', actorId: enshiAdminId }),
    ]);
    const create = await enshiAdmin.post(
      '/api/v1/people',
      personInput(wuhanUnit.id, { birthDate: someBirthDate() }),
    );
    expect(create.statusCode).toBe(403);
  });

  it('exports the region with Chinese headers, dictionary labels and masked personal information', async () => {
    const res = await enshiAdmin.get('/api/v1/people/export?regionCode=422802');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="people-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''%E4%BA%BA%E5%91%98/,
    );
    const [header, ...rows] = await readSheet(res.rawPayload);
    expect(header?.slice(0, 6)).toEqual(['姓名', '性别', '民族', '出生日期', '身份证号', '手机号']);
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? [];
    expect(row[0]).toBe('乙医生');
    expect(row[1]).toBe('男');
    expect(row[2]).toBe('汉族');
    expect(row[4]).toBe(inB.idNumberMasked);
    expect(row[5]).toBe('135****5678');
    expect(row[6]).toBe('中国共产党党员');
    expect(row[8]).toBe('利川市人民医院');
    const clear = t.services.cipher.decrypt(inB.idNumberEnc);
    expect(res.rawPayload.toString('latin1')).not.toContain(clear);

    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({
        action: 'person.export',
        outcome: 'success',
        detail: { filter: { regionCode: '422802' }, rows: 1 },
      }),
    ]);
  });
});

describe('a trainee', () => {
  it('sees only their own record: in the list, on its page, and by reveal', async () => {
    const trainee = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const self = await newPerson(unitB.id, {
      name: '学员本人',
      userId: trainee.user.id,
      mobile: '13700001234',
    });
    const client = await signIn(t, trainee);
    const list = await client.get('/api/v1/people');
    expect(idsOf(list)).toEqual([self.id]);
    expect((await client.get(`/api/v1/people/${self.id}`)).statusCode).toBe(200);
    const reveal = await client.post(`/api/v1/people/${self.id}/reveal`, { reason: '本人查看' });
    expect(reveal.json()).toMatchObject({ mobile: '13700001234' });

    const other = await client.get(`/api/v1/people/${inB.id}`);
    expect(other.statusCode).toBe(403);
    expect(await auditOf(t, other)).toEqual([
      expect.objectContaining({ outcome: 'denied', action: 'person.read' }),
    ]);
    expect((await client.patch(`/api/v1/people/${self.id}`, { post: '自封' })).statusCode).toBe(403);
    expect((await client.get('/api/v1/people/export')).statusCode).toBe(403);
  });
});

describe('roles without directory rights', () => {
  it.each(['system_admin', 'auditor', 'class_director', 'lecturer'] as const)(
    '%s lists nobody and is refused writes and exports',
    async (role) => {
      const user = await makeUser(t.services, t.database, {
        roles: [{ role, scopeId: null }],
      });
      const client = await signIn(t, user);
      expect((await client.get('/api/v1/people')).json().total).toBe(0);
      const create = await client.post(
        '/api/v1/people',
        personInput(unitA.id, { birthDate: someBirthDate() }),
      );
      expect(create.statusCode).toBe(403);
      expect(await auditOf(t, create)).toEqual([
        expect.objectContaining({ action: 'person.create', outcome: 'denied' }),
      ]);
      expect((await client.get('/api/v1/people/export')).statusCode).toBe(403);
    },
  );
});

describe('the list agrees with the policy', () => {
  const CASES: { label: string; roles: { role: Role; scopeId: string | null }[]; ownUnit?: 'A' | 'B' }[] = [
    { label: 'liaison of A', roles: [{ role: 'unit_liaison', scopeId: 'A' }] },
    {
      label: 'liaison of A with their own record in B',
      roles: [{ role: 'unit_liaison', scopeId: 'A' }],
      ownUnit: 'B',
    },
    {
      label: 'liaison of A and org admin of Wuhan',
      roles: [
        { role: 'unit_liaison', scopeId: 'A' },
        { role: 'org_admin', scopeId: '420100' },
      ],
    },
    { label: 'org admin of Lichuan (a county)', roles: [{ role: 'org_admin', scopeId: '422802' }] },
    {
      label: 'org admin of Hubei (every unit)',
      roles: [{ role: 'org_admin', scopeId: '420000' }],
      ownUnit: 'B',
    },
    { label: 'training officer of A', roles: [{ role: 'training_officer', scopeId: 'A' }] },
    { label: 'trainee with a record', roles: [{ role: 'trainee', scopeId: null }], ownUnit: 'A' },
    { label: 'class director', roles: [{ role: 'class_director', scopeId: null }] },
  ];

  it.each(CASES)('$label: the people listed are those scopeFor admits', async ({ roles, ownUnit }) => {
    const grants = roles.map((r) => ({ ...r, scopeId: r.scopeId === 'A' ? unitA.id : r.scopeId }));
    const user = await makeUser(t.services, t.database, { roles: grants });
    if (ownUnit) await newPerson(ownUnit === 'A' ? unitA1.id : unitB.id, { userId: user.user.id });
    const actor: Actor = {
      id: user.user.id,
      username: user.user.username,
      displayName: user.user.displayName,
      roles: grants,
      permissions: permissionsOf(grants.map((g) => g.role)),
      sessionId: '',
    };
    const expected = await t.database.db
      .select({ id: people.id })
      .from(people)
      .where(scopeFor(actor, t.database.db));
    const client = await signIn(t, user);
    const listed = await client.get('/api/v1/people?pageSize=200');
    expect(idsOf(listed)).toEqual(expected.map((r) => r.id).sort());
    // And with filters, the policy's set narrowed by them.
    const inLichuan = await client.get('/api/v1/people?pageSize=200&regionCode=422802');
    const narrowed = await t.database.db
      .select({ id: people.id })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(scopeFor(actor, t.database.db), like(units.regionCode, '422802%')));
    expect(idsOf(inLichuan)).toEqual(narrowed.map((r) => r.id).sort());
  });
});

/** The first sheet of an xlsx as rows of cell texts. */
async function readSheet(payload: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}
