import type { ChangePasswordBody, LoginBody } from '@ganxun/domain';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import type { Db, Executor } from '../../db/client.js';
import { users as usersTable } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { dummyPasswordHash, type FieldCipher, verifyPassword } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { hitRateLimit } from '../../platform/rate-limit.js';
import type { LoadedSession, SessionRow, SessionStore, UserRow } from '../../platform/sessions.js';
import { lecturerIdOfUser } from '../lecturers/links.js';
import type { SettingsService } from '../settings/service.js';
import type { UserService } from '../users/service.js';

export interface AuthDeps {
  db: Db;
  sessions: SessionStore;
  settings: SettingsService;
  users: UserService;
  cipher: FieldCipher;
  loginRateLimitPerMinute: number;
}

export class AuthService {
  constructor(private readonly deps: AuthDeps) {}

  /** The lecturer-pool entry linked to the user's person record (`me.lecturerId`), if any. */
  lecturerIdOf(userId: string): Promise<string | null> {
    return lecturerIdOfUser(this.deps.db, userId);
  }

  /**
   * Checks the credentials (and the TOTP code when the account has one) and opens a session.
   * Failures are counted per account (lockout) and per IP (rate limit), and always audited.
   */
  async login(
    ctx: RequestContext,
    body: LoginBody,
  ): Promise<{ token: string; session: SessionRow; user: UserRow }> {
    const { db, settings, users } = this.deps;
    const security = await settings.security();
    const fail = async (reason: string, user?: UserRow, extra?: Record<string, unknown>) => {
      await recordAudit(db, ctx, {
        action: 'auth.login',
        outcome: 'failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        actorId: user?.id ?? null,
        actorUsername: user?.username ?? body.username.slice(0, 64),
        detail: { reason, ...extra },
      });
    };

    const limit = await hitRateLimit(
      db,
      `login:ip:${ctx.ip ?? 'unknown'}`,
      this.deps.loginRateLimitPerMinute,
      60_000,
    );
    if (!limit.allowed) {
      await fail('rate_limited');
      throw new AppError('RATE_LIMITED');
    }

    const user = await users.findByUsername(body.username);
    if (!user) {
      await verifyPassword(body.password, await dummyPasswordHash());
      await fail('unknown_user');
      throw new AppError('INVALID_CREDENTIALS');
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      await fail('locked', user);
      throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil: user.lockedUntil.toISOString() } });
    }
    if (!(await verifyPassword(body.password, user.passwordHash))) {
      return this.countFailure(ctx, user, 'wrong_password');
    }
    if (user.status !== 'active') {
      await fail('disabled', user);
      throw new AppError('ACCOUNT_DISABLED');
    }
    if (user.totpSecret) {
      if (!body.totpCode) throw new AppError('TOTP_REQUIRED');
      const secret = this.deps.cipher.decrypt(user.totpSecret);
      const result = await verifyTotp({
        secret,
        token: body.totpCode,
        epochTolerance: 30,
        ...(user.totpLastStep !== null ? { afterTimeStep: user.totpLastStep } : {}),
      });
      const step = acceptedStep(result);
      if (step === null) return this.countFailure(ctx, user, 'wrong_totp', 'TOTP_INVALID');
      // Claim the code's time step atomically: two logins with one code cannot both pass.
      const claimed = await this.deps.db
        .update(usersTable)
        .set({ totpLastStep: step })
        .where(
          and(
            eq(usersTable.id, user.id),
            or(isNull(usersTable.totpLastStep), sql`${usersTable.totpLastStep} < ${step}`),
          ),
        )
        .returning({ id: usersTable.id });
      if (claimed.length === 0) return this.countFailure(ctx, user, 'replayed_totp', 'TOTP_INVALID');
    }

    const opened = await db.transaction(async (tx) => {
      // Only while still unlocked: a concurrent burst of guesses may have locked the account since
      // the check above, and a right guess inside that burst must not lift the lock.
      const [unlocked] = await tx
        .update(usersTable)
        .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
        .where(and(eq(usersTable.id, user.id), notLocked()))
        .returning({ id: usersTable.id });
      if (!unlocked) return null;
      const { token, session } = await this.deps.sessions.create(tx, {
        userId: user.id,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        absoluteHours: security.sessionAbsoluteHours,
      });
      await recordAudit(tx, ctx, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        actorId: user.id,
        actorUsername: user.username,
      });
      return { token, session, user };
    });
    if (!opened) {
      await fail('locked', user);
      throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil: await lockedUntilOf(db, user.id) } });
    }
    return opened;
  }

  /** One more failure: locks the account at the threshold. Always throws. */
  private async countFailure(
    ctx: RequestContext,
    user: UserRow,
    reason: string,
    code: 'INVALID_CREDENTIALS' | 'TOTP_INVALID' = 'INVALID_CREDENTIALS',
  ): Promise<never> {
    const security = await this.deps.settings.security();
    const outcome = await this.deps.db.transaction(async (tx) => {
      // One atomic increment, only while unlocked: concurrent wrong guesses cannot slip past the
      // threshold, nor count again (and re-lock) once one of them has locked the account.
      const [row] = await tx
        .update(usersTable)
        .set({ failedLogins: sql`${usersTable.failedLogins} + 1` })
        .where(and(eq(usersTable.id, user.id), notLocked()))
        .returning({ failedLogins: usersTable.failedLogins });
      const audit = { actorId: user.id, actorUsername: user.username, entityType: 'user', entityId: user.id };
      if (!row) {
        await recordAudit(tx, ctx, {
          ...audit,
          action: 'auth.login',
          outcome: 'failed',
          detail: { reason: 'locked' },
        });
        return { lockedUntil: new Date(await lockedUntilOf(tx, user.id)), remaining: 0 };
      }
      const failures = row.failedLogins;
      await recordAudit(tx, ctx, {
        ...audit,
        action: 'auth.login',
        outcome: 'failed',
        detail: { reason, failures },
      });
      if (failures >= security.lockoutThreshold) {
        const lockedUntil = new Date(Date.now() + security.lockoutMinutes * 60_000);
        await tx.update(usersTable).set({ lockedUntil, failedLogins: 0 }).where(eq(usersTable.id, user.id));
        await recordAudit(tx, ctx, {
          ...audit,
          action: 'auth.lockout',
          detail: { failures, lockedUntil: lockedUntil.toISOString() },
        });
        return { lockedUntil, remaining: 0 };
      }
      return { lockedUntil: null, remaining: security.lockoutThreshold - failures };
    });
    if (outcome.lockedUntil) {
      throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil: outcome.lockedUntil.toISOString() } });
    }
    throw new AppError(code, { details: { remainingAttempts: outcome.remaining } });
  }

  async logout(ctx: RequestContext, auth: LoadedSession): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      await this.deps.sessions.end(auth.session.id, 'logout', tx);
      await recordAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: auth.user.id });
    });
  }

  /** Changes the caller's own password; other sessions of the account end, this one stays. */
  async changePassword(ctx: RequestContext, auth: LoadedSession, body: ChangePasswordBody): Promise<void> {
    const { db, users, settings } = this.deps;
    if (!(await verifyPassword(body.currentPassword, auth.user.passwordHash))) {
      await recordAudit(db, ctx, {
        action: 'auth.password.change',
        outcome: 'failed',
        entityType: 'user',
        entityId: auth.user.id,
        detail: { reason: 'wrong_password' },
      });
      throw AppError.field('VALIDATION_FAILED', 'currentPassword', 'wrong_password');
    }
    const security = await settings.security();
    await users.assertPasswordAcceptable(db, auth.user, body.newPassword, security);
    // The current password counts as used even when history is kept for fewer entries.
    if (await verifyPassword(body.newPassword, auth.user.passwordHash)) {
      throw AppError.field('PASSWORD_POLICY', 'newPassword', 'reused', Math.max(1, security.passwordHistory));
    }
    await db.transaction(async (tx) => {
      await users.storePassword(tx, auth.user.id, body.newPassword, false);
      await this.deps.sessions.endAllForUser(tx, auth.user.id, 'password_changed', auth.session.id);
      await recordAudit(tx, ctx, {
        action: 'auth.password.change',
        entityType: 'user',
        entityId: auth.user.id,
      });
    });
  }

  async updateProfile(
    ctx: RequestContext,
    auth: LoadedSession,
    patch: { displayName?: string | undefined; locale?: 'zh-CN' | 'zh-TW' | 'en' | undefined },
  ): Promise<void> {
    const target = await this.deps.users.byId(auth.user.id);
    await this.deps.users.update(ctx, target, { displayName: patch.displayName, locale: patch.locale });
  }

  /** Starts two-factor set-up: a new secret, kept pending until a code from it is confirmed. */
  async totpSetup(
    ctx: RequestContext,
    auth: LoadedSession,
  ): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
    const secret = generateSecret();
    const otpauthUrl = generateURI({ issuer: 'Ganxun', label: auth.user.username, secret });
    await this.deps.db.transaction(async (tx) => {
      await tx
        .update(usersTable)
        .set({ totpPendingSecret: this.deps.cipher.encrypt(secret) })
        .where(eq(usersTable.id, auth.user.id));
      await recordAudit(tx, ctx, { action: 'auth.totp.setup', entityType: 'user', entityId: auth.user.id });
    });
    const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 });
    return { secret, otpauthUrl, qrDataUrl };
  }

  async totpEnable(ctx: RequestContext, auth: LoadedSession, code: string): Promise<void> {
    const [row] = await this.deps.db
      .select({ pending: usersTable.totpPendingSecret })
      .from(usersTable)
      .where(eq(usersTable.id, auth.user.id));
    if (!row?.pending) throw AppError.field('VALIDATION_FAILED', 'code', 'totp_not_started');
    const secret = this.deps.cipher.decrypt(row.pending);
    const result = await verifyTotp({ secret, token: code, epochTolerance: 30 });
    const step = acceptedStep(result);
    if (step === null) {
      await recordAudit(this.deps.db, ctx, {
        action: 'auth.totp.enable',
        outcome: 'failed',
        entityType: 'user',
        entityId: auth.user.id,
      });
      throw AppError.field('VALIDATION_FAILED', 'code', 'totp_wrong');
    }
    await this.deps.db.transaction(async (tx) => {
      await tx
        .update(usersTable)
        .set({ totpSecret: row.pending, totpPendingSecret: null, totpLastStep: step })
        .where(eq(usersTable.id, auth.user.id));
      await recordAudit(tx, ctx, { action: 'auth.totp.enable', entityType: 'user', entityId: auth.user.id });
    });
  }

  async totpDisable(ctx: RequestContext, auth: LoadedSession, password: string): Promise<void> {
    if (!(await verifyPassword(password, auth.user.passwordHash))) {
      throw AppError.field('VALIDATION_FAILED', 'password', 'wrong_password');
    }
    await this.deps.db.transaction(async (tx) => {
      await tx
        .update(usersTable)
        .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null })
        .where(eq(usersTable.id, auth.user.id));
      await recordAudit(tx, ctx, { action: 'auth.totp.disable', entityType: 'user', entityId: auth.user.id });
    });
  }
}

/** Matches an account that is not locked now (never locked, or the lock has run out). */
function notLocked() {
  return or(isNull(usersTable.lockedUntil), lte(usersTable.lockedUntil, new Date()));
}

async function lockedUntilOf(exec: Executor, userId: string): Promise<string> {
  const [row] = await exec
    .select({ lockedUntil: usersTable.lockedUntil })
    .from(usersTable)
    .where(eq(usersTable.id, userId));
  return (row?.lockedUntil ?? new Date()).toISOString();
}

/** The RFC 6238 time step of an accepted code, or null when the code was refused. */
function acceptedStep(result: Awaited<ReturnType<typeof verifyTotp>>): number | null {
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
