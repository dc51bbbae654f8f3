import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERY_MAX_ATTEMPTS, maskEmail, retryDelayMs } from '@ganxun/domain';
import { and, eq, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import {
  enrollments,
  jobs,
  noticeDeliveries,
  noticeRecipients,
  notices,
  notificationPreferences,
  people,
  users,
} from '../src/db/schema/index.js';
import { SmtpChannel, smtpOptions } from '../src/modules/notices/channels/email.js';
import { channelsFrom } from '../src/modules/notices/channels/index.js';
import { SmsGatewayChannel } from '../src/modules/notices/channels/sms.js';
import { DELIVERY_JOB, queueDeliveries, registerDeliveries } from '../src/modules/notices/deliveries.js';
import { JobQueue } from '../src/platform/jobs.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { createTestContext, signIn, type TestContext } from './helpers.js';
import { makeSession } from './session-factories.js';

/**
 * Deliveries of notices (issue 9 item 5): email through a real SMTP server started here, SMS
 * through a local HTTP gateway, retries with the job queue, skipped rows with their reason, the
 * delivery log. The in-app copy is never touched by a failed delivery.
 */

let t: TestContext;
let unitId: string;

interface Mail {
  to: string[];
  subject: string;
  text: string;
}
const mails: Mail[] = [];
/** How the SMTP server answers RCPT TO: accept, 450 (try later) or 550 (no such mailbox). */
let rcpt: 'accept' | 'tempfail' | 'reject' = 'accept';
let smtp: SMTPServer;
let smtpPort = 0;

interface SmsRequest {
  auth: string | undefined;
  body: { to: string; text: string };
}
const texts: SmsRequest[] = [];
let gatewayStatus = 200;
let gateway: Server;
let gatewayUrl = '';

async function runJobs(): Promise<void> {
  while (await t.services.jobs.runOnce()) {}
}

/** Makes every queued delivery job due now (skips the back-off). */
async function dueNow(): Promise<void> {
  await t.database.db
    .update(jobs)
    .set({ runAfter: sql`now() - interval '1 second'` })
    .where(and(eq(jobs.kind, DELIVERY_JOB), eq(jobs.status, 'queued')));
}

async function account(
  options: { email?: string | null; emailOn?: boolean; smsOn?: boolean; mobile?: string; locale?: 'en' } = {},
) {
  const user = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }], displayName: '学员' });
  const id = user.user.id;
  if (options.email !== undefined || options.emailOn !== undefined || options.smsOn !== undefined)
    await t.database.db.insert(notificationPreferences).values({
      userId: id,
      emailEnc: options.email ? t.services.cipher.encrypt(options.email) : null,
      emailMasked: options.email ? maskEmail(options.email) : null,
      email: options.emailOn ?? true,
      sms: options.smsOn ?? true,
    });
  if (options.mobile)
    await makePerson(t.services, t.database, unitId, { userId: id, mobile: options.mobile });
  if (options.locale)
    await t.database.db.update(users).set({ locale: options.locale }).where(eq(users.id, id));
  return id;
}

async function notify(
  classId: string | null,
  userIds: string[],
  channels: ('email' | 'sms')[],
  number = 'GX-2030-00001',
) {
  const id = await t.database.db.transaction((tx) =>
    t.services.notices.notify(tx, {
      kind: 'certificate_issued',
      classId,
      userIds,
      params: { className: '乡村振兴专题培训班', number },
      channels,
    }),
  );
  if (!id) throw new Error('no notice');
  return id;
}

async function deliveriesOf(noticeId: string) {
  const rows = await t.database.db
    .select()
    .from(noticeDeliveries)
    .where(eq(noticeDeliveries.noticeId, noticeId));
  return new Map(rows.map((r) => [`${r.userId}:${r.channel}`, r]));
}

beforeAll(async () => {
  t = await createTestContext();
  unitId = (await makeUnit(t.database)).id;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (rcpt === 'tempfail')
        return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 450 }));
      if (rcpt === 'reject') return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      return callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: (mail.text ?? '').trim(),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  gateway = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      texts.push({
        auth: req.headers.authorization,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(gatewayStatus, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
  registerDeliveries(t.services.jobs, {
    db: t.database.db,
    cipher: t.services.cipher,
    channels: {
      email: new SmtpChannel({ url: `smtp://127.0.0.1:${smtpPort}`, from: '干训平台 <noreply@ganxun.test>' }),
      sms: new SmsGatewayChannel({ url: gatewayUrl, token: 'gw-secret' }),
    },
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
  await t.close();
});

describe('email over SMTP', () => {
  it('sends in the recipient’s language, marks the row sent; no address or opted out: skipped', async () => {
    rcpt = 'accept';
    const zhang = await account({ email: 'zhang.san@example.cn' });
    const lee = await account({ email: 'lee@example.org', locale: 'en' });
    const none = await account();
    const out = await account({ email: 'out@example.cn', emailOn: false });
    const noticeId = await notify(null, [zhang, lee, none, out], ['email']);

    const queued = await deliveriesOf(noticeId);
    expect(queued.get(`${zhang}:email`)).toMatchObject({
      status: 'queued',
      addressMasked: 'z***@example.cn',
    });
    expect(queued.get(`${none}:email`)).toMatchObject({ status: 'skipped', lastError: 'no_address' });
    expect(queued.get(`${out}:email`)).toMatchObject({ status: 'skipped', lastError: 'opted_out' });

    mails.length = 0;
    await runJobs();
    const done = await deliveriesOf(noticeId);
    expect(done.get(`${zhang}:email`)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(done.get(`${zhang}:email`)?.sentAt).toBeInstanceOf(Date);
    expect(done.get(`${lee}:email`)?.status).toBe('sent');
    expect(mails).toHaveLength(2);
    const toZhang = mails.find((m) => m.to[0] === 'zhang.san@example.cn');
    expect(toZhang?.subject).toBe('结业证书已颁发');
    expect(toZhang?.text).toContain('您在“乡村振兴专题培训班”的结业证书（编号GX-2030-00001）已颁发。');
    const toLee = mails.find((m) => m.to[0] === 'lee@example.org');
    expect(toLee?.subject).toBe('Certificate issued');
    expect(toLee?.text).toContain('(no. GX-2030-00001)');
  });

  it('retries a refused recipient (450) at 1, 2, 4, 8, 16 minutes, then fails it; the inbox copy stays', async () => {
    const user = await account({ email: 'busy@example.cn' });
    rcpt = 'tempfail';
    const noticeId = await notify(null, [user], ['email']);
    const jobOf = async () => {
      const [job] = await t.database.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, DELIVERY_JOB), sql`${jobs.payload}->>'noticeId' = ${noticeId}`));
      return job;
    };
    // Each failed attempt n puts the next one retryDelayMs(n) later (the domain's schedule, not
    // the queue's 2^n seconds).
    for (let attempt = 1; attempt <= 5; attempt++) {
      if (attempt > 1) await dueNow();
      const before = Date.now();
      await runJobs();
      const after = Date.now();
      const row = (await deliveriesOf(noticeId)).get(`${user}:email`);
      expect(row).toMatchObject({ status: 'retrying', attempts: attempt });
      expect(row?.lastError).toContain('450');
      const job = await jobOf();
      expect(job).toMatchObject({ status: 'queued', attempts: attempt, maxAttempts: DELIVERY_MAX_ATTEMPTS });
      const delay = retryDelayMs(attempt);
      expect(delay).toBe(60_000 * 2 ** (attempt - 1));
      expect(job?.runAfter.getTime()).toBeGreaterThanOrEqual(before + delay - 1_000);
      expect(job?.runAfter.getTime()).toBeLessThanOrEqual(after + delay + 1_000);
      // Not due before then: a pass now runs nothing.
      expect(await t.services.jobs.runOnce()).toBe(false);
    }
    await dueNow();
    await runJobs();
    const row = (await deliveriesOf(noticeId)).get(`${user}:email`);
    expect(row).toMatchObject({ status: 'failed', attempts: DELIVERY_MAX_ATTEMPTS });
    // The job's last attempt ends it: the delivery is recorded failed, nothing is queued again.
    expect(await jobOf()).toMatchObject({ status: 'done', attempts: DELIVERY_MAX_ATTEMPTS });
    const inbox = await t.database.db
      .select()
      .from(noticeRecipients)
      .where(eq(noticeRecipients.noticeId, noticeId));
    expect(inbox.map((r) => r.userId)).toEqual([user]);
    rcpt = 'accept';
  });

  it('fails a rejected mailbox (550) at once; a closed port is retried', async () => {
    const user = await account({ email: 'nobody@example.cn' });
    rcpt = 'reject';
    const noticeId = await notify(null, [user], ['email']);
    await runJobs();
    const row = (await deliveriesOf(noticeId)).get(`${user}:email`);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastError).toContain('550');
    rcpt = 'accept';

    // A server that is not there: connection refused, worth another try.
    const closed = new SmtpChannel({ url: 'smtp://127.0.0.1:1', from: 'noreply@ganxun.test' });
    await expect(closed.send({ to: 'a@example.cn', subject: 's', text: 't' })).rejects.toMatchObject({
      name: 'DeliveryError',
      retryable: true,
    });
    closed.close();
  });
});

describe('SMS through the gateway', () => {
  it('posts {to, text} with the bearer token to the mobile of the person linked to the account', async () => {
    const withMobile = await account({ mobile: '13812345678' });
    const without = await account();
    const optedOut = await account({ mobile: '13900001111', smsOn: false });
    texts.length = 0;
    gatewayStatus = 200;
    const noticeId = await notify(null, [withMobile, without, optedOut], ['sms']);
    const queued = await deliveriesOf(noticeId);
    expect(queued.get(`${withMobile}:sms`)).toMatchObject({ status: 'queued', addressMasked: '138****5678' });
    expect(queued.get(`${without}:sms`)).toMatchObject({ status: 'skipped', lastError: 'no_address' });
    expect(queued.get(`${optedOut}:sms`)).toMatchObject({ status: 'skipped', lastError: 'opted_out' });
    await runJobs();
    expect(texts).toHaveLength(1);
    expect(texts[0]?.auth).toBe('Bearer gw-secret');
    expect(texts[0]?.body.to).toBe('13812345678');
    expect(texts[0]?.body.text).toContain('【结业证书已颁发】');
    expect((await deliveriesOf(noticeId)).get(`${withMobile}:sms`)?.status).toBe('sent');
  });

  it('retries on 5xx, fails on 4xx', async () => {
    const user = await account({ mobile: '13700001234' });
    gatewayStatus = 503;
    const retried = await notify(null, [user], ['sms']);
    await runJobs();
    expect((await deliveriesOf(retried)).get(`${user}:sms`)).toMatchObject({
      status: 'retrying',
      attempts: 1,
    });
    gatewayStatus = 200;
    await dueNow();
    await runJobs();
    expect((await deliveriesOf(retried)).get(`${user}:sms`)).toMatchObject({ status: 'sent', attempts: 2 });

    gatewayStatus = 400;
    const refused = await notify(null, [user], ['sms']);
    await runJobs();
    expect((await deliveriesOf(refused)).get(`${user}:sms`)).toMatchObject({ status: 'failed', attempts: 1 });
    gatewayStatus = 200;
  });
});

describe('timetable changes by email and SMS', () => {
  it('sends the change to every trainee’s inbox, by email and SMS as each one’s preferences allow', async () => {
    rcpt = 'accept';
    gatewayStatus = 200;
    const director = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
    const klass = await makeClass(t.database, { directorId: director.user.id, name: '乡村振兴专题班' });
    const client = await signIn(t, director);
    const zhao = await account({ email: 'zhao.liu@example.cn' });
    const lee = await account({ email: 'lee.tt@example.org', locale: 'en' });
    // Email off, SMS on (the default): a text, no email.
    const qian = await account({ email: 'qian@example.cn', emailOn: false, mobile: '13811112222' });
    // SMS off, no email address: the inbox only.
    const sun = await account({ smsOn: false, mobile: '13933334444' });
    const everyone = [zhao, lee, qian, sun];
    for (const userId of everyone) {
      const [linked] = await t.database.db.select().from(people).where(eq(people.userId, userId));
      const personId = linked?.id ?? (await makePerson(t.services, t.database, unitId, { userId })).id;
      await t.database.db.insert(enrollments).values({ classId: klass.id, personId });
    }
    const item = await makeSession(t.database, klass.id, { title: '专题讲座：乡村振兴' });
    const publish = async () => {
      const url = `/api/v1/classes/${klass.id}/timetable/publish`;
      let res = await client.post(url, {});
      if (res.statusCode === 409 && res.json().error.details?.conflicts)
        res = await client.post(url, {
          acknowledge: res.json().error.details.conflicts.map((c: { key: string }) => c.key),
        });
      expect(res.statusCode, res.body).toBe(200);
    };
    await publish();
    const moved = await client.patch(`/api/v1/classes/${klass.id}/sessions/${item.id}`, {
      version: 1,
      startsAt: '2030-03-10T14:30:00+08:00',
      endsAt: '2030-03-10T16:30:00+08:00',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    mails.length = 0;
    texts.length = 0;
    await publish();

    const [notice] = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.classId, klass.id), eq(notices.kind, 'timetable_changed')));
    expect(notice?.channels).toEqual(['in_app', 'email', 'sms']);
    const noticeId = notice?.id as string;
    const inbox = await t.database.db
      .select({ userId: noticeRecipients.userId })
      .from(noticeRecipients)
      .where(eq(noticeRecipients.noticeId, noticeId));
    expect(inbox.map((r) => r.userId).sort()).toEqual([...everyone].sort());

    await runJobs();
    const rows = await deliveriesOf(noticeId);
    expect(rows.get(`${zhao}:email`)).toMatchObject({ status: 'sent', addressMasked: 'z***@example.cn' });
    expect(rows.get(`${lee}:email`)?.status).toBe('sent');
    expect(rows.get(`${qian}:email`)).toMatchObject({ status: 'skipped', lastError: 'opted_out' });
    expect(rows.get(`${sun}:email`)).toMatchObject({ status: 'skipped', lastError: 'no_address' });
    expect(rows.get(`${qian}:sms`)).toMatchObject({ status: 'sent', addressMasked: '138****2222' });
    expect(rows.get(`${sun}:sms`)).toMatchObject({ status: 'skipped', lastError: 'opted_out' });
    expect(rows.get(`${zhao}:sms`)).toMatchObject({ status: 'skipped', lastError: 'no_address' });

    expect(mails.map((m) => m.to[0]).sort()).toEqual(['lee.tt@example.org', 'zhao.liu@example.cn']);
    const toZhao = mails.find((m) => m.to[0] === 'zhao.liu@example.cn');
    expect(toZhao?.subject).toBe('课程表调整');
    expect(toZhao?.text).toContain(
      '“乡村振兴专题班”的课程表已调整：专题讲座：乡村振兴 03-10 09:00 → 03-10 14:30',
    );
    const toLee = mails.find((m) => m.to[0] === 'lee.tt@example.org');
    expect(toLee?.subject).toBe('Timetable changed');
    expect(toLee?.text).toContain('The timetable of "乡村振兴专题班" has changed');
    expect(texts.map((x) => x.body.to)).toEqual(['13811112222']);
    expect(texts[0]?.body.text).toContain('【课程表调整】');
  });
});

describe('queueing', () => {
  it('skips every delivery of a channel that is not configured', async () => {
    const user = await account({ email: 'x@example.cn', mobile: '13600001234' });
    const bare = new JobQueue({ db: t.database.db });
    registerDeliveries(bare, {
      db: t.database.db,
      cipher: t.services.cipher,
      channels: channelsFrom({ smtp: null, sms: null }),
    });
    const noticeId = await notify(null, [user], []);
    const queued = await t.database.db.transaction((tx) =>
      queueDeliveries(tx, bare, { noticeId, userIds: [user], channels: ['email', 'sms'] }),
    );
    expect(queued).toBe(0);
    const rows = await deliveriesOf(noticeId);
    expect(rows.get(`${user}:email`)).toMatchObject({ status: 'skipped', lastError: 'channel_off' });
    expect(rows.get(`${user}:sms`)).toMatchObject({ status: 'skipped', lastError: 'channel_off' });
  });

  it('puts a batch of deliveries in one job', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await account({ email: `b${i}@example.cn` }));
    const one = await notify(null, [ids[0] as string], []);
    const queued = await t.database.db.transaction((tx) =>
      queueDeliveries(
        tx,
        t.services.jobs,
        { noticeId: one, userIds: ids, channels: ['email'] },
        { batchSize: 2 },
      ),
    );
    expect(queued).toBe(3);
    const batches = await t.database.db
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(sql`${jobs.payload}->>'noticeId' = ${one}`);
    expect(batches.map((b) => (b.payload.ids as string[]).length).sort()).toEqual([1, 2]);
    await runJobs();
  });
});

describe('GET /notices/{id}/deliveries', () => {
  it('shows a class notice’s log to those who run the class, masked; 403 to a trainee', async () => {
    const director = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
    const klass = await makeClass(t.database, { directorId: director.user.id });
    const trainee = await account({ email: 'wang.wu@example.cn', mobile: '13512345678' });
    const bare = await account();
    const noticeId = await notify(klass.id, [trainee, bare], ['email', 'sms']);
    await runJobs();
    const res = await (await signIn(t, director)).get(`/api/v1/notices/${noticeId}/deliveries`);
    expect(res.statusCode, res.body).toBe(200);
    const log = res.json();
    expect(log.total).toBe(4);
    expect(log.counts).toEqual({ email: { sent: 1, skipped: 1 }, sms: { sent: 1, skipped: 1 } });
    expect(log.items).toContainEqual(
      expect.objectContaining({
        userId: trainee,
        channel: 'email',
        address: 'w***@example.cn',
        status: 'sent',
        attempts: 1,
      }),
    );
    expect(JSON.stringify(log)).not.toContain('wang.wu@');
    expect(JSON.stringify(log)).not.toContain('13512345678');
    const failedOnly = await (await signIn(t, director)).get(
      `/api/v1/notices/${noticeId}/deliveries?status=skipped&channel=sms`,
    );
    expect(failedOnly.json().items).toHaveLength(1);

    const traineeUser = await t.services.users.byId(trainee);
    expect(
      (await (await signIn(t, traineeUser)).get(`/api/v1/notices/${noticeId}/deliveries`)).statusCode,
    ).toBe(403);
    const own = await notify(null, [trainee], []);
    expect((await (await signIn(t, director)).get(`/api/v1/notices/${own}/deliveries`)).statusCode).toBe(404);
  });
});

describe('configuration', () => {
  it('reads SMTP_URL / SMTP_FROM and the SMS gateway; SMTP_URL alone is refused', () => {
    const base = { NODE_ENV: 'test', DATA_DIR: '/tmp/gx-g2-config' } as const;
    const secretKey = Buffer.alloc(32, 1);
    expect(loadConfig(base, { secretKey })).toMatchObject({ smtp: null, sms: null });
    const on = loadConfig(
      {
        ...base,
        SMTP_URL: 'smtp://mailer:p%40ss@mail.example.cn:587',
        SMTP_FROM: '干训平台 <noreply@example.cn>',
        SMS_GATEWAY_URL: 'https://sms.example.cn/send',
        SMS_GATEWAY_TOKEN: 'tok',
      },
      { secretKey },
    );
    expect(on.smtp).toEqual({
      url: 'smtp://mailer:p%40ss@mail.example.cn:587',
      from: '干训平台 <noreply@example.cn>',
    });
    expect(on.sms).toEqual({ url: 'https://sms.example.cn/send', token: 'tok' });
    expect(smtpOptions(on.smtp?.url ?? '')).toMatchObject({
      host: 'mail.example.cn',
      port: 587,
      secure: false,
      auth: { user: 'mailer', pass: 'p@ss' },
    });
    expect(() => loadConfig({ ...base, SMTP_URL: 'smtp://mail.example.cn' }, { secretKey })).toThrow(
      ConfigError,
    );
    expect(() =>
      loadConfig({ ...base, SMTP_URL: 'http://mail.example.cn', SMTP_FROM: 'a@b.c' }, { secretKey }),
    ).toThrow(ConfigError);
  });
});
