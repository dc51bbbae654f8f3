import {
  applyBoardEvent,
  type BoardEvent,
  type BoardView,
  CSRF_HEADER,
  type QuestionView,
  SESSION_COOKIE,
} from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionQuestions } from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol, makeLecturer, makeSession } from './session-factories.js';

/**
 * Live questions (issue 10): posting, votes, moderation, settings, the invariants under concurrency,
 * anonymity, the event stream across two server processes, and the export. Time comes from the
 * service's clock: 09:30 during a 09:00–11:00 item unless a test says otherwise.
 */

let t: TestContext;
let unitId: string;
let director: Client;
let directorId: string;

const START = new Date('2030-03-10T09:00:00+08:00');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const setNow = (d: Date) => {
  t.services.questions.clock = () => d;
};

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

async function trainee(classId: string) {
  const account = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
  const { person } = await enrol(t.services, t.database, classId, unitId, { userId: account.user.id });
  return { client: await signIn(t, account), person, account };
}

/** A class directed by `director`, one item 09:00–11:00 and `n` trainees with accounts. */
async function setup(n: number) {
  const klass = await makeClass(t.database, { directorId, name: '乡村振兴专题研讨班' });
  const session = await makeSession(t.database, klass.id, { title: '乡村振兴政策解读' });
  const trainees = [];
  for (let i = 0; i < n; i++) trainees.push(await trainee(klass.id));
  const base = `/api/v1/classes/${klass.id}/sessions/${session.id}`;
  return { klass, session, trainees, base };
}

async function post(client: Client | undefined, base: string, text: string, anonymous = false) {
  if (!client) throw new Error('no client');
  return client.post(`${base}/questions`, { text, anonymous });
}

beforeAll(async () => {
  t = await createTestContext();
  unitId = (await makeUnit(t.database, { name: '恩施市委组织部', regionCode: '422801' })).id;
  const d = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
  directorId = d.user.id;
  director = await signIn(t, d);
});
beforeEach(() => setNow(at(30)));
afterAll(async () => t.close());

describe('posting and moderation', () => {
  it('holds a question for approval, then shows it to all; the newest and most voted come first', async () => {
    const { base, trainees } = await setup(3);
    const [a, b, c] = trainees;
    const posted = await post(a?.client, base, '  乡村振兴与巩固脱贫成果如何衔接？ ');
    expect(posted.statusCode).toBe(201);
    expect(posted.json()).toMatchObject({
      text: '乡村振兴与巩固脱贫成果如何衔接？',
      status: 'pending',
      mine: true,
      votes: 0,
      authorName: a?.person.name,
    });
    const id = posted.json().id;
    // Pending: its author and the moderator see it, the others do not.
    expect((await b?.client.get(`${base}/questions`))?.json().questions).toEqual([]);
    expect((await a?.client.get(`${base}/questions`))?.json().questions).toHaveLength(1);
    const mod = (await director.get(`${base}/questions`)).json();
    expect(mod).toMatchObject({ moderator: true, open: true, moderation: true });
    expect(mod.questions[0]).toMatchObject({ id, status: 'pending', mine: false });

    const approve = await director.post(`${base}/questions/${id}/moderation`, { action: 'approve' });
    expect(approve.statusCode).toBe(200);
    expect(approve.json().status).toBe('open');
    const seen = (await b?.client.get(`${base}/questions`))?.json();
    expect(seen.moderator).toBe(false);
    expect(seen.questions).toEqual([expect.objectContaining({ id, status: 'open', mine: false })]);

    const vote = await c?.client.post(`${base}/questions/${id}/votes`);
    expect(vote?.statusCode).toBe(201);
    expect(vote?.json()).toMatchObject({ votes: 1, voted: true });
    const again = await c?.client.post(`${base}/questions/${id}/votes`);
    expect(again?.statusCode).toBe(409);
    expect(fields(again as LightMyRequestResponse)).toEqual([['questionId', 'already_voted']]);
    const own = await a?.client.post(`${base}/questions/${id}/votes`);
    expect(own?.statusCode).toBe(409);
    expect(fields(own as LightMyRequestResponse)).toEqual([['questionId', 'own_question']]);
    expect(own?.json().error.fields[0].message).toBe('不能为自己的问题点赞');
    const board = (await c?.client.get(`${base}/questions`))?.json();
    expect(board.questions[0]).toMatchObject({ votes: 1, voted: true });
    expect(board.figures).toEqual({ questions: 1, answered: 0, answeredShare: 0 });
  });

  it('keeps an anonymous question anonymous for staff and in the database', async () => {
    const { base, trainees } = await setup(1);
    const res = await post(trainees[0]?.client, base, '干部考核能否更重实绩？', true);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ anonymous: true, authorName: null, mine: true });
    const mod = (await director.get(`${base}/questions`)).json();
    expect(mod.questions[0]).toMatchObject({ anonymous: true, authorName: null });
    const [row] = await t.database.db
      .select()
      .from(sessionQuestions)
      .where(eq(sessionQuestions.id, res.json().id));
    expect(row?.authorUserId).toBeNull();
    expect(row?.authorName).toBeNull();
    expect(row?.authorHash).not.toContain(trainees[0]?.account.user.id ?? '-');
    // Nothing in the audit trail links the post to the asker either.
    expect(await auditOf(t, res)).toEqual([]);
  });

  it('stores quotes, backslashes and SQL in a question as typed (values reach the statement as literals)', async () => {
    const { base, trainees } = await setup(1);
    const text = `O'Brien 问："\\n'); delete from session_questions; --" 反斜杠\\ 结束'`;
    const res = await post(trainees[0]?.client, base, text);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().text).toBe(text);
    const [row] = await t.database.db
      .select()
      .from(sessionQuestions)
      .where(eq(sessionQuestions.id, res.json().id));
    expect(row?.text).toBe(text);
    const mod = (await director.get(`${base}/questions`)).json();
    expect(mod.questions.map((q: { text: string }) => q.text)).toContain(text);
  });

  it('refuses empty, over-long and control-character questions with field messages', async () => {
    const { base, trainees } = await setup(1);
    const client = trainees[0]?.client;
    for (const text of ['   ', '问'.repeat(301), '请问\u0007']) {
      const res = await post(client, base, text);
      expect(res.statusCode, text).toBe(400);
      expect(fields(res).map((f: string[]) => f[0])).toEqual(['text']);
    }
    if (client) client.locale = 'en';
    const long = await post(client, base, 'x'.repeat(301));
    expect(long.json().error.fields[0].message).toMatch(/300/);
  });

  it('refuses a closed board, a class one is not in, and a seventh question in a minute', async () => {
    const { base, trainees } = await setup(1);
    const outsider = await signIn(
      t,
      await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] }),
    );
    const stranger = await post(outsider, base, '外班学员的问题');
    expect(stranger.statusCode).toBe(403);
    expect(fields(stranger)).toEqual([['classId', 'not_in_class']]);

    setNow(at(-16)); // more than 15 minutes before the item
    const early = await post(trainees[0]?.client, base, '太早了');
    expect(early.statusCode).toBe(409);
    expect(fields(early)).toEqual([['text', 'board_closed']]);
    setNow(at(120 + 14)); // still open 14 minutes after the end
    expect((await post(trainees[0]?.client, base, '课后补充一个问题')).statusCode).toBe(201);

    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await post(trainees[0]?.client, base, `第${i}个问题`)).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 429]);
    const limited = await post(trainees[0]?.client, base, '还有一个');
    expect(limited.statusCode).toBe(429);
    expect(fields(limited)).toEqual([['text', 'question_rate']]);
  });

  it('merges a duplicate into its original with its voters, once each', async () => {
    const { base, trainees } = await setup(4);
    const [a, b, c, d] = trainees;
    await director.patch(`${base}/question-board`, { moderation: false });
    const original = (await post(a?.client, base, '县域经济如何发展？')).json().id;
    const duplicate = (await post(b?.client, base, '县域经济发展的路径是什么？')).json().id;
    await c?.client.post(`${base}/questions/${original}/votes`);
    await c?.client.post(`${base}/questions/${duplicate}/votes`);
    await d?.client.post(`${base}/questions/${duplicate}/votes`);
    const res = await director.post(`${base}/questions/${duplicate}/moderation`, {
      action: 'merge',
      mergeInto: original,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'merged', mergedInto: original });
    const seen = (await d?.client.get(`${base}/questions`))?.json().questions;
    // c voted for both (counted once), d for the duplicate, b asked the duplicate: 3 in all.
    expect(seen).toEqual([expect.objectContaining({ id: original, votes: 3, voted: true })]);
    const self = await director.post(`${base}/questions/${original}/moderation`, {
      action: 'merge',
      mergeInto: original,
    });
    expect(self.statusCode).toBe(400);
    expect(fields(self)).toEqual([['mergeInto', 'merge_target_invalid']]);
  });

  it('answers one question at a time, answers in writing for all, hides with a reason', async () => {
    const { base, trainees } = await setup(2);
    const [a, b] = trainees;
    await director.patch(`${base}/question-board`, { moderation: false });
    const q1 = (await post(a?.client, base, '第一个问题')).json().id;
    const q2 = (await post(a?.client, base, '第二个问题')).json().id;
    const q3 = (await post(a?.client, base, '不当言论')).json().id;
    const mod = (id: string, body: object) => director.post(`${base}/questions/${id}/moderation`, body);
    expect((await mod(q1, { action: 'answering' })).json().status).toBe('answering');
    expect((await mod(q2, { action: 'answering' })).json().status).toBe('answering');
    const written = await mod(q1, { action: 'answer_in_writing', answer: '详见课后发放的政策汇编第三章。' });
    expect(written.json()).toMatchObject({
      status: 'answered_in_writing',
      answer: '详见课后发放的政策汇编第三章。',
    });
    const noReason = await mod(q3, { action: 'hide' });
    expect(noReason.statusCode).toBe(400);
    expect(fields(noReason)).toEqual([['reason', 'reason_required']]);
    const hidden = await mod(q3, { action: 'hide', reason: '与课程无关' });
    expect(hidden.statusCode).toBe(200);
    expect(await auditOf(t, hidden)).toEqual([
      expect.objectContaining({ action: 'question.hide', entityId: q3, outcome: 'success' }),
    ]);
    const wrong = await mod(q3, { action: 'answering' });
    expect(wrong.statusCode).toBe(409);
    expect(fields(wrong)).toEqual([['action', 'question_transition']]);

    const others = (await b?.client.get(`${base}/questions`))?.json();
    expect(others.questions.map((q: { id: string; status: string }) => [q.id, q.status])).toEqual([
      [q1, 'answered_in_writing'],
      [q2, 'answering'],
    ]);
    expect(others.questions[0].answer).toBe('详见课后发放的政策汇编第三章。');
    const author = (await a?.client.get(`${base}/questions`))?.json();
    expect(author.questions.find((q: { id: string }) => q.id === q3)).toMatchObject({
      status: 'hidden',
      hiddenReason: '与课程无关',
    });
    expect(others.figures).toEqual({ questions: 2, answered: 1, answeredShare: 0.5 });
    const bTrainee = await b?.client.post(`${base}/questions/${q2}/moderation`, { action: 'answered' });
    expect(bTrainee?.statusCode).toBe(403);
    expect(fields(bTrainee as LightMyRequestResponse)).toEqual([['sessionId', 'not_moderator']]);
  });

  it("lets the item's lecturer moderate its board, not another item's", async () => {
    const account = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const lecturerPerson = await enrol(t.services, t.database, (await makeClass(t.database)).id, unitId, {
      userId: account.user.id,
    });
    const lecturer = await makeLecturer(t.database, { personId: lecturerPerson.person.id });
    const klass = await makeClass(t.database, { directorId });
    const own = await makeSession(t.database, klass.id, { lecturers: [{ lecturerId: lecturer.id }] });
    const other = await makeSession(t.database, klass.id);
    const client = await signIn(t, account);
    const mine = await client.patch(`/api/v1/classes/${klass.id}/sessions/${own.id}/question-board`, {
      mode: 'open',
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ moderator: true, mode: 'open' });
    const theirs = await client.patch(`/api/v1/classes/${klass.id}/sessions/${other.id}/question-board`, {
      mode: 'open',
    });
    expect(theirs.statusCode).toBe(403);
  });
});

describe('board settings', () => {
  it('opens and closes by hand, releases pending questions when moderation is turned off', async () => {
    const { base, trainees } = await setup(2);
    const pending = (await post(trainees[0]?.client, base, '待审核的问题')).json().id;
    const off = await director.patch(`${base}/question-board`, { moderation: false, mode: 'closed' });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ moderation: false, mode: 'closed', open: false });
    expect(off.json().questions).toEqual([expect.objectContaining({ id: pending, status: 'open' })]);
    expect((await post(trainees[1]?.client, base, '关闭后提问')).statusCode).toBe(409);
    setNow(at(60 * 24)); // the next day: auto would be closed, open by hand is open
    await director.patch(`${base}/question-board`, { mode: 'open' });
    const late = await post(trainees[1]?.client, base, '第二天补充提问');
    expect(late.statusCode).toBe(201);
    expect(late.json().status).toBe('open');
  });

  it('lets invited online viewers in with the invitation, and nobody without it', async () => {
    const { base, trainees } = await setup(1);
    const viewer = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] }));
    const on = (
      await director.patch(`${base}/question-board`, { viewers: true, anonymousAllowed: false })
    ).json();
    expect(on.invite).toMatch(/^[\w-]{22}$/);
    expect((await trainees[0]?.client.get(`${base}/questions`))?.json().invite).toBeNull();
    expect((await viewer.post(`${base}/questions`, { text: '线上观众提问' })).statusCode).toBe(403);
    expect(
      (await viewer.post(`${base}/questions?invite=${'x'.repeat(22)}`, { text: '伪造邀请' })).statusCode,
    ).toBe(403);
    const ok = await viewer.post(`${base}/questions?invite=${on.invite}`, { text: '线上观众提问' });
    expect(ok.statusCode).toBe(201);
    const anon = await viewer.post(`${base}/questions?invite=${on.invite}`, {
      text: '匿名提问',
      anonymous: true,
    });
    expect(anon.statusCode).toBe(400);
    expect(fields(anon)).toEqual([['anonymous', 'anonymous_not_allowed']]);
    await director.patch(`${base}/question-board`, { viewers: false });
    expect(
      (await viewer.post(`${base}/questions?invite=${on.invite}`, { text: '再问一个' })).statusCode,
    ).toBe(403);
  });
});

describe('invariants under concurrency', () => {
  it('counts one vote per person: 20 concurrent votes of one trainee, then 12 of twelve others at once', async () => {
    const { base, trainees } = await setup(14);
    await director.patch(`${base}/question-board`, { moderation: false });
    const id = (await post(trainees[0]?.client, base, '热门问题')).json().id;
    const same = await Promise.all(
      Array.from({ length: 20 }, () => trainees[1]?.client.post(`${base}/questions/${id}/votes`)),
    );
    expect(same.filter((r) => r?.statusCode === 201)).toHaveLength(1);
    expect(same.filter((r) => r?.statusCode === 409)).toHaveLength(19);
    const many = await Promise.all(
      trainees.slice(2).map((tr) => tr.client.post(`${base}/questions/${id}/votes`)),
    );
    expect(many.every((r) => r.statusCode === 201)).toBe(true);
    const [row] = await t.database.db.select().from(sessionQuestions).where(eq(sessionQuestions.id, id));
    expect(row?.votes).toBe(13);
  });
});

/** The JSON of a stream event (BoardEvent), loosely. */
type EventData = {
  board?: BoardView;
  questions?: QuestionView[];
  removed?: string[];
  votes?: { id: string; votes: number }[];
  voted?: string[];
};

/** Reads server-sent events from a real HTTP connection until `until` says stop. */
async function readEvents(
  url: string,
  cookie: string,
  until: (events: { type: string; data: EventData }[]) => boolean,
  timeoutMs = 5_000,
): Promise<{ type: string; data: EventData; at: number }[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: { type: string; data: EventData; at: number }[] = [];
  try {
    const res = await fetch(url, {
      headers: { cookie: `${SESSION_COOKIE}=${cookie}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body?.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    while (reader) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type && data) events.push({ type, data: JSON.parse(data), at: Date.now() });
        cut = buffer.indexOf('\n\n');
      }
      if (until(events)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe('the live stream', () => {
  it('sends a snapshot, then each change within a second — also from another server process', async () => {
    const { base, trainees } = await setup(2);
    await director.patch(`${base}/question-board`, { moderation: false });
    const first = (await post(trainees[0]?.client, base, '直播前的问题')).json().id;
    const address = await listening();
    // A second server process on the same database: the post goes through it.
    const second = await createSecondApp();
    try {
      const cookie = trainees[1]?.client.cookie ?? '';
      let postedAt = 0;
      const done = readEvents(`${address}${base}/questions/stream`, cookie, (events) => {
        if (events.length === 1 && postedAt === 0) {
          postedAt = Date.now();
          void second.post(`${base}/questions`, { text: '另一个进程收到的问题' });
        }
        return events.some((e) => e.type === 'questions');
      });
      const events = await done;
      expect(events[0]?.type).toBe('snapshot');
      expect(events[0]?.data.board?.questions.map((q) => q.id)).toEqual([first]);
      const change = events.find((e) => e.type === 'questions');
      expect(change?.data.questions).toEqual([
        expect.objectContaining({ text: '另一个进程收到的问题', status: 'open', mine: false }),
      ]);
      expect((change?.at ?? Infinity) - postedAt).toBeLessThan(1_000);
    } finally {
      await second.close();
    }
  });

  it("gives every stream its reader's own view of a change: the voter's vote, the asker's question", async () => {
    const { base, trainees } = await setup(4);
    const [asker, voter, other] = trainees;
    await director.patch(`${base}/question-board`, { moderation: false });
    const id = (await post(asker?.client, base, '人才引进政策如何落地？')).json().id;
    const address = await listening();
    const opened: Promise<void>[] = [];
    const change = (who: typeof asker) => {
      let snapshot = () => {};
      opened.push(new Promise<void>((resolve) => (snapshot = resolve)));
      return readEvents(`${address}${base}/questions/stream`, who?.client.cookie ?? '', (events) => {
        if (events.length > 0) snapshot();
        return events.some((e) => e.type === 'questions');
      });
    };
    const streams = [change(asker), change(voter), change(other)];
    await Promise.all(opened);
    expect((await voter?.client.post(`${base}/questions/${id}/votes`))?.statusCode).toBe(201);
    const [a = [], v = [], o = []] = await Promise.all(streams);
    // A vote sends the new count, not the question; the voter's own stream also says it voted.
    const deltas = [a, v, o].map((events) => events.find((e) => e.type === 'questions')?.data);
    for (const delta of deltas) {
      expect(delta?.questions).toEqual([]);
      expect(delta?.votes).toEqual([{ id, votes: 1 }]);
    }
    expect(deltas.map((d) => d?.voted)).toEqual([undefined, [id], undefined]);
    // Folded into each reader's snapshot, it gives that reader's own view.
    const [av, vv, ov] = [a, v, o].map((events) => {
      let board: BoardView | null = null;
      for (const e of events) board = applyBoardEvent(board, { type: e.type, ...e.data } as BoardEvent);
      return board?.questions.find((q) => q.id === id);
    });
    expect(av).toMatchObject({ id, votes: 1, mine: true, voted: false });
    expect(vv).toMatchObject({ id, votes: 1, mine: false, voted: true });
    expect(ov).toMatchObject({ id, votes: 1, mine: false, voted: false });
  });

  /** The test app's address, listening from the first test that needs it. */
  async function listening(): Promise<string> {
    const bound = t.app.server.address();
    if (bound && typeof bound === 'object') return `http://127.0.0.1:${bound.port}`;
    return t.app.listen({ port: 0, host: '127.0.0.1' });
  }

  /** Another app (another LiveHub, and on PostgreSQL another pool and listening connection). */
  async function createSecondApp() {
    const { buildApp } = await import('../src/app.js');
    const { openDatabase } = await import('../src/db/client.js');
    const url = t.database.kind === 'postgres' ? currentUrl() : undefined;
    const database = url ? await openDatabase({ databaseUrl: url, poolSize: 2 }) : t.database;
    const { app, services } = await buildApp({ config: t.config, database, logger: false });
    await app.ready();
    services.questions.clock = t.services.questions.clock;
    const author = await makeUser(services, database, { roles: [{ role: 'trainee' }] });
    return {
      async post(url: string, body: object) {
        // The trainee of the stream's class who posts: enrolled through the first app's helpers.
        const classId = url.split('/')[4] ?? '';
        await enrol(t.services, t.database, classId, unitId, { userId: author.user.id });
        const { token, session } = await services.sessions.create(database.db, {
          userId: author.user.id,
          ip: '127.0.0.1',
          userAgent: 'vitest',
          absoluteHours: 1,
        });
        const res = await app.inject({
          method: 'POST',
          url,
          payload: body,
          headers: { cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: session.csrfToken },
        });
        expect(res.statusCode, res.body).toBe(201);
      },
      async close() {
        await app.close();
        if (database !== t.database) await database.close();
      },
    };
  }

  function currentUrl(): string {
    const pool = (t.database.db as unknown as { $client: { options: { connectionString: string } } }).$client;
    return pool.options.connectionString;
  }
});

describe('afterwards: the export and the class figures', () => {
  it('exports every question with asker, votes, status and answer; counts the share answered', async () => {
    const { klass, base, trainees } = await setup(2);
    await director.patch(`${base}/question-board`, { moderation: false });
    const named = (await post(trainees[0]?.client, base, '实名提问：如何培养年轻干部？')).json().id;
    await post(trainees[1]?.client, base, '匿名提问：基层减负怎么落实？', true);
    await trainees[1]?.client.post(`${base}/questions/${named}/votes`);
    await director.post(`${base}/questions/${named}/moderation`, {
      action: 'answer_in_writing',
      answer: '见讲义第5页',
    });
    const figures = await director.get(`/api/v1/classes/${klass.id}/questions`);
    expect(figures.json().totals).toEqual({ questions: 2, answered: 1, answeredShare: 0.5, votes: 1 });
    const file = await director.get(`/api/v1/classes/${klass.id}/questions.xlsx`);
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('问题');
    const cells = (row: number) =>
      [2, 3, 4, 5, 6, 7, 8].map((col) => sheet?.getRow(row).getCell(col).text ?? '');
    expect(cells(3)).toEqual([
      '乡村振兴政策解读',
      '2030-03-10 09:00',
      '实名提问：如何培养年轻干部？',
      trainees[0]?.person.name,
      '1',
      '书面答复',
      '见讲义第5页',
    ]);
    expect(cells(4)).toEqual([
      '乡村振兴政策解读',
      '2030-03-10 09:00',
      '匿名提问：基层减负怎么落实？',
      '匿名',
      '0',
      '已展示',
      '',
    ]);
    expect(sheet?.rowCount).toBe(4);
    const totals = book.getWorksheet('统计')?.getRow(4);
    expect([1, 3, 4, 5, 6].map((col) => totals?.getCell(col).text)).toEqual(['合计', '2', '1', '50.0%', '1']);
    const trainee = await trainees[0]?.client.get(`/api/v1/classes/${klass.id}/questions.xlsx`);
    expect(trainee?.statusCode).toBe(403);
  });
});
