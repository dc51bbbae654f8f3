import type { Role } from '@ganxun/domain';
import { and, eq, gt, isNull, lt, ne, or } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { decodeRow, runPrepared, type Statement, selectColumns } from '../db/prepared.js';
import { sessions, users } from '../db/schema/index.js';
import type { RoleGrant } from './context.js';
import { randomToken, sha256 } from './crypto.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export interface LoadedSession {
  session: SessionRow;
  user: UserRow;
  roles: RoleGrant[];
}

export type SessionProblem = 'expired' | 'ended' | 'unknown';

/**
 * A request's session with its user and roles, one prepared statement (every API request runs it;
 * on the embedded database planning it was two thirds of its cost).
 */
const LOAD: Statement = {
  name: 'session_load',
  text: `select ${selectColumns(sessions, 's', 's.')}, ${selectColumns(users, 'u', 'u.')},
    coalesce((select json_agg(json_build_object('role', r.role, 'scopeId', r.scope_id) order by r.role, r.scope_id)
              from user_roles r where r.user_id = u.id), '[]'::json) as roles
    from sessions s join users u on u.id = s.user_id where s.id = $1`,
  types: ['text'],
};

/** Sessions live in the database, keyed by the SHA-256 of the cookie token. */
export class SessionStore {
  constructor(
    private readonly db: Db,
    /** The embedded database (statements are prepared differently there). */
    private readonly embedded: boolean,
  ) {}

  create(
    exec: Executor,
    input: { userId: string; ip: string | null; userAgent: string | null; absoluteHours: number },
  ): Promise<{ token: string; session: SessionRow }> {
    return createSession(exec, input);
  }

  /** Loads a live session with its user and roles in one query, or says why it is not live. */
  async load(token: string, idleMinutes: number): Promise<LoadedSession | SessionProblem> {
    const [raw] = await runPrepared(this.db, this.embedded, LOAD, [sha256(token)]);
    if (!raw) return 'unknown';
    const row = {
      session: decodeRow(sessions, raw, 's.'),
      user: decodeRow(users, raw, 'u.'),
      roles: raw.roles,
    };
    const now = Date.now();
    if (row.session.endedAt) return 'ended';
    if (
      row.session.expiresAt.getTime() <= now ||
      row.session.lastSeenAt.getTime() + idleMinutes * 60_000 <= now
    ) {
      await this.end(row.session.id, 'timeout');
      return 'expired';
    }
    if (row.user.status !== 'active') {
      await this.end(row.session.id, 'disabled');
      return 'ended';
    }
    const roles = (typeof row.roles === 'string' ? JSON.parse(row.roles) : row.roles) as {
      role: Role;
      scopeId: string | null;
    }[];
    return { session: row.session, user: row.user, roles };
  }

  /** Records activity; written at most once a minute per session to keep reads cheap. */
  async touch(session: SessionRow): Promise<void> {
    if (Date.now() - session.lastSeenAt.getTime() < 60_000) return;
    await this.db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, session.id));
  }

  async end(id: string, reason: string, exec: Executor = this.db): Promise<void> {
    await exec
      .update(sessions)
      .set({ endedAt: new Date(), endReason: reason })
      .where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
  }

  /** Ends every live session of a user, except `keepId` (password change keeps the current one). */
  async endAllForUser(exec: Executor, userId: string, reason: string, keepId?: string): Promise<void> {
    await exec
      .update(sessions)
      .set({ endedAt: new Date(), endReason: reason })
      .where(
        and(
          eq(sessions.userId, userId),
          isNull(sessions.endedAt),
          keepId ? ne(sessions.id, keepId) : undefined,
        ),
      );
  }

  /** Deletes sessions that ended or expired more than a day ago (housekeeping). */
  async prune(): Promise<void> {
    const dayAgo = new Date(Date.now() - 86_400_000);
    await this.db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, dayAgo), and(lt(sessions.endedAt, dayAgo))));
  }

  /** Live sessions condition, for the online-sessions list. */
  static liveCondition(idleMinutes: number) {
    const now = new Date();
    return and(
      isNull(sessions.endedAt),
      gt(sessions.expiresAt, now),
      gt(sessions.lastSeenAt, new Date(now.getTime() - idleMinutes * 60_000)),
    );
  }
}

/** A new session for a user (signing in; benchmarks make theirs with it). */
export async function createSession(
  exec: Executor,
  input: { userId: string; ip: string | null; userAgent: string | null; absoluteHours: number },
): Promise<{ token: string; session: SessionRow }> {
  const token = randomToken();
  const [session] = await exec
    .insert(sessions)
    .values({
      id: sha256(token),
      userId: input.userId,
      csrfToken: randomToken(24),
      expiresAt: new Date(Date.now() + input.absoluteHours * 3_600_000),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    })
    .returning();
  if (!session) throw new Error('session insert returned nothing');
  return { token, session };
}
