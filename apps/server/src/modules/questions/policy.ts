import { createHmac, timingSafeEqual } from 'node:crypto';
import { requireActor } from '../../platform/authorize.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { RosterCache } from '../attendance/roster-cache.js';
import { runs } from '../classes/policy.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import type { BoardFacts } from './board-cache.js';
import type { BoardRow, SessionRow } from './read.js';

/**
 * Who may do what on a question board (docs/security.md, "Question boards"):
 *
 * - *moderators*: those who run the class with `question.moderate` (its director and assistants,
 *   the organiser's training officers and org admins) and the lecturers of the item itself (the
 *   item's host), through their person record's account;
 * - *participants* post and vote: the class's enrolled trainees and, when the board lets invited
 *   online viewers in, any signed-in user who holds the board's invitation (the presenter view's QR
 *   code carries it);
 * - other readers of the class may look, read-only.
 *
 * Every question and vote carries only `hash` = HMAC(secret, session, user): it tells a reader's
 * own questions and votes apart without naming anyone in the database.
 */
export interface BoardReader {
  actor: Actor;
  record: ClassRecord;
  session: SessionRow;
  board: BoardRow;
  moderator: boolean;
  participant: boolean;
  hash: string;
  /** The name a named question is shown under: the trainee's, else the account's display name. */
  name: string;
}

export class BoardKeys {
  private readonly authorKey: Buffer;
  private readonly inviteKey: Buffer;

  constructor(secretKey: Buffer) {
    this.authorKey = createHmac('sha256', secretKey).update('ganxun:question-author').digest();
    this.inviteKey = createHmac('sha256', secretKey).update('ganxun:question-invite').digest();
  }

  /** The reader's pseudonym on one board (a different one on every board). */
  authorHash(sessionId: string, userId: string): string {
    return createHmac('sha256', this.authorKey).update(`${sessionId}:${userId}`).digest('base64url');
  }

  /** The token of a board's invitation link for online viewers. */
  invite(sessionId: string): string {
    return createHmac('sha256', this.inviteKey).update(sessionId).digest('base64url').slice(0, 22);
  }

  inviteValid(sessionId: string, token: string | undefined): boolean {
    if (!token) return false;
    const expected = Buffer.from(this.invite(sessionId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

export interface AccessDeps {
  classes: ClassService;
  roster: RosterCache;
  keys: BoardKeys;
}

/**
 * The reader of a board: 404 when the class or its item is missing, 403 (audited) for someone who
 * may neither moderate, take part nor read the class.
 */
export async function boardReader(
  deps: AccessDeps,
  ctx: RequestContext,
  { record, session, board, hosts }: BoardFacts,
  invite: string | undefined,
): Promise<BoardReader> {
  const actor = requireActor(ctx.actor);
  const hash = deps.keys.authorHash(session.id, actor.id);
  const moderator = runs(actor, 'moderate', record.place) || hosts.has(actor.id);
  const trainee = await deps.roster.traineeOfUser(record.id, actor.id);
  const invited = board.viewers && deps.keys.inviteValid(session.id, invite);
  const participant = !!trainee || invited;
  if (!moderator && !participant && !(await deps.classes.canRead(ctx, record))) {
    throw new AppError('FORBIDDEN', {
      fields: [{ path: 'classId', key: 'not_in_class' }],
      details: { action: 'question.read', entityType: 'class_session', entityId: session.id },
    });
  }
  const name = trainee?.name ?? actor.displayName;
  return { actor, record, session, board, moderator, participant, hash, name };
}

/** 403 `not_moderator` unless the reader moderates the board. */
export function requireModerator(reader: BoardReader): void {
  if (!reader.moderator) {
    throw new AppError('FORBIDDEN', {
      fields: [{ path: 'sessionId', key: 'not_moderator' }],
      details: { action: 'question.moderate', entityType: 'class_session', entityId: reader.session.id },
    });
  }
}

/** 403 `not_in_class` unless the reader may post and vote. */
export function requireParticipant(reader: BoardReader, path: string): void {
  if (!reader.participant) {
    throw new AppError('FORBIDDEN', {
      fields: [{ path, key: 'not_in_class' }],
      details: { action: 'question.post', entityType: 'class_session', entityId: reader.session.id },
    });
  }
}
