import {
  LOCALES,
  passwordField,
  type RoleAssignment,
  roleAssignmentSchema,
  roleSchema,
  usernameField,
} from '@ganxun/domain';
import { z } from 'zod';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { fieldMessage } from '../../platform/i18n.js';
import type { UserService } from './service.js';

/**
 * `ganxun create-users --file F`: the accounts of a new installation (or of a test suite) from one
 * JSON file, in one process — instead of one `create-user` process, each opening the database, per
 * account. Every entry is checked before any account is made: the file's shape, each role against
 * the entry's scope, usernames used twice in it or already taken. An account the service then refuses (a weak password, a scope that does
 * not exist, roles that must be held apart) stops the run with the entry's index; the accounts
 * before it stay, and the message says which.
 */
export const batchUserEntry = z.strictObject({
  username: usernameField,
  password: passwordField,
  displayName: z.string().trim().min(1).max(50).optional(),
  roles: z.array(roleSchema).max(10).default([]),
  /** The scope of every role of the entry (a region code or a unit id), as `--scope`. */
  scope: z.string().trim().min(1).max(64).optional(),
  locale: z.enum(LOCALES).default('zh-CN'),
  mustChangePassword: z.boolean().default(true),
});
export const batchUserFile = z.array(batchUserEntry).min(1).max(1000);
export type BatchUserEntry = z.infer<typeof batchUserEntry>;
export type CheckedEntry = BatchUserEntry & { assignments: RoleAssignment[] };

export class BatchUserError extends Error {}

/** Parses and checks the file's text; throws BatchUserError with every problem found, one per line. */
export function parseBatchUsers(text: string): CheckedEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BatchUserError(`The file is not JSON: ${(error as Error).message}`);
  }
  const parsed = batchUserFile.safeParse(json);
  if (!parsed.success)
    throw new BatchUserError(
      parsed.error.issues
        .map((i) => `  [${i.path.join('].')}${i.path.length > 1 ? '' : ']'}: ${i.message}`)
        .join('\n'),
    );
  const seen = new Map<string, number>();
  const twice: string[] = [];
  parsed.data.forEach((u, i) => {
    const key = u.username.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) twice.push(`  [${i}].username: ${u.username} is also entry ${first}`);
    else seen.set(key, i);
  });
  // Each role with the entry's scope, as the service will be given them (a role that needs a
  // scope, a scope that a role does not take).
  const scoped: string[] = [];
  const entries = parsed.data.map((u, i) => ({
    ...u,
    assignments: u.roles.flatMap((role) => {
      const a = roleAssignmentSchema.safeParse({ role, scopeId: u.scope ?? null });
      if (a.success) return [a.data];
      scoped.push(...a.error.issues.map((issue) => `  [${i}].scope: ${role}: ${issue.message}`));
      return [];
    }),
  }));
  if (twice.length + scoped.length > 0) throw new BatchUserError([...twice, ...scoped].join('\n'));
  return entries;
}

/** Creates the accounts in the file's order; returns a line per account made. */
export async function createUsers(
  users: UserService,
  ctx: RequestContext,
  entries: CheckedEntry[],
): Promise<string[]> {
  const taken: string[] = [];
  for (const [i, entry] of entries.entries())
    if (await users.findByUsername(entry.username)) taken.push(`  [${i}].username: ${entry.username} exists`);
  if (taken.length > 0) throw new BatchUserError(`No account was created:\n${taken.join('\n')}`);
  const done: string[] = [];
  for (const [i, entry] of entries.entries()) {
    try {
      const user = await users.create(ctx, {
        username: entry.username,
        displayName: entry.displayName ?? entry.username,
        password: entry.password,
        locale: entry.locale,
        mustChangePassword: entry.mustChangePassword,
      });
      if (entry.assignments.length > 0) await users.setRoles(ctx, user, entry.assignments);
      done.push(`Created user ${entry.username} (${entry.roles.join(', ') || 'no roles'}).`);
    } catch (error) {
      const made = done.length > 0 ? `the ${done.length} before it were created` : 'none was created';
      const why =
        error instanceof AppError
          ? [
              error.code,
              ...(error.options.fields ?? []).map((f) => `${f.path}: ${fieldMessage(f.key, 'en', f.x)}`),
            ].join('; ')
          : error instanceof Error
            ? error.message
            : String(error);
      throw Object.assign(new BatchUserError(`Entry [${i}] (${entry.username}) failed, ${made}: ${why}`), {
        cause: error,
      });
    }
  }
  return done;
}
