import { and, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classSessionLecturers, lecturers, people } from '../../db/schema/index.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import { type BoardRow, boardOf, type SessionRow, sessionOf } from './read.js';

/** What every request on a board needs before it can tell who the reader is. */
export interface BoardFacts {
  record: ClassRecord;
  session: SessionRow;
  board: BoardRow;
  /** Accounts of the item's lecturers (they moderate its board). */
  hosts: ReadonlySet<string>;
}

export const BOARD_CACHE_MS = 3_000;
const MAX_BOARDS = 1_000;

/** The accounts teaching an item (its lecturers' person records' users). */
async function hostsOf(exec: Executor, sessionId: string): Promise<Set<string>> {
  const rows = await exec
    .select({ userId: people.userId })
    .from(classSessionLecturers)
    .innerJoin(lecturers, eq(lecturers.id, classSessionLecturers.lecturerId))
    .innerJoin(people, eq(people.id, lecturers.personId))
    .where(and(eq(classSessionLecturers.sessionId, sessionId), isNotNull(people.userId)));
  return new Set(rows.map((r) => r.userId as string));
}

/**
 * The class, the item, the board's settings and the item's lecturers, kept for a few seconds: in a
 * hall of 300 phones every post and vote would otherwise read them again (five statements, the
 * better part of a write). One load serves a board for `BOARD_CACHE_MS`; concurrent requests share
 * it. Writes never trust the cached settings: posting and voting read the board row again in their
 * own statement (service.ts), and a settings change in this process forgets the board at once. A
 * change of the class (status, director) or of the item's lecturers is seen within the TTL
 * (docs/security.md, "Question boards").
 */
export class BoardCache {
  private readonly boards = new Map<string, { at: number; facts: Promise<BoardFacts> }>();

  constructor(
    private readonly db: Executor,
    private readonly classes: ClassService,
  ) {}

  get(classId: string, sessionId: string): Promise<BoardFacts> {
    const key = `${classId}:${sessionId}`;
    const now = Date.now();
    const hit = this.boards.get(key);
    if (hit && now - hit.at < BOARD_CACHE_MS) return hit.facts;
    const facts = this.load(classId, sessionId);
    if (this.boards.size >= MAX_BOARDS) this.boards.clear();
    this.boards.set(key, { at: now, facts });
    // A missing class or item (404) is not remembered.
    facts.catch(() => {
      if (this.boards.get(key)?.facts === facts) this.boards.delete(key);
    });
    return facts;
  }

  /** Forget a board (its settings changed here). */
  forget(classId: string, sessionId: string): void {
    this.boards.delete(`${classId}:${sessionId}`);
  }

  private async load(classId: string, sessionId: string): Promise<BoardFacts> {
    const [record, session, board, hosts] = await Promise.all([
      this.classes.load(classId),
      sessionOf(this.db, classId, sessionId),
      boardOf(this.db, sessionId),
      hostsOf(this.db, sessionId),
    ]);
    return { record, session, board, hosts };
  }
}
