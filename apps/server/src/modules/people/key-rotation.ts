import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeIdNumber } from '@ganxun/domain';
import { isNotNull, or, type SQL, sql } from 'drizzle-orm';
import { type Config, ConfigError, loadConfig } from '../../config.js';
import type { Db, Executor } from '../../db/client.js';
import { importRows, people, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { type RequestContext, systemContext } from '../../platform/context.js';
import { FieldCipher } from '../../platform/crypto.js';

export interface RotationSummary {
  people: number;
  users: number;
  importRows: number;
}

const CHUNK = 500;

/**
 * Re-encrypts everything the server key protects with a new key, in one transaction: people's ID
 * and mobile numbers (and their look-up hashes, which are keyed too), users' TOTP secrets, and the
 * parsed rows of imports not yet cleaned up. Everything is decrypted with the old key first, so a
 * wrong "old" key fails before anything is written. Servers must be stopped meanwhile: a server
 * still running with the old key would write values the new key cannot read.
 */
export async function rotateKey(
  db: Db,
  ctx: RequestContext,
  from: FieldCipher,
  to: FieldCipher,
): Promise<RotationSummary> {
  return db.transaction(async (tx) => {
    const summary = {
      people: await rotatePeople(tx, from, to),
      users: await rotateUsers(tx, from, to),
      importRows: await rotateImportRows(tx, from, to),
    };
    await recordAudit(tx, ctx, { action: 'system.key.rotate', entityType: 'system', detail: { ...summary } });
    return summary;
  });
}

async function rotatePeople(tx: Executor, from: FieldCipher, to: FieldCipher): Promise<number> {
  const rows = await tx
    .select({ id: people.id, idNumberEnc: people.idNumberEnc, mobileEnc: people.mobileEnc })
    .from(people);
  const values = rows.map((r) => {
    const idNumber = normalizeIdNumber(from.decrypt(r.idNumberEnc));
    const mobile = r.mobileEnc ? from.decrypt(r.mobileEnc) : null;
    return sql`(${r.id}::uuid, ${to.encrypt(idNumber)}, ${to.lookupHash(idNumber)}, ${
      mobile ? to.encrypt(mobile) : null
    }, ${mobile ? to.lookupHash(mobile) : null})`;
  });
  for (const chunk of chunks(values)) {
    await tx.execute(sql`
      update ${people} set
        id_number_enc = v.id_enc, id_number_hash = v.id_hash, mobile_enc = v.m_enc, mobile_hash = v.m_hash
      from (values ${sql.join(chunk, sql`, `)}) as v(id, id_enc, id_hash, m_enc, m_hash)
      where ${people.id} = v.id`);
  }
  return rows.length;
}

async function rotateUsers(tx: Executor, from: FieldCipher, to: FieldCipher): Promise<number> {
  const rows = await tx
    .select({ id: users.id, secret: users.totpSecret, pending: users.totpPendingSecret })
    .from(users)
    .where(or(isNotNull(users.totpSecret), isNotNull(users.totpPendingSecret)));
  const again = (v: string | null) => (v ? to.encrypt(from.decrypt(v)) : null);
  const values = rows.map((r) => sql`(${r.id}::uuid, ${again(r.secret)}, ${again(r.pending)})`);
  for (const chunk of chunks(values)) {
    await tx.execute(sql`
      update ${users} set totp_secret = v.secret, totp_pending_secret = v.pending
      from (values ${sql.join(chunk, sql`, `)}) as v(id, secret, pending)
      where ${users.id} = v.id`);
  }
  return rows.length;
}

/**
 * Import rows keep their parsed record encrypted, and the ID number's look-up hash beside it; the
 * hash, where the row has one, is recomputed from the record's ID number.
 */
async function rotateImportRows(tx: Executor, from: FieldCipher, to: FieldCipher): Promise<number> {
  const rows = await tx
    .select({
      jobId: importRows.jobId,
      rowNo: importRows.rowNo,
      payload: importRows.payload,
      keyHash: importRows.keyHash,
    })
    .from(importRows)
    .where(isNotNull(importRows.payload));
  const values = rows.map((r) => {
    const plain = from.decrypt(r.payload as string);
    const idNumber = r.keyHash ? idNumberOf(plain) : null;
    return sql`(${r.jobId}::uuid, ${r.rowNo}::int, ${to.encrypt(plain)}, ${
      idNumber ? to.lookupHash(normalizeIdNumber(idNumber)) : null
    })`;
  });
  for (const chunk of chunks(values)) {
    await tx.execute(sql`
      update ${importRows} set payload = v.payload, key_hash = v.key_hash
      from (values ${sql.join(chunk, sql`, `)}) as v(job_id, row_no, payload, key_hash)
      where ${importRows.jobId} = v.job_id and ${importRows.rowNo} = v.row_no`);
  }
  return rows.length;
}

/** The ID number of an import row's record (`values.idNumber`, imports/validate.ts RowPayload). */
function idNumberOf(json: string): string | null {
  try {
    const value = JSON.parse(json) as { values?: { idNumber?: unknown }; idNumber?: unknown };
    const id = value?.values?.idNumber ?? value?.idNumber;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

function chunks(values: SQL[]): SQL[][] {
  const out: SQL[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

/**
 * The new key's material for `ganxun rotate-key`: read from the file when it exists, otherwise
 * generated (32 random bytes, base64) and written there readable by the owner only.
 */
export function newKeyMaterial(file: string): { material: string; generated: boolean } {
  if (existsSync(file)) return { material: readFileSync(file, 'utf8').trim(), generated: false };
  const material = randomBytes(32).toString('base64');
  writeFileSync(file, `${material}\n`, { mode: 0o600, flag: 'wx' });
  return { material, generated: true };
}

/**
 * `ganxun rotate-key --new-key-file <path>`: rotates to the key in that file (generated when it does
 * not exist). With the embedded default key (`<DATA_DIR>/secret.key`, no SECRET_KEY or
 * SECRET_KEY_FILE set) the new key replaces it once the transaction has committed, the old one kept
 * as `secret.key.old`; otherwise the operator points the configuration at the new key.
 */
export async function rotateKeyCommand(options: {
  config: Config;
  env: NodeJS.ProcessEnv;
  db: Db;
  newKeyFile: string;
  print: (line: string) => void;
}): Promise<RotationSummary> {
  const { config, env, print } = options;
  const file = path.resolve(options.newKeyFile);
  const defaultKeyFile = path.join(config.dataDir, 'secret.key');
  const usesDefaultKey = !env.SECRET_KEY && !env.SECRET_KEY_FILE;
  if (usesDefaultKey && file === defaultKeyFile)
    throw new ConfigError('--new-key-file must not be the current key file');
  const { material, generated } = newKeyMaterial(file);
  if (generated) print(`Generated a new key in ${file} (mode 600).`);
  // The same parsing as the server's own key (base64 of 32 bytes, or a long passphrase).
  const newKey = loadConfig({ ...env, SECRET_KEY: undefined, SECRET_KEY_FILE: file }).secretKey;
  if (newKey.equals(config.secretKey)) throw new ConfigError('The new key is the key in use.');
  const summary = await rotateKey(
    options.db,
    systemContext('cli:rotate-key'),
    new FieldCipher(config.secretKey),
    new FieldCipher(newKey),
  );
  print(
    `Re-encrypted ${summary.people} people, ${summary.users} users' two-factor secrets and ${summary.importRows} import rows.`,
  );
  if (usesDefaultKey) {
    copyFileSync(defaultKeyFile, `${defaultKeyFile}.old`);
    chmodSync(`${defaultKeyFile}.old`, 0o600);
    writeFileSync(defaultKeyFile, `${material}\n`, { mode: 0o600 });
    chmodSync(defaultKeyFile, 0o600);
    print(`${defaultKeyFile} now holds the new key; the old one is in ${defaultKeyFile}.old.`);
    print('Start the server again. Delete secret.key.old once backups made with it are no longer needed.');
  } else {
    print(`Now set SECRET_KEY_FILE=${file} (instead of the old key) and start the servers again.`);
    print('Until then, servers started with the old key cannot read personal information.');
  }
  return summary;
}
