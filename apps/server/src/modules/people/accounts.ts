import { randomBytes, randomInt, scrypt } from 'node:crypto';
import {
  type AccountRole,
  type AccountSheetRow,
  checkPassword,
  checkRoleCombination,
  type MessageLocale,
  type SecuritySettings,
} from '@ganxun/domain';
import { eq, inArray, or, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Executor } from '../../db/client.js';
import { passwordHistory, people, userRoles, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { namePinyin } from './record.js';
import type { PersonRecord, PersonService } from './service.js';

/** Advisory lock ("GXAC") that serialises username allocation between concurrent requests. */
const ACCOUNTS_LOCK = 0x47584143;

/**
 * Creates login accounts for people (accounts from people, 人员开户): for each person without an
 * account a user named after the pinyin of their name (`zhangsan`, then `zhangsan2` …), a random
 * initial password that must be changed at first sign-in, and the role — a liaison scoped to the
 * person's unit. People who already have an account are reported as `exists`. All or nothing: the
 * users, roles, password history, links and audit events commit in one transaction.
 *
 * This writes the tables UserService writes (users, password_history, user_roles) instead of
 * calling it, because UserService opens its own transaction per user; the audit trail gets the same
 * `user.create` event per account plus one `person.accounts.create` for the batch.
 */
export async function createAccounts(
  service: PersonService,
  ctx: RequestContext,
  records: PersonRecord[],
  role: AccountRole,
): Promise<AccountSheetRow[]> {
  const security = await service.settings.security();
  // Initial passwords are hashed before the transaction: hashing is the slow part.
  const pending = await mapLimited(
    records.filter((r) => r.person.userId === null),
    4,
    async (record) => {
      const password = generateInitialPassword(security, namePinyin(record.person.name).full);
      return { record, password, hash: await hashInitialPassword(password) };
    },
  );
  const result = await service.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ACCOUNTS_LOCK})`);
    const ids = records.map((r) => r.person.id);
    // Someone may have made an account for one of them since they were loaded.
    const current = await tx
      .select({ id: people.id, userId: people.userId })
      .from(people)
      .where(inArray(people.id, ids))
      .for('update');
    const linked = new Map(current.map((r) => [r.id, r.userId]));
    const toCreate = pending.filter((p) => !linked.get(p.record.person.id));
    const taken = await takenUsernames(
      tx,
      toCreate.map((p) => baseUsername(p.record.person.name)),
    );
    const created = new Map<string, { username: string; password: string }>();
    for (const { record, password, hash } of toCreate) {
      const username = allocateUsername(baseUsername(record.person.name), taken);
      const grant = { role, scopeId: role === 'unit_liaison' ? record.unit.id : null };
      const problem = checkRoleCombination([grant]);
      if (problem) throw AppError.field('VALIDATION_FAILED', 'role', problem);
      const [user] = await tx
        .insert(users)
        .values({ username, displayName: record.person.name, passwordHash: hash, mustChangePassword: true })
        .returning({ id: users.id });
      if (!user) throw new Error('insert returned nothing');
      await tx.insert(passwordHistory).values({ userId: user.id, passwordHash: hash });
      await tx.insert(userRoles).values({ userId: user.id, ...grant });
      await tx.update(people).set({ userId: user.id }).where(eq(people.id, record.person.id));
      await recordAudit(tx, ctx, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        changes: {
          username,
          displayName: record.person.name,
          mustChangePassword: true,
          roles: [grant],
          personId: record.person.id,
        },
      });
      created.set(record.person.id, { username, password });
    }
    const existingIds = [...linked.values()].filter((v): v is string => v !== null);
    const existing = existingIds.length
      ? await tx
          .select({ id: users.id, username: users.username })
          .from(users)
          .where(inArray(users.id, existingIds))
      : [];
    const usernameOf = new Map(existing.map((u) => [u.id, u.username]));
    await recordAudit(tx, ctx, {
      action: 'person.accounts.create',
      entityType: 'person',
      detail: {
        role,
        personIds: ids,
        created: [...created.values()].map((c) => c.username),
        existing: ids.length - created.size,
      },
    });
    return records.map((r): AccountSheetRow => {
      const made = created.get(r.person.id);
      const userId = linked.get(r.person.id);
      return {
        personId: r.person.id,
        name: r.person.name,
        unitName: r.unit.name,
        username: made?.username ?? (userId ? (usernameOf.get(userId) ?? '') : ''),
        password: made?.password ?? null,
        status: made ? 'created' : 'exists',
      };
    });
  });
  return result;
}

/** The pinyin of a name as a username stem: lower-case letters only, `user` when there are none. */
export function baseUsername(name: string): string {
  const letters = namePinyin(name)
    .full.replace(/[^a-z]/g, '')
    .slice(0, 30);
  return letters || 'user';
}

/** Usernames (lower case) already starting with one of the stems. */
async function takenUsernames(exec: Executor, stems: string[]): Promise<Set<string>> {
  const unique = [...new Set(stems)];
  if (unique.length === 0) return new Set();
  const rows = await exec
    .select({ name: sql<string>`lower(${users.username})` })
    .from(users)
    .where(or(...unique.map((s) => sql`lower(${users.username}) like ${`${s}%`}`)));
  return new Set(rows.map((r) => r.name));
}

/** The stem itself when free and long enough (usernames have 3+ characters), else stem + 2, 3, … */
export function allocateUsername(stem: string, taken: Set<string>): string {
  let n = stem.length >= 3 ? 1 : 2;
  for (;;) {
    const candidate = n === 1 ? stem : `${stem}${n}`;
    if (candidate.length >= 3 && !taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
    n += 1;
  }
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '#@%+=?!';

/**
 * A random initial password that meets the policy: at least 12 characters (more when the policy
 * asks), all four character classes, none of the characters that print ambiguously (0/O, 1/l/I),
 * since these passwords are handed out on paper.
 */
export function generateInitialPassword(security: SecuritySettings, username: string): string {
  const length = Math.max(12, security.passwordMinLength);
  const policy = {
    minLength: security.passwordMinLength,
    minClasses: security.passwordMinClasses,
    historyCount: 0,
  };
  for (;;) {
    const all = UPPER + LOWER + DIGITS + SYMBOLS;
    const chars = [UPPER, LOWER, DIGITS, SYMBOLS].map(pick);
    while (chars.length < length) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
    }
    const password = chars.join('');
    if (checkPassword(password, username, policy).length === 0) return password;
  }
}

const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)] as string;

/**
 * scrypt with a lower cost (N=2^12) than the one for chosen passwords (N=2^15, platform/crypto), in
 * the same stored format, so verifyPassword reads it. A slow hash protects passwords people pick;
 * these are random (12+ characters from 63 symbols, over 70 bits) and replaced at first sign-in,
 * and at full cost 500 accounts would take minutes to hash.
 */
export function hashInitialPassword(password: string): Promise<string> {
  const params = { N: 2 ** 12, r: 8, p: 1 };
  const salt = randomBytes(16);
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, 32, params, (err, key) => {
      if (err) reject(err);
      else
        resolve(
          ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$'),
        );
    });
  });
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const ROLE_LABELS: Record<'zh-CN' | 'zh-TW', Record<AccountRole, string>> = {
  'zh-CN': { trainee: '学员', lecturer: '讲师', unit_liaison: '单位联络员' },
  'zh-TW': { trainee: '學員', lecturer: '講師', unit_liaison: '單位聯絡員' },
};

/** The printable sheet of new accounts: 姓名, 单位, 用户名, 初始密码, 角色. */
export async function accountsXlsx(
  rows: AccountSheetRow[],
  role: AccountRole,
  locale: MessageLocale,
): Promise<Buffer> {
  const lang = locale === 'zh-TW' ? 'zh-TW' : 'zh-CN';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ganxun';
  const sheet = workbook.addWorksheet(lang === 'zh-TW' ? '帳號' : '账号');
  sheet.addRow(
    lang === 'zh-TW'
      ? ['姓名', '單位', '使用者名稱', '初始密碼', '角色']
      : ['姓名', '单位', '用户名', '初始密码', '角色'],
  );
  sheet.getRow(1).font = { bold: true };
  const existing = lang === 'zh-TW' ? '（已有帳號）' : '（已有账号）';
  for (const r of rows)
    sheet.addRow([
      r.name,
      r.unitName,
      r.username,
      r.password ?? existing,
      r.status === 'created' ? ROLE_LABELS[lang][role] : '',
    ]);
  sheet.columns.forEach((column, i) => {
    column.width = [12, 30, 16, 18, 12][i] ?? 12;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
