import type { Role } from '@ganxun/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol, makeSession } from './session-factories.js';

/**
 * Reflections (学习心得, issue 6 item 5): a trainee submits a text or a file and may replace it
 * until it is graded; the class's director lists, reads, downloads and grades (and regrades) them.
 * Another trainee and another class's director are kept out.
 */

let t: TestContext;
let unitId: string;
let director: Client;
let directorId: string;

async function as(role: Role, scopeId: string | null = null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { user, client: await signIn(t, user) };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

interface Trainee {
  client: Client;
  person: { id: string };
  enrollment: { id: string };
}

/** A class in progress run by `director` with `n` trainees who have accounts. */
async function setup(n: number) {
  const klass = await makeClass(t.database, { directorId, status: 'in_progress' });
  await makeSession(t.database, klass.id, { hours: 2 });
  const trainees = [];
  for (let i = 0; i < n; i++) {
    const { user, client } = await as('trainee');
    const { person, enrollment } = await enrol(t.services, t.database, klass.id, unitId, {
      userId: user.user.id,
    });
    trainees.push({ client, person, enrollment });
  }
  return { klass, trainees: trainees as unknown as Trainee[] & [Trainee, Trainee] };
}

function uploadFile(client: Client, classId: string, content: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), name);
  return client.request('POST', `/api/v1/classes/${classId}/reflections/files`, form);
}

beforeAll(async () => {
  t = await createTestContext();
  unitId = (await makeUnit(t.database, { name: '恩施州教育局', regionCode: '422801' })).id;
  const d = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
  directorId = d.user.id;
  director = await signIn(t, d);
});
afterAll(async () => t.close());

describe('submitting a reflection', () => {
  it('takes a text, shows it to the author and the director, lists it without the text', async () => {
    const { klass, trainees } = await setup(2);
    const [me] = trainees;
    const res = await me.client.put(`/api/v1/classes/${klass.id}/reflections/mine`, {
      text: '通过学习，我对基层治理有了更深的认识。',
    });
    expect(res?.statusCode).toBe(200);
    const view = res?.json();
    expect(view).toMatchObject({
      classId: klass.id,
      enrollmentId: me.enrollment.id,
      text: '通过学习，我对基层治理有了更深的认识。',
      file: null,
      grade: null,
    });
    const audit = await auditOf(t, res as LightMyRequestResponse);
    expect(audit.map((a) => a.action)).toEqual(['reflection.submit']);

    const own = await me.client.get(`/api/v1/classes/${klass.id}/reflections/${view.id}`);
    expect(own?.statusCode).toBe(200);
    expect(own?.json().text).toContain('基层治理');

    const list = await director.get(`/api/v1/classes/${klass.id}/reflections`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ trainees: 2, submitted: 1 });
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: view.id, hasText: true, hasFile: false, grade: null }),
    ]);
    expect(list.json().items[0].text).toBeUndefined();

    const read = await director.get(`/api/v1/classes/${klass.id}/reflections/${view.id}`);
    expect(read.json().text).toContain('基层治理');

    // Replacing before grading keeps one reflection.
    const again = await me.client.put(`/api/v1/classes/${klass.id}/reflections/mine`, {
      text: '修改后的心得',
    });
    expect(again?.statusCode).toBe(200);
    expect(again?.json().id).toBe(view.id);
    expect(again?.json().text).toBe('修改后的心得');
  });

  it('takes an uploaded file, which the director downloads', async () => {
    const { klass, trainees } = await setup(1);
    const [me] = trainees;
    const pdf = Buffer.from('%PDF-1.4 学习心得');
    const up = await uploadFile(me.client, klass.id, pdf, '学习心得.pdf');
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ name: '学习心得.pdf', mime: 'application/pdf', size: pdf.length });
    const res = await me.client.put(`/api/v1/classes/${klass.id}/reflections/mine`, {
      fileId: up.json().id,
    });
    expect(res?.statusCode).toBe(200);
    expect(res?.json()).toMatchObject({ text: null, file: { id: up.json().id, name: '学习心得.pdf' } });
    const file = await director.get(`/api/v1/classes/${klass.id}/reflections/${res?.json().id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(pdf)).toBe(true);
  });

  it('refuses an empty reflection, a wrong file type and a file someone else uploaded', async () => {
    const { klass, trainees } = await setup(2);
    const [me, other] = trainees;
    const url = `/api/v1/classes/${klass.id}/reflections/mine`;
    const empty = await me.client.put(url, { text: '   ' });
    expect(empty?.statusCode).toBe(400);
    expect(fields(empty)).toEqual([['text', 'reflection_empty']]);
    expect((await me.client.put(url, {})).statusCode).toBe(400);

    const exe = await uploadFile(me.client, klass.id, Buffer.from('MZ'), 'virus.exe');
    expect(exe.statusCode).toBe(400);
    expect(fields(exe)).toEqual([['file', 'reflection_file_type']]);

    const theirs = await uploadFile(other.client, klass.id, Buffer.from('%PDF'), 'a.pdf');
    const stolen = await me.client.put(url, { fileId: theirs.json().id });
    expect(stolen?.statusCode).toBe(400);
    expect(fields(stolen)).toEqual([['fileId', 'reflection_file_unknown']]);
  });

  it('refuses someone who is not a trainee of the class (upload and submit)', async () => {
    const { klass } = await setup(0);
    const { client } = await as('trainee');
    expect(
      (await client.put(`/api/v1/classes/${klass.id}/reflections/mine`, { text: '心得' })).statusCode,
    ).toBe(403);
    expect((await uploadFile(client, klass.id, Buffer.from('%PDF'), 'a.pdf')).statusCode).toBe(403);
  });
});

describe('grading', () => {
  it('grades, regrades (both audited) and then refuses a resubmission with 409', async () => {
    const { klass, trainees } = await setup(1);
    const [me] = trainees;
    const url = `/api/v1/classes/${klass.id}/reflections/mine`;
    const { id } = (await me.client.put(url, { text: '我的心得' })).json();
    const grade = await director.post(`/api/v1/classes/${klass.id}/reflections/${id}/grade`, {
      grade: 'good',
      comment: '联系实际较好',
    });
    expect(grade.statusCode).toBe(200);
    expect(grade.json()).toMatchObject({
      grade: 'good',
      gradeComment: '联系实际较好',
      gradedBy: { id: directorId },
    });
    expect((await auditOf(t, grade)).map((a) => [a.action, a.changes])).toEqual([
      ['reflection.grade', { grade: [null, 'good'], comment: [null, '联系实际较好'] }],
    ]);

    const regrade = await director.post(`/api/v1/classes/${klass.id}/reflections/${id}/grade`, {
      grade: 'excellent',
      comment: '联系实际较好',
    });
    expect(regrade.statusCode).toBe(200);
    expect(regrade.json().grade).toBe('excellent');
    expect((await auditOf(t, regrade)).map((a) => [a.action, a.changes])).toEqual([
      ['reflection.regrade', { grade: ['good', 'excellent'] }],
    ]);

    const late = await me.client.put(url, { text: '再改一次' });
    expect(late?.statusCode).toBe(409);
    expect(fields(late)).toEqual([['text', 'reflection_graded']]);

    const mine = await me.client.get('/api/v1/me/reflections');
    expect(mine?.statusCode).toBe(200);
    const card = mine?.json().items.find((i: { class: { id: string } }) => i.class.id === klass.id);
    expect(card).toMatchObject({
      enrollmentId: me.enrollment.id,
      editable: false,
      reflection: { grade: 'excellent', gradeComment: '联系实际较好', text: '我的心得' },
      completion: { enrollmentId: me.enrollment.id, reflectionGrade: 'excellent' },
    });
  });

  it('refuses a bad grade with 400', async () => {
    const { klass, trainees } = await setup(1);
    const { id } = (
      await trainees[0].client.put(`/api/v1/classes/${klass.id}/reflections/mine`, { text: '心得' })
    ).json();
    const res = await director.post(`/api/v1/classes/${klass.id}/reflections/${id}/grade`, { grade: 'A+' });
    expect(res.statusCode).toBe(400);
    expect(fields(res).map((f: string[]) => f[0])).toEqual(['grade']);
  });
});

describe('who may read and grade', () => {
  it('keeps a reflection from another trainee and from another class’s director', async () => {
    const { klass, trainees } = await setup(2);
    const [me, other] = trainees;
    const { id } = (
      await me.client.put(`/api/v1/classes/${klass.id}/reflections/mine`, { text: '心得' })
    ).json();
    expect((await other.client.get(`/api/v1/classes/${klass.id}/reflections/${id}`)).statusCode).toBe(403);
    expect((await other.client.get(`/api/v1/classes/${klass.id}/reflections/${id}/file`)).statusCode).toBe(
      403,
    );
    expect((await other.client.get(`/api/v1/classes/${klass.id}/reflections`)).statusCode).toBe(403);
    expect(
      (await other.client.post(`/api/v1/classes/${klass.id}/reflections/${id}/grade`, { grade: 'pass' }))
        ?.statusCode,
    ).toBe(403);

    const { client: stranger } = await as('class_director');
    expect((await stranger.get(`/api/v1/classes/${klass.id}/reflections`)).statusCode).toBe(403);
    expect((await stranger.get(`/api/v1/classes/${klass.id}/reflections/${id}`)).statusCode).toBe(403);
    expect(
      (await stranger.post(`/api/v1/classes/${klass.id}/reflections/${id}/grade`, { grade: 'pass' }))
        .statusCode,
    ).toBe(403);
    // The other trainee's own list shows their class without anyone else's reflection.
    const theirs = (await other.client.get('/api/v1/me/reflections')).json();
    expect(theirs.items).toHaveLength(1);
    expect(theirs.items[0].reflection).toBeNull();
  });
});
