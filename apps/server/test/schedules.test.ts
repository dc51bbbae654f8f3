import type { MySchedule } from '@ganxun/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from './factories.js';
import { auditOf, Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { timetableWorld } from './schedules-fixtures.js';

/**
 * Personal schedules (/me/sessions, /me/teaching), a lecturer's history, `me.lecturerId`, and
 * materials of an item (upload, download byte for byte, limits, who may do what).
 */

const UPLOAD_LIMIT = 64 * 1024;
let t: TestContext;
let w: Awaited<ReturnType<typeof timetableWorld>>;

beforeAll(async () => {
  t = await createTestContext({ UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT) });
  w = await timetableWorld(t);
});
afterAll(async () => t?.close());

const titles = (body: MySchedule) => body.items.map((i) => i.session.title);

describe('GET /me/sessions', () => {
  it('shows a trainee the published items of the whole class and of their own group, in time order', async () => {
    const res = await w.traineeA.client.get('/api/v1/me/sessions');
    expect(res.statusCode).toBe(200);
    const body: MySchedule = res.json();
    expect(titles(body)).toEqual(['开班式', '乡村振兴战略专题讲座', '一组分组研讨']);
    expect(body.items[0]?.class).toEqual({
      id: w.klass.id,
      code: w.klass.code,
      name: '全省乡村振兴专题研讨班',
    });
    expect(body.items[0]?.role).toBeNull();
    expect(body.items[0]?.session.startsAt).toBe('2030-03-10T01:00:00.000Z');
    expect(body.items[1]?.session.lecturers.map((l) => [l.name, l.role])).toEqual([
      ['王教授', 'speaker'],
      ['李主任', 'commentator'],
    ]);
  });

  it("never shows another group's item, a draft timetable, or anything after withdrawal", async () => {
    const b: MySchedule = (await w.traineeB.client.get('/api/v1/me/sessions')).json();
    expect(titles(b)).toEqual(['开班式', '乡村振兴战略专题讲座', '二组现场教学']);
    expect(b.items[2]?.session.hours).toBe(4);
    const gone: MySchedule = (await w.withdrawn.client.get('/api/v1/me/sessions')).json();
    expect(gone.items).toEqual([]);
    const none: MySchedule = (await w.stranger.client.get('/api/v1/me/sessions')).json();
    expect(none.items).toEqual([]);
    // traineeA is enrolled in the draft class too: its items stay hidden.
    const a: MySchedule = (await w.traineeA.client.get('/api/v1/me/sessions')).json();
    expect(titles(a)).not.toContain('草稿课程');
  });

  it('filters by China days', async () => {
    const day2: MySchedule = (
      await w.traineeA.client.get('/api/v1/me/sessions?from=2030-03-11&to=2030-03-11')
    ).json();
    expect(titles(day2)).toEqual(['一组分组研讨']);
    const day1: MySchedule = (await w.traineeA.client.get('/api/v1/me/sessions?to=2030-03-10')).json();
    expect(titles(day1)).toEqual(['开班式', '乡村振兴战略专题讲座']);
    const bad = await w.traineeA.client.get('/api/v1/me/sessions?from=2030-13-40');
    expect(bad.statusCode).toBe(400);
  });

  it('needs a session', async () => {
    const res = await new Client(t.app).get('/api/v1/me/sessions');
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /me/teaching and me.lecturerId', () => {
  it('gives a user linked to a lecturer their lecturerId and their published teaching with their part', async () => {
    const me = await w.teacher.client.get('/api/v1/auth/me');
    expect(me.json().lecturerId).toBe(w.speaker.id);
    const res = await w.teacher.client.get('/api/v1/me/teaching');
    expect(res.statusCode).toBe(200);
    const body: MySchedule = res.json();
    expect(titles(body)).toEqual(['乡村振兴战略专题讲座']); // the draft class's item is not shown
    expect(body.items[0]?.role).toBe('speaker');
  });

  it('is empty, with lecturerId null, for a user who is no lecturer', async () => {
    expect((await w.traineeA.client.get('/api/v1/auth/me')).json().lecturerId).toBeNull();
    const body: MySchedule = (await w.traineeA.client.get('/api/v1/me/teaching')).json();
    expect(body.items).toEqual([]);
  });
});

describe('GET /lecturers/:id/sessions (history)', () => {
  it('shows staff a lecturer’s items newest first, with drafts of the classes they run', async () => {
    const res = await w.officer.get(`/api/v1/lecturers/${w.speaker.id}/sessions`);
    expect(res.statusCode).toBe(200);
    const body: MySchedule = res.json();
    expect(titles(body)).toEqual(['草稿课程', '乡村振兴战略专题讲座']);
    expect(body.items.map((i) => i.role)).toEqual(['speaker', 'speaker']);
    const guest: MySchedule = (await w.officer.get(`/api/v1/lecturers/${w.guest.id}/sessions`)).json();
    expect(guest.items.map((i) => [i.session.title, i.role])).toEqual([
      ['乡村振兴战略专题讲座', 'commentator'],
      ['开班式', 'host'],
    ]);
  });

  it('shows other staff only published timetables', async () => {
    const director = await signIn(
      t,
      await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] }),
    );
    const body: MySchedule = (await director.get(`/api/v1/lecturers/${w.speaker.id}/sessions`)).json();
    expect(titles(body)).toEqual(['乡村振兴战略专题讲座']);
  });

  it('is refused without lecturer.read, and 404 for an unknown lecturer', async () => {
    const res = await w.traineeA.client.get(`/api/v1/lecturers/${w.speaker.id}/sessions`);
    expect(res.statusCode).toBe(403);
    const unknown = await w.officer.get(`/api/v1/lecturers/${crypto.randomUUID()}/sessions`);
    expect(unknown.statusCode).toBe(404);
  });
});

function multipart(fileName: string, content: Buffer) {
  const boundary = `----gx${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(client: Client, classId: string, sessionId: string, name: string, content: Buffer) {
  const { payload, headers } = multipart(name, content);
  return client.request(
    'POST',
    `/api/v1/classes/${classId}/sessions/${sessionId}/materials`,
    payload,
    headers,
  );
}

describe('materials', () => {
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 37) % 256));
  const url = (fileId: string) =>
    `/api/v1/classes/${w.klass.id}/sessions/${w.items.lecture.id}/materials/${fileId}`;

  it('are uploaded by the timetable’s editors and downloaded byte for byte by its trainees', async () => {
    const res = await upload(w.officer, w.klass.id, w.items.lecture.id, '乡村振兴讲义.pdf', bytes);
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({ name: '乡村振兴讲义.pdf', mime: 'application/pdf', size: 5000 });
    const audit = await auditOf(t, res);
    expect(audit.map((a) => a.action)).toContain('material.upload');

    const down = await w.traineeA.client.get(url(view.id));
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toContain(encodeURIComponent('乡村振兴讲义.pdf'));
    expect(Buffer.compare(down.rawPayload, bytes)).toBe(0);
    expect((await auditOf(t, down)).map((a) => a.action)).toContain('material.download');

    // The item's view lists it.
    const mine: MySchedule = (await w.traineeA.client.get('/api/v1/me/sessions')).json();
    const lecture = mine.items.find((i) => i.session.id === w.items.lecture.id);
    expect(lecture?.session.materials.map((m) => m.name)).toEqual(['乡村振兴讲义.pdf']);
  });

  it('may not be uploaded or deleted by a trainee (403), nor read by a stranger', async () => {
    const res = await upload(w.traineeA.client, w.klass.id, w.items.lecture.id, 'x.txt', Buffer.from('x'));
    expect(res.statusCode).toBe(403);
    const first = (
      await upload(w.officer, w.klass.id, w.items.lecture.id, 'b.txt', Buffer.from('hello'))
    ).json();
    expect((await w.traineeA.client.delete(url(first.id))).statusCode).toBe(403);
    expect((await w.stranger.client.get(url(first.id))).statusCode).toBe(403);
    // A file id of another item of the class is 404.
    const other = `/api/v1/classes/${w.klass.id}/sessions/${w.items.opening.id}/materials/${first.id}`;
    expect((await w.traineeA.client.get(other)).statusCode).toBe(404);
  });

  it('is refused clearly when over the upload limit (413) or missing (400)', async () => {
    const big = Buffer.alloc(UPLOAD_LIMIT + 10, 1);
    const res = await upload(w.officer, w.klass.id, w.items.lecture.id, 'big.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'file' });
    expect(res.json().error.fields[0].message).toContain('0.1 MB');
    const boundary = '----gxnofile';
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${boundary}--\r\n`,
    );
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const missing = await w.officer.request(
      'POST',
      `/api/v1/classes/${w.klass.id}/sessions/${w.items.lecture.id}/materials`,
      payload,
      headers,
    );
    expect(missing.statusCode).toBe(400);
    const notMultipart = await w.officer.post(
      `/api/v1/classes/${w.klass.id}/sessions/${w.items.lecture.id}/materials`,
      { file: 'x' },
    );
    expect(notMultipart.statusCode).toBe(415);
  });

  it('are 404 on an item of another class, and deleted by editors', async () => {
    const res = await upload(w.officer, w.klass.id, w.items.draftItem.id, 'a.txt', Buffer.from('x'));
    expect(res.statusCode).toBe(404);
    const view = (
      await upload(w.officer, w.klass.id, w.items.lecture.id, 'del.txt', Buffer.from('bye'))
    ).json();
    const del = await w.officer.delete(url(view.id));
    expect(del.statusCode).toBe(204);
    expect((await auditOf(t, del)).map((a) => a.action)).toContain('material.delete');
    expect((await w.officer.get(url(view.id))).statusCode).toBe(404);
  });

  it('are hidden from trainees until the timetable is published', async () => {
    const res = await upload(w.officer, w.draftClass.id, w.items.draftItem.id, 'd.txt', Buffer.from('draft'));
    expect(res.statusCode).toBe(201);
    const path = `/api/v1/classes/${w.draftClass.id}/sessions/${w.items.draftItem.id}/materials/${res.json().id}`;
    const trainee = await w.traineeA.client.get(path);
    expect(trainee.statusCode).toBe(409);
    expect((await w.officer.get(path)).body).toBe('draft');
  });
});
