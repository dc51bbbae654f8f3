import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/index.js';
import type { UserWithRoles } from '../src/modules/users/service.js';
import { makeUser, PASSWORD, uniqueName } from './factories.js';
import { Client, createTestContext, signIn, type TestContext } from './helpers.js';

let t: TestContext;
let auditor: Client;
let systemAdmin: UserWithRoles;
let created: UserWithRoles;
let lockedOut: UserWithRoles;
let before: string;
let after: string;

interface Event {
  id: string;
  action: string;
  outcome: string;
  actorUsername: string | null;
  entityType: string | null;
  entityId: string | null;
  detail: Record<string, unknown> | null;
  occurredAt: string;
}

beforeAll(async () => {
  t = await createTestContext();
  auditor = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'auditor' }] }));
  systemAdmin = await makeUser(t.services, t.database, {
    roles: [{ role: 'system_admin' }],
    username: uniqueName('sys'),
  });
  lockedOut = await makeUser(t.services, t.database, { username: uniqueName('locked') });
  await new Promise((resolve) => setTimeout(resolve, 20));
  before = new Date().toISOString();

  const admin = await signIn(t, systemAdmin);
  const res = await admin.post('/api/v1/users', {
    username: uniqueName('made'),
    displayName: '新人',
    password: PASSWORD,
  });
  created = await t.services.users.byId(res.json().id);
  await admin.get('/api/v1/audit-events');
  for (let i = 0; i < 5; i++)
    await new Client(t.app, '203.0.113.9').login(lockedOut.user.username, 'Wrong-Pass-1');

  await new Promise((resolve) => setTimeout(resolve, 20));
  after = new Date().toISOString();
});
afterAll(async () => t.close());

async function list(query: string): Promise<Event[]> {
  const res = await auditor.get(`/api/v1/audit-events?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('reading the audit trail', () => {
  it.each([
    {
      filter: 'actor',
      query: () => `actor=${systemAdmin.user.username}`,
      expected: () => ['audit.read', 'user.create'],
    },
    {
      filter: 'action prefix',
      query: () => `action=auth.lock&from=${before}`,
      expected: () => ['auth.lockout'],
    },
    {
      filter: 'outcome',
      query: () => `outcome=denied&actor=${systemAdmin.user.username}`,
      expected: () => ['audit.read'],
    },
    {
      filter: 'entity',
      query: () => `entityType=user&entityId=${created.user.id}`,
      expected: () => ['user.create'],
    },
  ])('filters by $filter', async ({ query, expected }) => {
    const events = await list(query());
    expect(events.map((e) => e.action).sort()).toEqual(expected());
  });

  it('filters by time range', async () => {
    const inside = await list(`from=${encodeURIComponent(before)}&to=${encodeURIComponent(after)}`);
    expect(inside.map((e) => e.action)).toContain('user.create');
    for (const e of inside) {
      expect(e.occurredAt >= before && e.occurredAt <= after).toBe(true);
    }
    expect(
      await list(`to=${encodeURIComponent(before)}&action=user.create&entityId=${created.user.id}`),
    ).toEqual([]);
  });

  it('shows failed logins and the lockout, newest first, with the address', async () => {
    const events = await list(
      `entityType=user&entityId=${lockedOut.user.id}&from=${encodeURIComponent(before)}`,
    );
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ['auth.lockout', 'success'],
      ...Array.from({ length: 5 }, () => ['auth.login', 'failed']),
    ]);
    expect(events.every((e) => (e as Event & { ip: string }).ip === '203.0.113.9')).toBe(true);
    expect(events[1]?.detail).toMatchObject({ reason: 'wrong_password', failures: 5 });
    expect(JSON.stringify(events)).not.toContain('Wrong-Pass-1');
  });

  it('pages the trail', async () => {
    const res = await auditor.get(
      `/api/v1/audit-events?entityId=${lockedOut.user.id}&from=${encodeURIComponent(before)}&pageSize=2&page=2`,
    );
    expect(res.json()).toMatchObject({ total: 6, page: 2, pageSize: 2 });
    expect(res.json().items).toHaveLength(2);
  });
});

describe('exporting the audit trail', () => {
  async function workbook(res: LightMyRequestResponse) {
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="audit-\d{4}-\d{2}-\d{2}\.xlsx"/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    return rows;
  }

  it('exports the filtered trail as xlsx with Chinese headers and the failed logins', async () => {
    const rows = await workbook(
      await auditor.get(
        `/api/v1/audit-events/export?action=auth.login&outcome=failed&entityId=${lockedOut.user.id}`,
      ),
    );
    expect(rows[0]).toEqual([
      '时间',
      '操作人',
      '角色',
      '操作',
      '对象类型',
      '对象ID',
      '结果',
      'IP',
      '客户端',
      '变更',
      '详情',
    ]);
    const body = rows.slice(1);
    expect(body).toHaveLength(5);
    for (const row of body) {
      expect(row.slice(1, 8)).toEqual([
        lockedOut.user.username,
        '',
        'auth.login',
        'user',
        lockedOut.user.id,
        'failed',
        '203.0.113.9',
      ]);
      expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
  });

  it('uses English headers for an English reader, and audits the export', async () => {
    auditor.locale = 'en';
    try {
      const res = await auditor.get(`/api/v1/audit-events/export?entityId=${created.user.id}`);
      const rows = await workbook(res);
      expect(rows[0]?.slice(0, 3)).toEqual(['Time', 'Actor', 'Roles']);
      const exports = await list(`action=audit.export&outcome=success`);
      expect(exports.length).toBeGreaterThanOrEqual(1);
    } finally {
      auditor.locale = 'zh-CN';
    }
  });
});

describe('the audit table is append-only at the database level', () => {
  async function newestId(): Promise<number> {
    const [row] = await t.database.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    if (!row) throw new Error('no events');
    return row.id;
  }

  it.each([
    {
      statement: 'update',
      run: (id: number) => sql`update audit_events set action = 'tampered' where id = ${id}`,
    },
    {
      statement: 'delete of a recent event',
      run: (id: number) => sql`delete from audit_events where id = ${id}`,
    },
    { statement: 'delete of everything', run: () => sql`delete from audit_events` },
    { statement: 'truncate', run: () => sql`truncate audit_events` },
  ])('refuses $statement', async ({ run }) => {
    const id = await newestId();
    const [{ n: countBefore } = { n: 0 }] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents);
    await expect(t.database.db.execute(run(id))).rejects.toThrow();
    const [{ n: countAfter } = { n: 0 }] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents);
    expect(countAfter).toBe(countBefore);
    const [row] = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(sql`${auditEvents.id} = ${id}`);
    expect(row?.action).not.toBe('tampered');
  });

  it('lets events older than the 180-day retention be deleted', async () => {
    const [old] = await t.database.db
      .insert(auditEvents)
      .values({ action: 'test.old', outcome: 'success', occurredAt: new Date(Date.now() - 200 * 86_400_000) })
      .returning({ id: auditEvents.id });
    await t.database.db.execute(sql`delete from audit_events where id = ${old?.id}`);
    const rows = await t.database.db.select().from(auditEvents).where(sql`${auditEvents.id} = ${old?.id}`);
    expect(rows).toEqual([]);
  });
});
