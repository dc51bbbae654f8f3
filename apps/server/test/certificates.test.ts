import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { certificateCheckChar, maskName, type Role, validCertificateNumber } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificates, completionResults, people } from '../src/db/schema/index.js';
import { issueCertificates, revokeCertificatesOf } from '../src/modules/certificates/issue.js';
import { systemContext } from '../src/platform/context.js';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol } from './session-factories.js';

/**
 * Certificates (issue 6 item 7): issued to trainees confirmed completed only, numbered uniquely
 * under concurrency, printed as a PDF with seal and QR code, verified publicly with a masked
 * name, revoked and re-issued with a reason, downloaded as a zip; who may do each. Completion is
 * stood in for by inserting `completion_results` rows directly.
 */

const run = promisify(execFile);
let t: TestContext;
let tmp: string;
let host: { id: string; name: string };
let officer: Client;
let director: Client;
let directorId: string;

async function as(role: Role, scopeId: string | null = null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { user, client: await signIn(t, user) };
}

interface Trainee {
  client: Client;
  person: { id: string; name: string };
  enrollment: { id: string };
}

/** A class hosted by `host`, directed by `director`, with `n` trainees who have accounts. */
async function setup(n: number, endDate = '2030-03-11') {
  const klass = await makeClass(t.database, {
    directorId,
    hostInstitutionId: host.id,
    startDate: '2030-03-10',
    endDate,
    status: 'completed',
  });
  const trainees: Trainee[] = [];
  for (let i = 0; i < n; i++) {
    const { client, user } = await as('trainee');
    const { person, enrollment } = await enrol(t.services, t.database, klass.id, host.id, {
      userId: user.user.id,
    });
    trainees.push({ client, person, enrollment });
  }
  return { klass, trainees };
}

/** Stands in for completion confirmation. */
async function complete(classId: string, trainees: Trainee[], completed = true, hours = 16) {
  if (trainees.length === 0) return;
  await t.database.db.insert(completionResults).values(
    trainees.map((tr) => ({
      enrollmentId: tr.enrollment.id,
      classId,
      completed,
      decidedBy: 'rules' as const,
      reasons: [],
      hours,
    })),
  );
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

/** A multipart/form-data body with one file. */
function multipart(file: Buffer, filename: string) {
  const boundary = `----gx${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function putSeal(client: Client, unitId: string, file: Buffer, name = 'seal.png') {
  const { payload, headers } = multipart(file, name);
  return client.request('PUT', `/api/v1/certificates/seals/${unitId}`, payload, headers);
}

async function pdfText(bytes: Buffer, name: string, mode = '-layout'): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, bytes);
  return (await run('/usr/bin/pdftotext', [mode, file, '-'])).stdout;
}

/** Images drawn in the PDF (soft masks of transparent PNGs not counted). */
async function pdfImages(bytes: Buffer, name: string): Promise<number> {
  const file = path.join(tmp, name);
  await writeFile(file, bytes);
  const { stdout } = await run('/usr/bin/pdfimages', ['-list', file]);
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => /^\s*\d+\s+\d+\s+image\b/.test(line)).length;
}

async function issueAll(classId: string, client = officer) {
  const res = await client.post(`/api/v1/classes/${classId}/certificates/issue`, {});
  expect(res.statusCode).toBe(200);
  return res.json().items as { id: string; number: string; personName: string; status: string }[];
}

beforeAll(async () => {
  t = await createTestContext();
  tmp = await mkdtemp(path.join(tmpdir(), 'gx-cert-'));
  const unit = await makeUnit(t.database, {
    name: '恩施州委党校',
    type: 'party_school',
    regionCode: '422801',
  });
  host = { id: unit.id, name: unit.name };
  officer = (await as('training_officer', host.id)).client;
  const d = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
  directorId = d.user.id;
  director = await signIn(t, d);
});
afterAll(async () => {
  await t.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('issuing', () => {
  it('issues to trainees confirmed completed only, with valid numbers and the printed snapshot', async () => {
    const { klass, trainees } = await setup(3);
    const [a, b, c] = trainees as [Trainee, Trainee, Trainee];
    await complete(klass.id, [a, b], true, 16.5);
    await complete(klass.id, [c], false, 0);

    const res = await officer.post(`/api/v1/classes/${klass.id}/certificates/issue`, {});
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(2);
    for (const cert of items) {
      expect(validCertificateNumber(cert.number)).toBe(true);
      expect(cert.number).toMatch(/^GX-2030-\d{6}-.$/);
      expect(cert).toMatchObject({
        status: 'valid',
        classId: klass.id,
        className: klass.name,
        startDate: '2030-03-10',
        endDate: '2030-03-11',
        hours: 16.5,
        issuer: host.name,
        revokedAt: null,
        replacedBy: null,
      });
    }
    expect(items.map((i: { personId: string }) => i.personId).sort()).toEqual(
      [a.person.id, b.person.id].sort(),
    );
    const audits = await auditOf(t, res);
    expect(audits.filter((e) => e.action === 'certificate.issue')).toHaveLength(2);

    // The one not confirmed completed: refused, naming it; nothing issued.
    const refused = await officer.post(`/api/v1/classes/${klass.id}/certificates/issue`, {
      enrollmentIds: [a.enrollment.id, c.enrollment.id],
    });
    expect(refused.statusCode).toBe(409);
    expect(fields(refused)).toEqual([['enrollmentIds.1', 'certificate_not_completed']]);

    // Again: nothing new; asking for one already certified returns its certificate.
    expect(await issueAll(klass.id)).toEqual([]);
    const again = await officer.post(`/api/v1/classes/${klass.id}/certificates/issue`, {
      enrollmentIds: [a.enrollment.id],
    });
    expect(again.json().items).toHaveLength(1);
    const list = await officer.get(`/api/v1/classes/${klass.id}/certificates`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    expect(list.json()).toMatchObject({
      pending: 0,
      canIssue: true,
      issuer: { unitId: host.id, name: host.name, canEditSeal: true },
    });
  });

  it('the class director reads certificates but may not issue (separation of duties); others 403', async () => {
    const { klass, trainees } = await setup(1);
    await complete(klass.id, trainees);
    const denied = await director.post(`/api/v1/classes/${klass.id}/certificates/issue`, {});
    expect(denied.statusCode).toBe(403);
    const list = await director.get(`/api/v1/classes/${klass.id}/certificates`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ canIssue: false, pending: 1 });
    const elsewhere = (await as('training_officer', (await makeUnit(t.database)).id)).client;
    expect((await elsewhere.post(`/api/v1/classes/${klass.id}/certificates/issue`, {})).statusCode).toBe(403);
    expect((await elsewhere.get(`/api/v1/classes/${klass.id}/certificates`)).statusCode).toBe(403);
    const trainee = trainees[0] as Trainee;
    expect((await trainee.client.get(`/api/v1/classes/${klass.id}/certificates`)).statusCode).toBe(403);
    const bad = await officer.post(`/api/v1/classes/${klass.id}/certificates/issue`, {
      enrollmentIds: ['nope'],
    });
    expect(bad.statusCode).toBe(400);
  });

  it('never gives two certificates the same number under concurrent issuing', async () => {
    const classes = await Promise.all([
      setup(4, '2031-01-05'),
      setup(4, '2031-01-05'),
      setup(4, '2031-01-05'),
    ]);
    for (const { klass, trainees } of classes) await complete(klass.id, trainees);
    const results = await Promise.all([
      ...classes.map(({ klass }) => officer.post(`/api/v1/classes/${klass.id}/certificates/issue`, {})),
      // The same class twice at once: still one valid certificate per trainee.
      ...classes.map(({ klass }) => officer.post(`/api/v1/classes/${klass.id}/certificates/issue`, {})),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const rows = await t.database.db.select().from(certificates);
    const numbers = rows.map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const of2031 = rows.filter((r) => r.number.startsWith('GX-2031-'));
    expect(of2031).toHaveLength(12);
    expect(of2031.every((r) => validCertificateNumber(r.number))).toBe(true);

    // Through the cross-module function from parallel transactions.
    const { klass, trainees } = await setup(3, '2031-06-01');
    const record = await t.services.classes.load(klass.id);
    const targets = trainees.map((tr) => ({
      enrollmentId: tr.enrollment.id,
      personId: tr.person.id,
      personName: tr.person.name,
      hours: 8,
    }));
    const maps = await Promise.all(
      [0, 1].map(() =>
        t.database.db.transaction((tx) => issueCertificates(tx, systemContext('test'), record, targets)),
      ),
    );
    expect([...(maps[0]?.values() ?? [])].map((c) => c.number).sort()).toEqual(
      [...(maps[1]?.values() ?? [])].map((c) => c.number).sort(),
    );
    const valid = await t.database.db.select().from(certificates).where(eq(certificates.classId, klass.id));
    expect(valid).toHaveLength(3);

    // Completion withdrawn: the valid ones revoked with the reason.
    const n = await t.database.db.transaction((tx) =>
      revokeCertificatesOf(
        tx,
        systemContext('test'),
        klass.id,
        [trainees[0]?.enrollment.id ?? ''],
        '结业撤销',
      ),
    );
    expect(n).toBe(1);
    const [revoked] = await t.database.db
      .select()
      .from(certificates)
      .where(eq(certificates.enrollmentId, trainees[0]?.enrollment.id ?? ''));
    expect(revoked).toMatchObject({ status: 'revoked', revokedReason: '结业撤销' });
  });
});

describe('the PDF, the seal and the zip', () => {
  it('prints the certificate for its holder, with the seal once uploaded; another trainee is refused', async () => {
    const { klass, trainees } = await setup(2);
    await complete(klass.id, trainees);
    const items = await issueAll(klass.id);
    const [a, b] = trainees as [Trainee, Trainee];
    const mine = items.find((c) => c.personName === a.person.name);
    if (!mine) throw new Error('no certificate');

    const res = await a.client.get(`/api/v1/certificates/${mine.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`${mine.number}.pdf`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(res.rawPayload, 'one.pdf');
    expect(text).toMatch(/结\s*业\s*证\s*书/);
    expect(text).toContain(mine.number);
    expect(text).toContain(a.person.name);
    expect(text).toContain('2030年3月10日');
    expect(text).toContain('学时');
    expect(text).toContain(host.name);
    expect(await pdfImages(res.rawPayload, 'one.pdf')).toBe(1); // the QR code, no seal yet

    expect((await b.client.get(`/api/v1/certificates/${mine.id}/pdf`)).statusCode).toBe(404);
    expect((await director.get(`/api/v1/certificates/${mine.id}/pdf`)).statusCode).toBe(200);

    // The seal: PNG or JPEG up to 1 MB, by those who may organise the unit.
    const png = await QRCode.toBuffer('seal', { type: 'png', width: 200 });
    expect((await putSeal(director, host.id, png)).statusCode).toBe(403);
    expect(fields(await putSeal(officer, host.id, Buffer.from('not an image'), 'seal.txt'))).toEqual([
      ['file', 'seal_format'],
    ]);
    const huge = Buffer.concat([png, Buffer.alloc(1024 * 1024 + 1)]);
    const tooLarge = await putSeal(officer, host.id, huge);
    expect(tooLarge.statusCode).toBe(413);
    const put = await putSeal(officer, host.id, png);
    expect(put.statusCode).toBe(200);
    expect(put.json().unitId).toBe(host.id);
    expect((await auditOf(t, put)).map((e) => e.action)).toContain('certificate.seal.update');
    const seal = await officer.get(`/api/v1/certificates/seals/${host.id}`);
    expect(seal.statusCode).toBe(200);
    expect(seal.headers['content-type']).toBe('image/png');
    expect((await director.get(`/api/v1/certificates/seals/${host.id}`)).statusCode).toBe(200);
    expect((await a.client.get(`/api/v1/certificates/seals/${host.id}`)).statusCode).toBe(403);

    const sealed = await a.client.get(`/api/v1/certificates/${mine.id}/pdf`);
    expect(await pdfImages(sealed.rawPayload, 'sealed.pdf')).toBe(2);
  });

  it('zips the valid certificates of a class as <number>-<name>.pdf', async () => {
    const { klass, trainees } = await setup(3);
    await complete(klass.id, trainees);
    const items = await issueAll(klass.id);
    const gone = items[0];
    if (!gone) throw new Error('no certificate');
    await officer.post(`/api/v1/certificates/${gone.id}/revoke`, { reason: '信息有误' });
    const res = await director.get(`/api/v1/classes/${klass.id}/certificates.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      items
        .slice(1)
        .map((c) => `${c.number}-${c.personName}.pdf`)
        .sort(),
    );
    const first = await zip.file(names[0] as string)?.async('nodebuffer');
    expect(first?.subarray(0, 5).toString()).toBe('%PDF-');
    const trainee = trainees[0] as Trainee;
    expect((await trainee.client.get(`/api/v1/classes/${klass.id}/certificates.zip`)).statusCode).toBe(403);
  });
});

describe('public verification, revocation and re-issue', () => {
  it('shows only the masked public view, without signing in; revoked after revocation', async () => {
    const { klass, trainees } = await setup(1);
    await complete(klass.id, trainees, true, 24);
    const [cert] = await issueAll(klass.id);
    if (!cert) throw new Error('no certificate');
    const anonymous = new Client(t.app, '10.9.8.7');
    const res = await anonymous.get(`/api/v1/public/certificates/${cert.number}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      ['className', 'endDate', 'hours', 'issuer', 'maskedName', 'number', 'startDate', 'status'].sort(),
    );
    expect(body).toMatchObject({
      number: cert.number,
      status: 'valid',
      maskedName: maskName(cert.personName),
      className: klass.name,
      hours: 24,
      issuer: host.name,
    });
    expect(res.body).not.toContain(cert.personName);

    // Typed loosely: lower case with spaces still finds it.
    const loose = await anonymous.get(
      `/api/v1/public/certificates/${encodeURIComponent(` ${cert.number.toLowerCase()} `)}`,
    );
    expect(loose.statusCode).toBe(200);

    const wrongCheck = `${cert.number.slice(0, -1)}${cert.number.endsWith('0') ? '1' : '0'}`;
    for (const bad of ['hello', 'GX-2030-1-0', wrongCheck]) {
      const r = await anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(bad)}`);
      expect(r.statusCode).toBe(400);
      expect(fields(r)).toEqual([['number', 'certificate_number_invalid']]);
    }
    const unknown = await anonymous.get(
      `/api/v1/public/certificates/GX-2099-999999-${certificateCheckChar('GX2099999999')}`,
    );
    expect(unknown.statusCode).toBe(404);

    expect((await officer.post(`/api/v1/certificates/${cert.id}/revoke`, {})).statusCode).toBe(400);
    const revoked = await officer.post(`/api/v1/certificates/${cert.id}/revoke`, { reason: '弄虚作假' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedReason: '弄虚作假' });
    expect((await auditOf(t, revoked)).map((e) => e.action)).toContain('certificate.revoke');
    const twice = await officer.post(`/api/v1/certificates/${cert.id}/revoke`, { reason: '再次作废' });
    expect(twice.statusCode).toBe(409);
    expect(fields(twice)).toEqual([['status', 'certificate_revoked']]);
    expect((await anonymous.get(`/api/v1/public/certificates/${cert.number}`)).json().status).toBe('revoked');

    // The revoked certificate still prints for its holder, stamped 已作废.
    const trainee = trainees[0] as Trainee;
    const pdf = await trainee.client.get(`/api/v1/certificates/${cert.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(await pdfText(pdf.rawPayload, 'revoked.pdf', '-raw')).toMatch(/已\s*作\s*废/);
    const mine = await trainee.client.get('/api/v1/me/certificates');
    expect(mine.json().items.map((c: { status: string }) => c.status)).toEqual(['revoked']);
  });

  it('re-issues with a new number, the current name and hours; the old one revoked as reissued', async () => {
    const { klass, trainees } = await setup(1);
    const trainee = trainees[0] as Trainee;
    await complete(klass.id, trainees, true, 16);
    const [old] = await issueAll(klass.id);
    if (!old) throw new Error('no certificate');
    await t.database.db.update(people).set({ name: '欧阳娜娜' }).where(eq(people.id, trainee.person.id));
    await t.database.db
      .update(completionResults)
      .set({ hours: 18 })
      .where(eq(completionResults.enrollmentId, trainee.enrollment.id));

    expect(
      (await director.post(`/api/v1/certificates/${old.id}/reissue`, { reason: '更正姓名' })).statusCode,
    ).toBe(403);
    const res = await officer.post(`/api/v1/certificates/${old.id}/reissue`, { reason: '更正姓名' });
    expect(res.statusCode).toBe(201);
    const fresh = res.json();
    expect(fresh.number).not.toBe(old.number);
    expect(validCertificateNumber(fresh.number)).toBe(true);
    expect(fresh).toMatchObject({ status: 'valid', personName: '欧阳娜娜', hours: 18 });
    const list = (await officer.get(`/api/v1/classes/${klass.id}/certificates`)).json().items;
    expect(list).toHaveLength(2);
    const before = list.find((c: { id: string }) => c.id === old.id);
    expect(before).toMatchObject({ status: 'revoked', revokedReason: 'reissued', replacedBy: fresh.number });
    expect((await auditOf(t, res)).map((e) => e.action).sort()).toEqual(
      ['certificate.issue', 'certificate.reissue'].sort(),
    );
    const again = await officer.post(`/api/v1/certificates/${old.id}/reissue`, { reason: '再次补发' });
    expect(again.statusCode).toBe(409);
    const mine = (await trainee.client.get('/api/v1/me/certificates')).json().items;
    expect(mine.map((c: { number: string }) => c.number)).toEqual([fresh.number, old.number]);
  });
});
