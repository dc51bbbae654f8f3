import type { Role } from '@ganxun/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRegion, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Annual plans: drafted by the organiser's training officer (or an org admin), submitted, returned
 * with a comment or approved by an org admin who did not submit it, reopened; approved items are
 * scheduled as draft classes, never more than planned.
 */

let t: TestContext;
let school: { id: string; name: string };
let officer: Client;
let officerId: string;
let hubeiAdmin: Client;
let hubeiAdminId: string;
let enshiAdmin: Client;

async function as(role: Role, scopeId: string | null = null): Promise<Client> {
  return signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));
}

const item = (overrides: Record<string, unknown> = {}) => ({
  name: '领导干部专题研修班',
  kind: 'leadership',
  windowStart: '2030-07',
  windowEnd: '2030-10',
  size: 50,
  count: 2,
  targetAudience: '县处级领导干部',
  ...overrides,
});

async function newPlan(client = officer, title = '2030年度干部教育培训计划') {
  const res = await client.post('/api/v1/plans', { organiserId: school.id, year: 2030, title });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const act = (client: Client, id: string, action: string, comment?: string) =>
  client.post(`/api/v1/plans/${id}/actions`, comment === undefined ? { action } : { action, comment });

beforeAll(async () => {
  t = await createTestContext();
  await ensureRegion(t.database, '330100', '杭州市');
  school = await makeUnit(t.database, { name: '恩施州委党校', type: 'party_school', regionCode: '422801' });
  const o = await makeUser(t.services, t.database, {
    displayName: '教务处李老师',
    roles: [{ role: 'training_officer', scopeId: school.id }],
  });
  officerId = o.user.id;
  officer = await signIn(t, o);
  const h = await makeUser(t.services, t.database, {
    displayName: '省委组织部张处长',
    roles: [{ role: 'org_admin', scopeId: '420000' }],
  });
  hubeiAdminId = h.user.id;
  hubeiAdmin = await signIn(t, h);
  enshiAdmin = await as('org_admin', '422800');
});
afterAll(async () => t.close());

describe('a plan from draft to scheduled classes', () => {
  it('goes through submission, return with a comment, approval, scheduling and reopening', async () => {
    const created = await newPlan();
    expect(created).toMatchObject({
      organiser: { id: school.id, name: '恩施州委党校' },
      status: 'draft',
      itemCount: 0,
      actions: ['submit'],
      canEdit: true,
      items: [],
      events: [expect.objectContaining({ action: 'created', toStatus: 'draft', actorName: '教务处李老师' })],
    });
    const id = created.id;

    // Nothing to submit yet.
    const empty = await act(officer, id, 'submit');
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.fields[0]).toMatchObject({ path: 'items', code: 'plan_no_items' });

    const added = await officer.post(`/api/v1/plans/${id}/items`, item());
    expect(added.statusCode, added.body).toBe(201);
    expect(await auditOf(t, added)).toEqual([
      expect.objectContaining({ action: 'plan.item.create', entityId: id }),
    ]);
    const second = (
      await officer.post(
        `/api/v1/plans/${id}/items`,
        item({
          name: '医疗卫生专业技术人才培训班',
          kind: 'professional',
          size: 30,
          count: 1,
          startDate: '2030-09-01',
          endDate: '2030-09-03',
        }),
      )
    ).json();
    expect(second).toMatchObject({ itemCount: 2, plannedClasses: 3, plannedTrainees: 130 });
    expect(second.items.map((i: { name: string; kindName: string }) => [i.name, i.kindName])).toEqual([
      ['领导干部专题研修班', '领导干部研修班'],
      ['医疗卫生专业技术人才培训班', '专业技术人才培训班'],
    ]);
    const [first, other] = second.items;

    expect((await act(officer, id, 'submit')).json()).toMatchObject({
      status: 'submitted',
      canEdit: false,
      actions: [],
    });
    const locked = await officer.patch(`/api/v1/plans/${id}/items/${first.id}`, { size: 60 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.fields[0]).toMatchObject({ path: 'status', code: 'plan_not_editable' });

    // The officer cannot decide (no plan.approve): 403, audited.
    const selfDecide = await act(officer, id, 'approve');
    expect(selfDecide.statusCode).toBe(403);
    expect(await auditOf(t, selfDecide)).toEqual([
      expect.objectContaining({ action: 'plan.approve', outcome: 'denied', entityId: id }),
    ]);

    // A return needs a comment.
    const bare = await act(hubeiAdmin, id, 'return');
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields[0]).toMatchObject({ path: 'comment', code: 'comment_required' });
    expect((await hubeiAdmin.get(`/api/v1/plans/${id}`)).json().actions).toEqual(['approve', 'return']);
    const returned = await act(hubeiAdmin, id, 'return', '请补充专技人才培训');
    expect(returned.json()).toMatchObject({ status: 'returned' });
    expect(await auditOf(t, returned)).toEqual([
      expect.objectContaining({ action: 'plan.return', changes: { status: ['submitted', 'returned'] } }),
    ]);

    // Returned: editable again.
    const edited = await officer.patch(`/api/v1/plans/${id}/items/${first.id}`, { size: 60 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().plannedTrainees).toBe(150);
    expect((await officer.patch(`/api/v1/plans/${id}`, { note: '已补充' })).json().note).toBe('已补充');
    await act(officer, id, 'submit');

    // Scheduling waits for approval.
    const early = await officer.post(`/api/v1/plans/${id}/items/${first.id}/schedule`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.fields[0]).toMatchObject({ path: 'status', code: 'plan_not_approved' });

    const approved = await act(hubeiAdmin, id, 'approve', '同意');
    expect(approved.json()).toMatchObject({ status: 'approved', actions: ['reopen'] });

    // Scheduling: a draft class per planned class of the item, then no more.
    const s1 = await officer.post(`/api/v1/plans/${id}/items/${first.id}/schedule`, {
      startDate: '2030-07-06',
      endDate: '2030-07-10',
    });
    expect(s1.statusCode, s1.body).toBe(201);
    expect(s1.json()).toMatchObject({
      name: '领导干部专题研修班',
      kind: 'leadership',
      status: 'draft',
      capacity: 60,
      targetAudience: '县处级领导干部',
      leadOrganiser: { id: school.id },
      planItemId: first.id,
      startDate: '2030-07-06',
      plannedHours: 40,
    });
    expect(s1.json().code).toMatch(/^2030-\d{3}$/);
    const s2 = await officer.post(`/api/v1/plans/${id}/items/${first.id}/schedule`, {
      name: '领导干部专题研修班（二期）',
    });
    expect(s2.json()).toMatchObject({ name: '领导干部专题研修班（二期）', startDate: null });
    const s3 = await officer.post(`/api/v1/plans/${id}/items/${first.id}/schedule`, {});
    expect(s3.statusCode).toBe(409);
    expect(s3.json().error.fields[0]).toMatchObject({ path: 'itemId', code: 'plan_item_fully_scheduled' });
    expect(s3.json().error.fields[0].message).toContain('2');
    // Dates come from the item when it has them.
    const s4 = await officer.post(`/api/v1/plans/${id}/items/${other.id}/schedule`, {});
    expect(s4.json()).toMatchObject({ startDate: '2030-09-01', endDate: '2030-09-03', kind: 'professional' });
    // A cancelled class gives its place back.
    await officer.post(`/api/v1/classes/${s2.json().id}/transitions`, {
      action: 'cancel',
      reason: '合并到一期',
    });
    expect((await officer.post(`/api/v1/plans/${id}/items/${first.id}/schedule`, {})).statusCode).toBe(201);

    const detail = (await officer.get(`/api/v1/plans/${id}`)).json();
    expect(detail.scheduledClasses).toBe(3);
    expect(detail.items[0].classes).toHaveLength(3);

    // Reopened: editable again, but an item with classes stays.
    expect((await act(hubeiAdmin, id, 'reopen')).json()).toMatchObject({ status: 'draft', canEdit: true });
    const del = await officer.delete(`/api/v1/plans/${id}/items/${first.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.fields[0]).toMatchObject({ code: 'plan_item_has_classes' });

    const events = (await officer.get(`/api/v1/plans/${id}`)).json().events;
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'submit',
      'return',
      'submit',
      'approve',
      'reopen',
    ]);
    expect(events[2]).toMatchObject({
      fromStatus: 'submitted',
      toStatus: 'returned',
      comment: '请补充专技人才培训',
      actorName: '省委组织部张处长',
    });
  });

  it('refuses an approver deciding on their own submission (403 with a reason, audited)', async () => {
    const plan = await newPlan(hubeiAdmin, '省委组织部自拟计划');
    await hubeiAdmin.post(`/api/v1/plans/${plan.id}/items`, item());
    await act(hubeiAdmin, plan.id, 'submit');
    expect((await hubeiAdmin.get(`/api/v1/plans/${plan.id}`)).json().actions).toEqual([]);
    for (const action of ['approve', 'return']) {
      hubeiAdmin.locale = 'en';
      const res = await act(hubeiAdmin, plan.id, action, '自己批');
      hubeiAdmin.locale = 'zh-CN';
      expect(res.statusCode).toBe(403);
      expect(res.json().error.fields).toEqual([
        expect.objectContaining({
          path: 'action',
          code: 'plan_self_approval',
          message: expect.stringContaining('yourself'),
        }),
      ]);
      expect(await auditOf(t, res)).toEqual([
        expect.objectContaining({
          action: `plan.${action}`,
          outcome: 'denied',
          entityId: plan.id,
          actorId: hubeiAdminId,
        }),
      ]);
    }
    const other = await act(enshiAdmin, plan.id, 'approve');
    expect(other.statusCode).toBe(200);
    expect(other.json().status).toBe('approved');
  });

  it('refuses out-of-order actions (409)', async () => {
    const plan = await newPlan();
    for (const action of ['approve', 'return', 'reopen']) {
      const res = await act(hubeiAdmin, plan.id, action, '意见');
      expect(res.statusCode).toBe(409);
      expect(res.json().error.fields[0]).toMatchObject({ path: 'action', code: 'transition_not_allowed' });
    }
  });
});

describe('plan input', () => {
  it.each([
    ['an unknown kind', item({ kind: 'nope' }), 'kind', 'unknown_code'],
    ['a month out of range', item({ windowStart: '2030-13' }), 'windowStart', 'month_format'],
    [
      'a window ending before it starts',
      item({ windowStart: '2030-10', windowEnd: '2030-07' }),
      'windowEnd',
      'end_before_start',
    ],
    [
      'dates ending before they start',
      item({ startDate: '2030-09-03', endDate: '2030-09-01' }),
      'endDate',
      'end_before_start',
    ],
    ['a size of 0', item({ size: 0 }), 'size', undefined],
    ['too many classes', item({ count: 101 }), 'count', undefined],
    ['an unknown field', { ...item(), colour: 'red' }, '', undefined],
  ])('refuses an item with %s (400, field message)', async (_label, input, path, code) => {
    const plan = await newPlan();
    const res = await officer.post(`/api/v1/plans/${plan.id}/items`, input);
    expect(res.statusCode).toBe(400);
    const field = res.json().error.fields.find((f: { path: string }) => path === '' || f.path === path);
    expect(field).toBeDefined();
    if (code) expect(field.code).toBe(code);
    expect(field.message).toBeTruthy();
  });

  it('checks an item change against the stored window', async () => {
    const plan = await newPlan();
    const [it0] = (await officer.post(`/api/v1/plans/${plan.id}/items`, item())).json().items;
    const res = await officer.patch(`/api/v1/plans/${plan.id}/items/${it0.id}`, { windowEnd: '2030-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'windowEnd', code: 'end_before_start' });
    expect(
      (await officer.patch(`/api/v1/plans/${plan.id}/items/${crypto.randomUUID()}`, { size: 3 })).statusCode,
    ).toBe(404);
    const del = await officer.delete(`/api/v1/plans/${plan.id}/items/${it0.id}`);
    expect(del.statusCode).toBe(200);
    expect(del.json().items).toEqual([]);
  });

  it.each([
    [
      'an organiser that does not exist',
      () => ({ organiserId: crypto.randomUUID(), year: 2030, title: '计划' }),
      'organiserId',
    ],
    ['a year out of range', () => ({ organiserId: school.id, year: 1999, title: '计划' }), 'year'],
    ['no title', () => ({ organiserId: school.id, year: 2030, title: '' }), 'title'],
  ])('refuses a plan with %s (400)', async (_label, input, path) => {
    const res = await officer.post('/api/v1/plans', input());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
  });
});

describe('plan scope', () => {
  it('shows plans to the organiser’s officers and org admins only; others get 403 (audited)', async () => {
    const plan = await newPlan(officer, '范围测试计划');
    const hangzhouAdmin = await as('org_admin', '330100');
    const otherOfficer = await as(
      'training_officer',
      (await makeUnit(t.database, { regionCode: '422801' })).id,
    );
    const liaison = await as('unit_liaison', school.id);
    for (const reader of [officer, hubeiAdmin, enshiAdmin]) {
      expect((await reader.get(`/api/v1/plans/${plan.id}`)).statusCode).toBe(200);
      const list = (await reader.get('/api/v1/plans?year=2030&pageSize=200')).json();
      expect(list.items.map((p: { id: string }) => p.id)).toContain(plan.id);
    }
    for (const reader of [hangzhouAdmin, otherOfficer]) {
      const res = await reader.get(`/api/v1/plans/${plan.id}`);
      expect(res.statusCode).toBe(403);
      expect(await auditOf(t, res)).toEqual([
        expect.objectContaining({ action: 'plan.read', outcome: 'denied', entityId: plan.id }),
      ]);
      expect((await reader.get('/api/v1/plans')).json().items).toEqual([]);
      expect((await reader.post(`/api/v1/plans/${plan.id}/items`, item())).statusCode).toBe(403);
    }
    expect((await liaison.get('/api/v1/plans')).statusCode).toBe(403);
    const create = await hangzhouAdmin.post('/api/v1/plans', {
      organiserId: school.id,
      year: 2030,
      title: '越权',
    });
    expect(create.statusCode).toBe(403);
    expect(await auditOf(t, create)).toEqual([
      expect.objectContaining({ action: 'plan.create', outcome: 'denied', entityId: school.id }),
    ]);
    // Filters.
    const filtered = (
      await hubeiAdmin.get(`/api/v1/plans?organiserId=${school.id}&status=draft&sort=-createdAt`)
    ).json();
    expect(filtered.items[0].id).toBe(plan.id);
    expect((await hubeiAdmin.get('/api/v1/plans?sort=colour')).statusCode).toBe(400);
    expect(officerId).toBeTruthy();
  });
});
