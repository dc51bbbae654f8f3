import type { ReportView, Role, SavedReportView } from '@ganxun/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol } from './session-factories.js';

/**
 * Saved report definitions (issue 8): the owner's own and shared ones, a relative period resolved
 * against today (China day, from the service's clock), each reader running with their own scope.
 *
 * Data: in Enshi, a 2025 class with three trainees and a 2024 class with one. "Today" is
 * 2025-06-15, so "this year" is 2025.
 */

let t: TestContext;
let enshiAdmin: Client;
let hubeiAdmin: Client;
let wuhanAdmin: Client;
let trainee: Client;

async function as(role: Role, scopeId: string | null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return signIn(t, user);
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

const base = { dimensions: ['year'], measures: ['classes', 'personTimes'] };

async function save(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/stats/saved-reports', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as SavedReportView;
}

beforeAll(async () => {
  t = await createTestContext();
  t.services.savedReports.clock = () => new Date('2025-06-15T09:00:00+08:00');
  const unit = await makeUnit(t.database, { regionCode: '422801' });
  const organiser = await makeUnit(t.database, { regionCode: '422801', type: 'party_school' });
  const current = await makeClass(t.database, {
    leadOrganiserId: organiser.id,
    startDate: '2025-03-10',
    endDate: '2025-03-12',
    status: 'completed',
  });
  const earlier = await makeClass(t.database, {
    leadOrganiserId: organiser.id,
    startDate: '2024-05-10',
    endDate: '2024-05-12',
    status: 'completed',
  });
  for (let i = 0; i < 3; i += 1) await enrol(t.services, t.database, current.id, unit.id);
  await enrol(t.services, t.database, earlier.id, unit.id);
  enshiAdmin = await as('org_admin', '422800');
  hubeiAdmin = await as('org_admin', '420000');
  wuhanAdmin = await as('org_admin', '420100');
  trainee = await as('trainee', null);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('saved reports', () => {
  it('creates a report, audited, keeping a relative period without dates', async () => {
    const res = await enshiAdmin.post('/api/v1/stats/saved-reports', {
      name: '本年度培训',
      definition: { ...base, from: '2020-01-01', to: '2020-12-31', classKind: 'seminar' },
      period: 'this_year',
      chart: 'bar',
      shared: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json() as SavedReportView;
    expect(view).toMatchObject({
      name: '本年度培训',
      period: 'this_year',
      chart: 'bar',
      shared: true,
      mine: true,
    });
    expect(view.definition).toEqual({ ...base, classKind: 'seminar' });
    const audit = await auditOf(t, res);
    expect(audit.map((a) => a.action)).toContain('saved_report.create');
  });

  it('lists own and shared reports to each stats reader, never another one’s private report', async () => {
    await save(enshiAdmin, { name: '私有报表', definition: base });
    const mine = (await enshiAdmin.get('/api/v1/stats/saved-reports')).json().items as SavedReportView[];
    expect(mine.map((r) => [r.name, r.mine])).toEqual(
      expect.arrayContaining([
        ['本年度培训', true],
        ['私有报表', true],
      ]),
    );
    const res = await hubeiAdmin.get('/api/v1/stats/saved-reports');
    expect(res.statusCode).toBe(200);
    const theirs = res.json().items as SavedReportView[];
    expect(theirs.map((r) => [r.name, r.mine])).toEqual([['本年度培训', false]]);
    const hidden = mine.find((r) => r.name === '私有报表');
    expect((await hubeiAdmin.get(`/api/v1/stats/saved-reports/${hidden?.id}`)).statusCode).toBe(404);
    expect((await trainee.get('/api/v1/stats/saved-reports')).statusCode).toBe(403);
  });

  it('runs "this year" against today, with each reader’s own scope', async () => {
    const list = (await hubeiAdmin.get('/api/v1/stats/saved-reports')).json().items as SavedReportView[];
    const id = list[0]?.id;
    const res = await enshiAdmin.get(`/api/v1/stats/saved-reports/${id}/run`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as ReportView;
    expect([report.from, report.to]).toEqual(['2025-01-01', '2025-12-31']);
    expect(report.rows.map((r) => [r.keys[0]?.value, r.values.classes, r.values.personTimes])).toEqual([
      [2025, 1, 3],
    ]);
    // The same figures as the report builder over the same period.
    const direct = await enshiAdmin.get(
      '/api/v1/stats/report?dimensions=year&measures=classes,personTimes&from=2025-01-01&to=2025-12-31&classKind=seminar',
    );
    expect(direct.statusCode, direct.body).toBe(200);
    expect(direct.json().totals).toEqual(report.totals);
    // A reader elsewhere runs the shared report over their own scope: nothing of Enshi's.
    const other = (await wuhanAdmin.get(`/api/v1/stats/saved-reports/${id}/run`)).json() as ReportView;
    expect(other.totals.personTimes ?? 0).toBe(0);
  });

  it('refuses another reader’s rename (403, audited) and lets the owner rename and delete', async () => {
    const list = (await hubeiAdmin.get('/api/v1/stats/saved-reports')).json().items as SavedReportView[];
    const id = list[0]?.id;
    const denied = await hubeiAdmin.patch(`/api/v1/stats/saved-reports/${id}`, { name: '改名' });
    expect(denied.statusCode).toBe(403);
    const audit = await auditOf(t, denied);
    expect(audit.map((a) => [a.outcome, a.entityType])).toContainEqual(['denied', 'saved_report']);
    expect((await hubeiAdmin.delete(`/api/v1/stats/saved-reports/${id}`)).statusCode).toBe(403);

    const renamed = await enshiAdmin.patch(`/api/v1/stats/saved-reports/${id}`, { name: '年度培训（改）' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '年度培训（改）', period: 'this_year', shared: true });

    const temp = await save(enshiAdmin, {
      name: '临时',
      definition: { ...base, from: '2024-01-01', to: '2024-12-31' },
    });
    expect(temp.definition).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
    const removed = await enshiAdmin.delete(`/api/v1/stats/saved-reports/${temp.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await enshiAdmin.get(`/api/v1/stats/saved-reports/${temp.id}`)).statusCode).toBe(404);
    expect(
      (await enshiAdmin.get('/api/v1/stats/saved-reports/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });

  it.each([
    ['an unknown dimension', { dimensions: ['colour'], measures: ['people'] }, 'definition.dimensions.0'],
    [
      'satisfaction by region',
      { dimensions: ['region'], measures: ['satisfaction'] },
      'definition.dimensions.0',
    ],
    ['no measure', { dimensions: ['year'], measures: [] }, 'definition.measures'],
    ['dates reversed', { ...base, from: '2025-05-01', to: '2025-01-01' }, 'definition.to'],
  ])('refuses a bad definition (%s) with 400 on its field', async (_label, definition, path) => {
    const res = await enshiAdmin.post('/api/v1/stats/saved-reports', { name: `坏报表${path}`, definition });
    expect(res.statusCode, res.body).toBe(400);
    expect(fields(res).map((f: string[]) => f[0])).toContain(path);
  });

  it('refuses a second report of the same name by one owner (409 on name), not by another owner', async () => {
    await save(enshiAdmin, { name: '重名', definition: base, period: 'last_year' });
    const res = await enshiAdmin.post('/api/v1/stats/saved-reports', { name: '重名', definition: base });
    expect(res.statusCode).toBe(409);
    expect(fields(res)).toEqual([['name', 'saved_report_name_taken']]);
    await save(hubeiAdmin, { name: '重名', definition: base });
    const own = (await enshiAdmin.get('/api/v1/stats/saved-reports')).json().items as SavedReportView[];
    const other = own.find((r) => r.name === '私有报表');
    const clash = await enshiAdmin.patch(`/api/v1/stats/saved-reports/${other?.id}`, { name: '重名' });
    expect(clash.statusCode).toBe(409);
  });
});
