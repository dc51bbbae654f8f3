import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { enrollments, people, units } from '../../db/schema/index.js';
import type { TraineeRef } from './presenter.js';
import { traineesOf } from './query.js';

/** The class's trainees who have an account, with it. */
function traineesWithAccounts(db: Executor, classId: string) {
  return db
    .select({
      userId: people.userId,
      enrollmentId: enrollments.id,
      personId: people.id,
      name: people.name,
      unitName: units.name,
      groupId: enrollments.groupId,
    })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .leftJoin(units, eq(units.id, people.unitId))
    .where(
      and(eq(enrollments.classId, classId), ne(enrollments.status, 'withdrawn'), isNotNull(people.userId)),
    );
}

const ROSTER_CACHE_MS = 5_000;
const MAX_CLASSES = 1_000;

/**
 * The trainees of a class by account, kept for a few seconds: in a check-in storm every scan asks
 * "is this account a trainee of the class?", and 300 scans a second would each read the roster.
 * One read serves the class for `ROSTER_CACHE_MS`. An account not found is looked up again in the
 * database (someone enrolled a moment ago is never refused); a withdrawal is seen within the TTL
 * (docs/security.md, "Check-in").
 */
export class RosterCache {
  private readonly classes = new Map<string, { at: number; byUser: Map<string, TraineeRef> }>();

  constructor(private readonly db: Executor) {}

  async traineeOfUser(classId: string, userId: string): Promise<TraineeRef | undefined> {
    const now = Date.now();
    let hit = this.classes.get(classId);
    if (!hit || now - hit.at >= ROSTER_CACHE_MS) {
      const rows = await traineesWithAccounts(this.db, classId);
      if (this.classes.size >= MAX_CLASSES) this.classes.clear();
      hit = {
        at: now,
        byUser: new Map(rows.map(({ userId, ...trainee }) => [userId as string, trainee])),
      };
      this.classes.set(classId, hit);
    }
    const found = hit.byUser.get(userId);
    if (found) return found;
    const [fresh] = await traineesOf(this.db, classId, { userId });
    if (fresh) hit.byUser.set(userId, fresh);
    return fresh;
  }

  /** Forget a class (its roster changed here). */
  forget(classId: string): void {
    this.classes.delete(classId);
  }
}
