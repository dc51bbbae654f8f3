import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importJobs, importRows, people, users } from '../src/db/schema/index.js';
import { rotateKey, rotateKeyCommand } from '../src/modules/people/key-rotation.js';
import type { PersonRow } from '../src/modules/people/record.js';
import { systemContext } from '../src/platform/context.js';
import { FieldCipher } from '../src/platform/crypto.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { Client, createTestContext, signIn, type TestContext } from './helpers.js';

let t: TestContext;
let person: PersonRow;
let idNumber: string;
let adminId: string;
let cookie: string;
let csrf: string;
let dir: string;
let jobId: string;

beforeAll(async () => {
  t = await createTestContext();
  dir = mkdtempSync(path.join(tmpdir(), 'gx-key-'));
  const unit = await makeUnit(t.database);
  person = await makePerson(t.services, t.database, unit.id, {
    name: '钱七',
    mobile: '13811112222',
    birthDate: '1979-09-09',
  });
  idNumber = t.services.cipher.decrypt(person.idNumberEnc);
  const admin = await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '420000' }] });
  adminId = admin.user.id;
  await t.database.db
    .update(users)
    .set({ totpSecret: t.services.cipher.encrypt('JBSWY3DPEHPK3PXP') })
    .where(eq(users.id, adminId));
  // A validated import waiting for its commit: its parsed rows are encrypted too.
  const [job] = await t.database.db
    .insert(importJobs)
    .values({
      kind: 'people',
      status: 'validated',
      fileName: 'roster.xlsx',
      fileSize: 1,
      fileSha256: 'x',
      createdBy: adminId,
    })
    .returning();
  jobId = job?.id ?? '';
  await t.database.db.insert(importRows).values({
    jobId,
    rowNo: 2,
    outcome: 'update',
    payload: t.services.cipher.encrypt(JSON.stringify({ values: { idNumber }, unit: null, display: {} })),
    keyHash: t.services.cipher.lookupHash(idNumber),
  });
  // A session stored in the database serves apps built with either key.
  const client = await signIn(t, admin);
  cookie = client.cookie ?? '';
  csrf = client.csrf ?? '';
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

/** The same database served by an app that holds `key`. */
async function clientWithKey(key: Buffer): Promise<{ client: Client; close: () => Promise<void> }> {
  const { app } = await buildApp({
    config: { ...t.config, secretKey: key },
    database: t.database,
    logger: false,
  });
  await app.ready();
  const client = new Client(app);
  client.cookie = cookie;
  client.csrf = csrf;
  return { client, close: () => app.close() };
}

describe('key rotation', () => {
  const newKey = randomBytes(32);

  it('re-encrypts under the new key: reveal gives the same values, ID search works, the old key reads nothing', async () => {
    const oldCipher = t.services.cipher;
    const summary = await rotateKey(t.database.db, systemContext('test'), oldCipher, new FieldCipher(newKey));
    expect(summary).toEqual({ people: 1, users: 1, importRows: 1 });
    const [pending] = await t.database.db.select().from(importRows).where(eq(importRows.jobId, jobId));
    const next = new FieldCipher(newKey);
    expect(JSON.parse(next.decrypt(pending?.payload ?? '')).values.idNumber).toBe(idNumber);
    expect(pending?.keyHash).toBe(next.lookupHash(idNumber));

    const { client, close } = await clientWithKey(newKey);
    try {
      const reveal = await client.post(`/api/v1/people/${person.id}/reveal`, { reason: '密钥轮换核对' });
      expect(reveal.statusCode, reveal.body).toBe(200);
      expect(reveal.json()).toEqual({ idNumber, mobile: '13811112222' });
      const found = await client.get(`/api/v1/people?q=${idNumber}`);
      expect(found.json().items.map((p: { id: string }) => p.id)).toEqual([person.id]);
      // Uniqueness holds under the new hash: the same ID number again is a conflict.
      const dup = await client.post('/api/v1/people', {
        name: '重复',
        gender: person.gender,
        ethnicity: '01',
        birthDate: person.birthDate,
        idNumber,
        unitId: person.unitId,
        category: 'cadre',
      });
      expect(dup.statusCode).toBe(409);
    } finally {
      await close();
    }

    const [row] = await t.database.db.select().from(people).where(eq(people.id, person.id));
    expect(row?.idNumberMasked).toBe(person.idNumberMasked);
    expect(() => oldCipher.decrypt(row?.idNumberEnc ?? '')).toThrow();
    expect(row?.idNumberHash).not.toBe(person.idNumberHash);
    const [account] = await t.database.db.select().from(users).where(eq(users.id, adminId));
    expect(new FieldCipher(newKey).decrypt(account?.totpSecret ?? '')).toBe('JBSWY3DPEHPK3PXP');
    // The server still holding the old key finds nobody by ID number any more.
    const stale = new Client(t.app);
    stale.cookie = cookie;
    expect((await stale.get(`/api/v1/people?q=${idNumber}`)).json().total).toBe(0);
  });

  it('refuses to run with a wrong "old" key, writing nothing', async () => {
    const before = await t.database.db.select().from(people).where(eq(people.id, person.id));
    await expect(
      rotateKey(
        t.database.db,
        systemContext('test'),
        new FieldCipher(randomBytes(32)),
        new FieldCipher(newKey),
      ),
    ).rejects.toThrow();
    const after = await t.database.db.select().from(people).where(eq(people.id, person.id));
    expect(after).toEqual(before);
  });

  it('as the CLI command: generates the new key, replaces <DATA_DIR>/secret.key and keeps the old one', async () => {
    // The data folder's key is the one the database is under now.
    writeFileSync(path.join(dir, 'secret.key'), newKey.toString('base64'), { mode: 0o600 });
    const env = { DATA_DIR: dir, NODE_ENV: 'test' };
    const config = loadConfig(env);
    expect(config.secretKey.equals(newKey)).toBe(true);
    const lines: string[] = [];
    const keyFile = path.join(dir, 'next.key');
    await rotateKeyCommand({
      config,
      env,
      db: t.database.db,
      newKeyFile: keyFile,
      print: (l) => lines.push(l),
    });

    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, 'secret.key.old'), 'utf8').trim()).toBe(newKey.toString('base64'));
    const third = loadConfig(env).secretKey;
    expect(third.equals(newKey)).toBe(false);
    expect(lines.join('\n')).toContain('secret.key.old');

    const { client, close } = await clientWithKey(third);
    try {
      const reveal = await client.post(`/api/v1/people/${person.id}/reveal`, { reason: '再次核对' });
      expect(reveal.json()).toEqual({ idNumber, mobile: '13811112222' });
    } finally {
      await close();
    }
  });

  it('tells the operator to point SECRET_KEY_FILE at the new key when the key comes from configuration', async () => {
    const current = loadConfig({ DATA_DIR: dir }).secretKey;
    const keyFile = path.join(dir, 'configured.key');
    writeFileSync(path.join(dir, 'current.key'), current.toString('base64'));
    const env = { SECRET_KEY_FILE: path.join(dir, 'current.key'), DATA_DIR: dir };
    const lines: string[] = [];
    await rotateKeyCommand({
      config: loadConfig(env),
      env,
      db: t.database.db,
      newKeyFile: keyFile,
      print: (l) => lines.push(l),
    });
    expect(lines.join('\n')).toContain(`SECRET_KEY_FILE=${keyFile}`);
    // The configured file is left alone; the data folder's key too.
    expect(readFileSync(path.join(dir, 'current.key'), 'utf8')).toBe(current.toString('base64'));
    const next = loadConfig({ SECRET_KEY_FILE: keyFile }).secretKey;
    expect(
      new FieldCipher(next).decrypt((await t.database.db.select().from(people))[0]?.idNumberEnc ?? ''),
    ).toBe(idNumber);
  });
});
