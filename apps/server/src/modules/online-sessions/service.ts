import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sessions, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { SessionStore } from '../../platform/sessions.js';
import type { SettingsService } from '../settings/service.js';

export interface OnlineSessionRow {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** Who is signed in now, for the security admin; ending a session signs that browser out. */
export class OnlineSessionService {
  constructor(
    private readonly db: Db,
    private readonly settings: SettingsService,
    private readonly store: SessionStore,
  ) {}

  async list(): Promise<OnlineSessionRow[]> {
    const { sessionIdleMinutes } = await this.settings.security();
    return this.db
      .select({
        id: sessions.id,
        userId: sessions.userId,
        username: users.username,
        displayName: users.displayName,
        ip: sessions.ip,
        userAgent: sessions.userAgent,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(SessionStore.liveCondition(sessionIdleMinutes))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(1000);
  }

  async end(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ userId: sessions.userId, username: users.username })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, id)));
      if (!row) throw AppError.notFound();
      await this.store.end(id, 'revoked', tx);
      await recordAudit(tx, ctx, {
        action: 'session.revoke',
        entityType: 'user',
        entityId: row.userId,
        detail: { username: row.username },
      });
    });
  }
}
