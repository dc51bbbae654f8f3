import type { ExportView, ReportView, Role } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollments, jobs, users } from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Background exports (issue 8): queued as the requesting user, produced by the job worker (run by
 * hand here: tests start no worker), listed and downloaded by their owner only.
 * Data: two 2021 classes of Enshi with 3 and 2 trainees (one person in both) → 2 classes, 4 people,
 * 5 person-times for an org admin of Enshi.
 */

let t: TestContext;
let admin: Client;
let other: Client;

const PERIOD = { from: '2021-01-01', to: '2021-12-31' };
const DEFINITION = { ...PERIOD, dimensions: 'classKind', measures: 'classes,people,personTimes' };

async function as(role: Role, scopeId: string | null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { client: await signIn(t, user), id: user.user.id };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => f.path);

const drain = async () => {
  while (await t.services.jobs.runOnce()) {}
};

const workbookOf = async (res: LightMyRequestResponse) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
};

beforeAll(async () => {
  t = await createTestContext();
  const org = await makeUnit(t.database, { regionCode: '422801' });
  const unit = await makeUnit(t.database, { regionCode: '422801' });
  const people = await Promise.all([1, 2, 3, 4].map(() => makePerson(t.services, t.database, unit.id)));
  const a = await makeClass(t.database, {
    leadOrganiserId: org.id,
    kind: 'seminar',
    startDate: '2021-03-10',
    endDate: '2021-03-12',
    status: 'completed',
  });
  const b = await makeClass(t.database, {
    leadOrganiserId: org.id,
    kind: 'special',
    startDate: '2021-05-10',
    endDate: '2021-05-12',
    status: 'completed',
  });
  const [p1, p2, p3, p4] = people.map((p) => p.id) as [string, string, string, string];
  await t.database.db.insert(enrollments).values([
    { classId: a.id, personId: p1 },
    { classId: a.id, personId: p2 },
    { classId: a.id, personId: p3 },
    { classId: b.id, personId: p1 },
    { classId: b.id, personId: p4 },
  ]);
  const me = await as('org_admin', '422800');
  admin = me.client;
  other = (await as('org_admin', '422800')).client;
});

afterAll(async () => {
  await t?.close();
});

describe('background exports', () => {
  let reportExport: ExportView;

  it('queues a report export (202, audited) and refuses its file until it is done', async () => {
    const res = await admin.post('/api/v1/exports', { kind: 'report', params: DEFINITION });
    expect(res.statusCode, res.body).toBe(202);
    reportExport = res.json();
    expect(reportExport).toMatchObject({ kind: 'report', status: 'queued', progress: 0, fileName: null });
    expect(reportExport.params).toMatchObject({ measures: 'classes,people,personTimes' });
    const audit = await auditOf(t, res);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([['export.create', reportExport.id]]);

    const early = await admin.get(`/api/v1/exports/${reportExport.id}/file`);
    expect(early.statusCode).toBe(409);
    expect(fields(early)).toEqual(['status']);
  });

  it('the worker produces the xlsx, which holds the same totals as the report', async () => {
    await drain();
    const view = await admin.get(`/api/v1/exports/${reportExport.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ status: 'done', progress: 100, error: null });
    expect(view.json().fileName).toMatch(/\.xlsx$/);
    expect(view.json().size).toBeGreaterThan(0);

    const q = new URLSearchParams(DEFINITION).toString();
    const report = (await admin.get(`/api/v1/stats/report?${q}`)).json() as ReportView;
    expect(report.totals).toEqual({ classes: 2, people: 4, personTimes: 5 });

    const file = await admin.get(`/api/v1/exports/${reportExport.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(String(file.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const rows = await workbookOf(file);
    const totals = rows.find((r) => r[0] === '合计');
    expect(totals?.slice(1)).toEqual([
      report.totals.classes,
      report.totals.people,
      report.totals.personTimes,
    ]);
    const audit = await auditOf(t, file);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([['export.download', reportExport.id]]);
  });

  it('lists my exports newest first; another user sees none of them', async () => {
    const second = (await admin.post('/api/v1/exports', { kind: 'report', params: DEFINITION })).json();
    const mine = (await admin.get('/api/v1/exports')).json().items as ExportView[];
    expect(mine.map((e) => e.id)).toEqual([second.id, reportExport.id]);
    expect((await other.get('/api/v1/exports')).json().items).toEqual([]);
    for (const url of [`/api/v1/exports/${reportExport.id}`, `/api/v1/exports/${reportExport.id}/file`])
      expect((await other.get(url)).statusCode).toBe(404);
    expect((await other.delete(`/api/v1/exports/${reportExport.id}`)).statusCode).toBe(404);
    await drain();
  });

  it('exports every record behind a figure, page after page', async () => {
    const res = await admin.post('/api/v1/exports', {
      kind: 'records',
      params: { ...PERIOD, measure: 'personTimes' },
    });
    expect(res.statusCode, res.body).toBe(202);
    await drain();
    const view = (await admin.get(`/api/v1/exports/${res.json().id}`)).json() as ExportView;
    expect(view.status, view.error ?? '').toBe('done');
    const rows = await workbookOf(await admin.get(`/api/v1/exports/${view.id}/file`));
    // Title, subtitle, header, then one row per enrolment.
    expect(rows.slice(3)).toHaveLength(5);
  });

  it("produces the annual training report's workbook and the annual summary as a Word file", async () => {
    const training = await admin.post('/api/v1/exports', { kind: 'annual_training', params: { year: 2021 } });
    expect(training.statusCode, training.body).toBe(202);
    const summary = await admin.post('/api/v1/exports', {
      kind: 'annual_summary',
      params: { year: 2021, format: 'docx' },
    });
    expect(summary.statusCode, summary.body).toBe(202);
    await drain();
    const book = await admin.get(`/api/v1/exports/${(training.json() as ExportView).id}/file`);
    expect(book.statusCode, book.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(book.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toContain('班次明细');
    const docx = await admin.get(`/api/v1/exports/${(summary.json() as ExportView).id}/file`);
    expect(docx.statusCode, docx.body).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    // A zip (PK), as every .docx is.
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a bad definition with field paths inside params', async () => {
    const bad = await admin.post('/api/v1/exports', {
      kind: 'report',
      params: { ...DEFINITION, to: '2020-12-31' },
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['params.to']);
    const measure = await admin.post('/api/v1/exports', {
      kind: 'records',
      params: { ...PERIOD, measure: 'bogus' },
    });
    expect(measure.statusCode).toBe(400);
    expect(fields(measure)).toEqual(['params.measure']);
    const format = await admin.post('/api/v1/exports', {
      kind: 'annual_summary',
      params: { year: 2021, format: 'json' },
    });
    expect(format.statusCode).toBe(400);
    expect(fields(format)).toEqual(['params.format']);
    const kind = await admin.post('/api/v1/exports', { kind: 'everything', params: {} });
    expect(kind.statusCode).toBe(400);
    expect(fields(kind)).toEqual(['kind']);
  });

  it('is refused to a trainee (403)', async () => {
    const trainee = (await as('trainee', null)).client;
    expect((await trainee.post('/api/v1/exports', { kind: 'report', params: DEFINITION })).statusCode).toBe(
      403,
    );
    expect((await trainee.get('/api/v1/exports')).statusCode).toBe(403);
  });

  it('fails, without retrying, when its owner was disabled before it ran', async () => {
    const leaver = await as('org_admin', '422800');
    const res = await leaver.client.post('/api/v1/exports', { kind: 'report', params: DEFINITION });
    expect(res.statusCode).toBe(202);
    await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, leaver.id));
    await drain();
    const [row] = await t.database.db.select().from(jobs).where(eq(jobs.id, res.json().id));
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: 'export_user_disabled' });
    const { presentExport } = await import('../src/modules/exports/presenter.js');
    expect(
      presentExport({ ...(row as NonNullable<typeof row>), fileName: null, size: null }, 'zh-CN').error,
    ).toBe('账号已停用，导出未生成');
  });

  it('deletes an export with its file', async () => {
    const res = await admin.delete(`/api/v1/exports/${reportExport.id}`);
    expect(res.statusCode).toBe(204);
    expect((await admin.get(`/api/v1/exports/${reportExport.id}`)).statusCode).toBe(404);
  });
});
