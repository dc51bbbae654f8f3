import {
  type CreateUserBody,
  checkPassword,
  checkRoleCombination,
  diffFields,
  isAdminRole,
  type ListQuery,
  type Page,
  type Role,
  type RoleAssignment,
  type SecuritySettings,
} from '@ganxun/domain';
import { and, asc, count, desc, eq, exists, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { passwordHistory, userRoles, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext, RoleGrant } from '../../platform/context.js';
import { hashPassword, verifyPassword } from '../../platform/crypto.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import type { SessionStore, UserRow } from '../../platform/sessions.js';
import type { SettingsService } from '../settings/service.js';
import { scopeFor } from './policy.js';
import { normaliseScope, type ScopeLabels, scopeLabels, scopeProblems } from './scopes.js';

export interface UserWithRoles {
  user: UserRow;
  roles: RoleGrant[];
}

export interface UserListFilter extends ListQuery {
  q?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | undefined;
}

const SORTABLE = {
  username: users.username,
  displayName: users.displayName,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
} as const;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

export class UserService {
  constructor(
    private readonly db: Db,
    private readonly settings: SettingsService,
    private readonly sessions: SessionStore,
  ) {}

  async list(ctx: RequestContext, filter: UserListFilter): Promise<Page<UserWithRoles>> {
    const where = and(
      scopeFor(ctx.actor),
      filter.q
        ? or(
            ilike(users.username, `%${escapeLike(filter.q)}%`),
            ilike(users.displayName, `%${escapeLike(filter.q)}%`),
          )
        : undefined,
      filter.status ? eq(users.status, filter.status) : undefined,
      filter.role
        ? exists(
            this.db
              .select({ one: sql`1` })
              .from(userRoles)
              .where(and(eq(userRoles.userId, users.id), eq(userRoles.role, filter.role))),
          )
        : undefined,
    );
    const sortKey = (filter.sort?.replace(/^-/, '') ?? 'username') as keyof typeof SORTABLE;
    const column = SORTABLE[sortKey] ?? users.username;
    const order = filter.sort?.startsWith('-') ? desc(column) : asc(column);
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(users)
        .where(where)
        .orderBy(order, asc(users.id))
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize),
      this.db.select({ n: count() }).from(users).where(where),
    ]);
    const roles = await this.rolesOf(rows.map((r) => r.id));
    return {
      items: rows.map((user) => ({ user, roles: roles.get(user.id) ?? [] })),
      total: Number(total?.n ?? 0),
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  /** One user with roles, or NOT_FOUND (also when outside the reader's scope). */
  async load(ctx: RequestContext, id: string, exec: Executor = this.db): Promise<UserWithRoles> {
    const [user] = await exec
      .select()
      .from(users)
      .where(and(eq(users.id, id), scopeFor(ctx.actor)));
    if (!user) throw AppError.notFound();
    const roles = await this.rolesOf([id], exec);
    return { user, roles: roles.get(id) ?? [] };
  }

  /** The same without scope: for the service's own re-reads and for the CLI. */
  async byId(id: string, exec: Executor = this.db): Promise<UserWithRoles> {
    const [user] = await exec.select().from(users).where(eq(users.id, id));
    if (!user) throw AppError.notFound();
    const roles = await this.rolesOf([id], exec);
    return { user, roles: roles.get(id) ?? [] };
  }

  async findByUsername(username: string): Promise<UserRow | undefined> {
    const [user] = await this.db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.username})`, username.toLowerCase()));
    return user;
  }

  async rolesOf(ids: string[], exec: Executor = this.db): Promise<Map<string, RoleGrant[]>> {
    const out = new Map<string, RoleGrant[]>();
    if (ids.length === 0) return out;
    const rows = await exec
      .select({ userId: userRoles.userId, role: userRoles.role, scopeId: userRoles.scopeId })
      .from(userRoles)
      .where(inArray(userRoles.userId, ids))
      .orderBy(asc(userRoles.role), asc(userRoles.scopeId));
    for (const r of rows) {
      const list = out.get(r.userId) ?? [];
      list.push({ role: r.role as Role, scopeId: r.scopeId });
      out.set(r.userId, list);
    }
    return out;
  }

  /** The names of the scopes these accounts' roles refer to, in the reader's language. */
  async scopeNames(
    ctx: RequestContext,
    accounts: readonly Pick<UserWithRoles, 'roles'>[],
  ): Promise<ScopeLabels> {
    return scopeLabels(
      this.db,
      accounts.flatMap((a) => a.roles),
      ctx.locale,
    );
  }

  /** Throws PASSWORD_POLICY (field `path`) when a new password breaks the policy or was used recently. */
  async assertPasswordAcceptable(
    exec: Executor,
    user: { id?: string; username: string },
    password: string,
    security: SecuritySettings,
    path = 'newPassword',
  ): Promise<void> {
    const policy = {
      minLength: security.passwordMinLength,
      minClasses: security.passwordMinClasses,
      historyCount: security.passwordHistory,
    };
    const problems: FieldProblem[] = checkPassword(password, user.username, policy).map((key) => ({
      path,
      key,
      x: key === 'too_short' ? policy.minLength : key === 'too_few_classes' ? policy.minClasses : undefined,
    }));
    if (problems.length === 0 && user.id && policy.historyCount > 0) {
      const recent = await exec
        .select({ hash: passwordHistory.passwordHash })
        .from(passwordHistory)
        .where(eq(passwordHistory.userId, user.id))
        .orderBy(desc(passwordHistory.createdAt))
        .limit(policy.historyCount);
      for (const { hash } of recent) {
        if (await verifyPassword(password, hash)) {
          problems.push({ path, key: 'reused', x: policy.historyCount });
          break;
        }
      }
    }
    if (problems.length > 0) throw new AppError('PASSWORD_POLICY', { fields: problems });
  }

  /** Stores a new password hash and remembers it in the history. */
  async storePassword(exec: Executor, userId: string, password: string, mustChange: boolean): Promise<void> {
    const hash = await hashPassword(password);
    await exec
      .update(users)
      .set({
        passwordHash: hash,
        passwordChangedAt: new Date(),
        mustChangePassword: mustChange,
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId));
    await exec.insert(passwordHistory).values({ userId, passwordHash: hash });
  }

  async create(ctx: RequestContext, body: CreateUserBody): Promise<UserWithRoles> {
    const security = await this.settings.security();
    await this.assertPasswordAcceptable(
      this.db,
      { username: body.username },
      body.password,
      security,
      'password',
    );
    const hash = await hashPassword(body.password);
    try {
      return await this.db.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({
            username: body.username,
            displayName: body.displayName,
            passwordHash: hash,
            mustChangePassword: body.mustChangePassword,
            locale: body.locale,
          })
          .returning();
        if (!user) throw new Error('insert returned nothing');
        await tx.insert(passwordHistory).values({ userId: user.id, passwordHash: hash });
        await recordAudit(tx, ctx, {
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          changes: {
            username: body.username,
            displayName: body.displayName,
            locale: body.locale,
            mustChangePassword: body.mustChangePassword,
          },
        });
        return { user, roles: [] };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AppError.field('CONFLICT', 'username', 'taken');
      throw error;
    }
  }

  async update(
    ctx: RequestContext,
    target: UserWithRoles,
    patch: {
      displayName?: string | undefined;
      status?: 'active' | 'disabled' | undefined;
      locale?: 'zh-CN' | 'zh-TW' | 'en' | undefined;
    },
  ): Promise<UserWithRoles> {
    const next = {
      displayName: patch.displayName ?? target.user.displayName,
      status: patch.status ?? target.user.status,
      locale: patch.locale ?? target.user.locale,
    };
    return this.db.transaction(async (tx) => {
      if (next.status === 'disabled' && target.user.status === 'active') {
        for (const grant of target.roles) {
          if (isAdminRole(grant.role))
            await this.assertNotLastAdmin(tx, grant.role, target.user.id, 'status');
        }
        await this.sessions.endAllForUser(tx, target.user.id, 'disabled');
      }
      const [user] = await tx
        .update(users)
        .set({ ...next, updatedAt: new Date() })
        .where(eq(users.id, target.user.id))
        .returning();
      if (!user) throw AppError.notFound();
      await recordAudit(tx, ctx, {
        action:
          next.status !== target.user.status
            ? next.status === 'disabled'
              ? 'user.disable'
              : 'user.enable'
            : 'user.update',
        entityType: 'user',
        entityId: user.id,
        changes: diffFields(target.user, next),
      });
      return { user, roles: target.roles };
    });
  }

  /**
   * Replaces a user's role assignments, keeping separation of duties and one holder of each admin
   * role; every scope must name a real region or unit (scopes.ts).
   */
  async setRoles(
    ctx: RequestContext,
    target: UserWithRoles,
    assignments: RoleAssignment[],
  ): Promise<UserWithRoles> {
    // Normalised first, so that one unit id written in two cases counts as a duplicate.
    const next = assignments.map(normaliseScope);
    const problem = checkRoleCombination(next);
    if (problem) throw AppError.field('VALIDATION_FAILED', 'roles', problem);
    return this.db.transaction(async (tx) => {
      // Serialise role changes so that two concurrent removals cannot both leave "the last admin".
      await tx.execute(sql`select pg_advisory_xact_lock(${0x47585253})`);
      // Checked in the transaction: a unit merged meanwhile is not granted.
      const unknown = await scopeProblems(tx, next);
      if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', { fields: unknown });
      const kept = new Set(next.map((a) => a.role));
      for (const grant of target.roles) {
        if (isAdminRole(grant.role) && !kept.has(grant.role) && target.user.status === 'active') {
          await this.assertNotLastAdmin(tx, grant.role, target.user.id, 'roles');
        }
      }
      await tx.delete(userRoles).where(eq(userRoles.userId, target.user.id));
      if (next.length > 0) {
        await tx
          .insert(userRoles)
          .values(next.map((a) => ({ userId: target.user.id, role: a.role, scopeId: a.scopeId })));
      }
      await recordAudit(tx, ctx, {
        action: 'user.roles.set',
        entityType: 'user',
        entityId: target.user.id,
        changes: { roles: [target.roles, next] },
      });
      const roles = await this.rolesOf([target.user.id], tx);
      return { user: target.user, roles: roles.get(target.user.id) ?? [] };
    });
  }

  private async assertNotLastAdmin(exec: Executor, role: Role, userId: string, path: string): Promise<void> {
    const [row] = await exec
      .select({ n: count() })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.role, role), eq(users.status, 'active'), ne(users.id, userId)));
    if (Number(row?.n ?? 0) === 0) throw AppError.field('CONFLICT', path, 'last_admin');
  }

  async unlock(ctx: RequestContext, target: UserWithRoles): Promise<UserWithRoles> {
    return this.db.transaction(async (tx) => {
      const [user] = await tx
        .update(users)
        .set({ failedLogins: 0, lockedUntil: null, updatedAt: new Date() })
        .where(eq(users.id, target.user.id))
        .returning();
      if (!user) throw AppError.notFound();
      await recordAudit(tx, ctx, {
        action: 'user.unlock',
        entityType: 'user',
        entityId: user.id,
        detail: { lockedUntil: target.user.lockedUntil },
      });
      return { user, roles: target.roles };
    });
  }

  /** Sets a temporary password: the user must change it at the next login; live sessions end. */
  async resetPassword(
    ctx: RequestContext,
    target: UserWithRoles,
    newPassword: string,
  ): Promise<UserWithRoles> {
    const security = await this.settings.security();
    await this.assertPasswordAcceptable(this.db, target.user, newPassword, security);
    return this.db.transaction(async (tx) => {
      await this.storePassword(tx, target.user.id, newPassword, true);
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, target.user.id));
      await this.sessions.endAllForUser(tx, target.user.id, 'password_reset');
      await recordAudit(tx, ctx, {
        action: 'user.password.reset',
        entityType: 'user',
        entityId: target.user.id,
      });
      return this.byId(target.user.id, tx);
    });
  }

  async resetTotp(ctx: RequestContext, target: UserWithRoles): Promise<UserWithRoles> {
    return this.db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null, updatedAt: new Date() })
        .where(eq(users.id, target.user.id));
      await recordAudit(tx, ctx, { action: 'user.totp.reset', entityType: 'user', entityId: target.user.id });
      return this.byId(target.user.id, tx);
    });
  }

  async countUsers(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(users);
    return Number(row?.n ?? 0);
  }
}

/** Escapes LIKE wildcards in user input. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
