import type { OnlineSessionView } from '@ganxun/domain';
import type { OnlineSessionRow } from './service.js';

/** The id shown is the stored SHA-256 of the cookie token: enough to end the session, useless as a cookie. */
export function presentOnlineSession(
  row: OnlineSessionRow,
  currentSessionId: string | undefined,
): OnlineSessionView {
  return {
    id: row.id,
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentSessionId,
  };
}
