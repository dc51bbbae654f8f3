import type { ClassNoticeView, InboxPage, NoticeReceiptsView } from '@ganxun/domain';
import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeRecipients, notificationPreferences, users } from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol } from './session-factories.js';

/**
 * Notices (issue 9 item 5, inbox and board): a class notice reaches its trainees' inboxes in their
 * language and no one else's, read receipts, the unread count, one's own rows only, bad input,
 * who may post, preferences encrypted and masked, and `notify` for 1,000 users in one call.
 */

let t: TestContext;
let unitId: string;
let director: Client;
let directorId: string;

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => `${f.path}:${f.code}`);

async function trainee(classId: string, locale: 'zh-CN' | 'zh-TW' | 'en' = 'zh-CN') {
  const user = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
  await t.database.db.update(users).set({ locale }).where(eq(users.id, user.user.id));
  await enrol(t.services, t.database, classId, unitId, { userId: user.user.id });
  const client = await signIn(t, user);
  client.locale = locale;
  return { id: user.user.id, client };
}

const NOTICE = {
  title: '开班通知',
  body: '请于3月10日8:30前报到。',
  audience: 'trainees',
  texts: { en: { title: 'Opening notice', body: 'Please register by 8:30 on 10 March.' } },
};

beforeAll(async () => {
  t = await createTestContext();
  unitId = (await makeUnit(t.database)).id;
  const user = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
  directorId = user.user.id;
  director = await signIn(t, user);
});
afterAll(() => t?.close());

describe('class notices and the inbox', () => {
  it('reaches each trainee in their language, counts receipts, and no one outside', async () => {
    const klass = await makeClass(t.database, { directorId });
    const zh = await trainee(klass.id, 'zh-CN');
    const en = await trainee(klass.id, 'en');
    await enrol(t.services, t.database, klass.id, unitId); // no account: not a recipient
    const other = await makeClass(t.database, { directorId });
    const outsider = await trainee(other.id);

    const res = await director.post(`/api/v1/classes/${klass.id}/notices`, { ...NOTICE, pinned: true });
    expect(res.statusCode).toBe(201);
    const notice = res.json<ClassNoticeView>();
    expect(notice).toMatchObject({ recipients: 2, read: 0, pinned: true, audience: 'trainees' });
    expect((await auditOf(t, res)).map((a) => a.action)).toContain('notice.create');

    const zhInbox = (await zh.client.get('/api/v1/inbox')).json<InboxPage>();
    expect(zhInbox.unread).toBe(1);
    expect(zhInbox.items[0]).toMatchObject({ id: notice.id, title: '开班通知', className: klass.name });
    const enInbox = (await en.client.get('/api/v1/inbox')).json<InboxPage>();
    expect(enInbox.items[0]).toMatchObject({ title: 'Opening notice', readAt: null });
    // Without a language in the request, the account's language decides.
    const enByAccount = await en.client.request('GET', '/api/v1/inbox', undefined, { 'accept-language': '' });
    expect(enByAccount.json<InboxPage>().items[0]?.title).toBe('Opening notice');
    expect((await outsider.client.get('/api/v1/inbox')).json<InboxPage>().total).toBe(0);

    // Read in the inbox and on the board: the same receipt.
    expect((await zh.client.get('/api/v1/inbox/unread-count')).json()).toEqual({ unread: 1 });
    const read = await zh.client.post(`/api/v1/inbox/${notice.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().unread).toBe(0);
    expect((await zh.client.get('/api/v1/inbox/unread-count')).json()).toEqual({ unread: 0 });
    expect((await zh.client.get('/api/v1/inbox?unread=true')).json<InboxPage>().total).toBe(0);

    const board = (await director.get(`/api/v1/classes/${klass.id}/notices`)).json();
    expect(board.canSend).toBe(true);
    expect(board.items[0]).toMatchObject({ id: notice.id, recipients: 2, read: 1 });
    const receipts = (
      await director.get(`/api/v1/classes/${klass.id}/notices/${notice.id}/receipts`)
    ).json<NoticeReceiptsView>();
    expect(receipts.read.map((r) => r.userId)).toEqual([zh.id]);
    expect(receipts.unread.map((r) => r.userId)).toEqual([en.id]);

    // The trainee's board: addressed notices only, with their receipt; receipts are for staff.
    const mine = (await en.client.get(`/api/v1/classes/${klass.id}/notices`)).json();
    expect(mine).toMatchObject({
      canSend: false,
      items: [{ id: notice.id, readAt: null, deliveries: null }],
    });
    expect((await en.client.post(`/api/v1/classes/${klass.id}/notices/${notice.id}/read`)).statusCode).toBe(
      200,
    );
    expect(
      (await en.client.get(`/api/v1/classes/${klass.id}/notices/${notice.id}/receipts`)).statusCode,
    ).toBe(403);

    // Someone else's notice is not found; read-all clears the rest.
    expect((await outsider.client.post(`/api/v1/inbox/${notice.id}/read`)).statusCode).toBe(404);
    expect(
      (await outsider.client.post(`/api/v1/classes/${klass.id}/notices/${notice.id}/read`)).statusCode,
    ).toBe(404);
    await t.services.notices.notify(t.database.db, {
      kind: 'timetable_changed',
      classId: klass.id,
      userIds: [zh.id],
      params: { className: klass.name, summary: '3月10日下午课程改至3月11日上午' },
    });
    expect((await zh.client.get('/api/v1/inbox/unread-count')).json()).toEqual({ unread: 1 });
    expect((await zh.client.post('/api/v1/inbox/read-all')).json().unread).toBe(0);
    expect((await zh.client.get('/api/v1/inbox')).json<InboxPage>().items[0]?.title).toBe('课程表调整');
  });

  it('addresses chosen users and staff; refuses bad input with fields', async () => {
    const assistant = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
    const klass = await makeClass(t.database, { directorId, assistantIds: [assistant.user.id] });
    const a = await trainee(klass.id);
    const stranger = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });

    const staff = await director.post(`/api/v1/classes/${klass.id}/notices`, {
      ...NOTICE,
      audience: 'staff',
    });
    expect(staff.json().recipients).toBe(2);
    const users = await director.post(`/api/v1/classes/${klass.id}/notices`, {
      ...NOTICE,
      audience: 'users',
      userIds: [a.id],
    });
    expect(users.json().recipients).toBe(1);
    // Asked by email: one delivery per recipient is logged (skipped without an address).
    const mailed = await director.post(`/api/v1/classes/${klass.id}/notices`, { ...NOTICE, email: true });
    expect(mailed.statusCode).toBe(201);
    const listed = (await director.get(`/api/v1/classes/${klass.id}/notices`)).json();
    const delivered = listed.items.find((n: ClassNoticeView) => n.id === mailed.json().id)?.deliveries;
    expect(Object.keys(delivered ?? {})).toEqual(['email']);
    const options = (await director.get(`/api/v1/classes/${klass.id}/notices/recipients`)).json();
    expect(options.items.map((o: { role: string }) => o.role).sort()).toEqual(['staff', 'staff', 'trainee']);

    const bad = await director.post(`/api/v1/classes/${klass.id}/notices`, {
      ...NOTICE,
      audience: 'users',
      userIds: [a.id, stranger.user.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['userIds.1:recipient_not_in_class']);

    const empty = await makeClass(t.database, { directorId });
    await enrol(t.services, t.database, empty.id, unitId);
    const none = await director.post(`/api/v1/classes/${empty.id}/notices`, NOTICE);
    expect(none.statusCode).toBe(400);
    expect(fields(none)).toEqual(['audience:no_recipients']);

    const blank = await director.post(`/api/v1/classes/${klass.id}/notices`, { ...NOTICE, body: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(fields(blank)[0]).toMatch(/^body:/);

    const cancelled = await makeClass(t.database, { directorId, status: 'cancelled' });
    const refused = await director.post(`/api/v1/classes/${cancelled.id}/notices`, NOTICE);
    expect(refused.statusCode).toBe(409);
    expect(fields(refused)).toEqual(['classId:notice_class_cancelled']);

    expect((await a.client.post(`/api/v1/classes/${klass.id}/notices`, NOTICE)).statusCode).toBe(403);
  });
});

describe('notification preferences', () => {
  it('stores the address encrypted and shows it masked', async () => {
    const user = await makeUser(t.services, t.database);
    const client = await signIn(t, user);
    expect((await client.get('/api/v1/me/notification-preferences')).json()).toEqual({
      email: null,
      emailOn: true,
      smsOn: true,
    });
    const res = await client.put('/api/v1/me/notification-preferences', {
      email: 'zhang.san@example.cn',
      emailOn: true,
      smsOn: false,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ email: 'z***@example.cn', emailOn: true, smsOn: false });
    const [row] = await t.database.db
      .select()
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, user.user.id));
    expect(row?.emailEnc).toBeTruthy();
    expect(row?.emailEnc).not.toContain('zhang.san');
    expect(t.services.notices.deps.cipher.decrypt(row?.emailEnc ?? '')).toBe('zhang.san@example.cn');
    expect(JSON.stringify(await auditOf(t, res))).not.toContain('zhang.san');

    // Left out, the address stays; null removes it; a bad one is refused.
    const kept = await client.put('/api/v1/me/notification-preferences', { emailOn: false, smsOn: false });
    expect(kept.json()).toEqual({ email: 'z***@example.cn', emailOn: false, smsOn: false });
    const bad = await client.put('/api/v1/me/notification-preferences', {
      email: 'not-an-address',
      emailOn: true,
      smsOn: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)[0]).toMatch(/^email:/);
    const removed = await client.put('/api/v1/me/notification-preferences', {
      email: null,
      emailOn: true,
      smsOn: true,
    });
    expect(removed.json().email).toBeNull();
  });
});

describe('notify', () => {
  it('writes 1,000 inbox rows in one call', async () => {
    const ids: string[] = [];
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      username: `bulk${i}${Math.random().toString(36).slice(2, 6)}`,
      displayName: `学员${i}`,
      passwordHash: 'x',
    }));
    for (let i = 0; i < rows.length; i += 250) {
      const inserted = await t.database.db
        .insert(users)
        .values(rows.slice(i, i + 250))
        .returning({ id: users.id });
      ids.push(...inserted.map((r) => r.id));
    }
    const noticeId = await t.services.notices.notify(t.database.db, {
      kind: 'forms_to_fill',
      classId: null,
      userIds: ids,
      params: { className: '乡村振兴专题班', count: 2 },
    });
    expect(noticeId).toBeTruthy();
    const [n] = await t.database.db
      .select({ n: count() })
      .from(noticeRecipients)
      .where(eq(noticeRecipients.noticeId, noticeId ?? ''));
    expect(n?.n).toBe(1000);
  });
});
