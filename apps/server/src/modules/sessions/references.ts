import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classGroups, dictionaryItems, lecturers, venues } from '../../db/schema/index.js';
import type { FieldProblem } from '../../platform/errors.js';
import { SESSION_TYPE_LIST } from './read.js';

/** The fields of an item that name other records (each checked only when present). */
export interface SessionReferences {
  type?: string | undefined;
  venueId?: string | null | undefined;
  lecturers?: readonly { lecturerId: string }[] | undefined;
  groupIds?: readonly string[] | null | undefined;
}

/**
 * Checks what items refer to: an active `session_type` item, active lecturers and venues of the
 * pools, groups of this class. `prefix` names each item's place in the body (`''` for a single
 * item, `items.3.` in a copy). Runs on `exec` (the write's transaction).
 */
export async function checkSessionReferences(
  exec: Executor,
  classId: string,
  items: readonly { prefix: string; refs: SessionReferences }[],
): Promise<FieldProblem[]> {
  const types = [...new Set(items.map((i) => i.refs.type).filter((t): t is string => t !== undefined))];
  const venueIds = [...new Set(items.map((i) => i.refs.venueId).filter((v): v is string => !!v))];
  const lecturerIds = [...new Set(items.flatMap((i) => (i.refs.lecturers ?? []).map((l) => l.lecturerId)))];
  const groupIds = [...new Set(items.flatMap((i) => i.refs.groupIds ?? []))];
  const [typeRows, venueRows, lecturerRows, groupRows] = await Promise.all([
    types.length
      ? exec
          .select({ code: dictionaryItems.code })
          .from(dictionaryItems)
          .where(
            and(
              eq(dictionaryItems.dictionaryCode, SESSION_TYPE_LIST),
              inArray(dictionaryItems.code, types),
              eq(dictionaryItems.active, true),
            ),
          )
      : [],
    venueIds.length
      ? exec
          .select({ id: venues.id })
          .from(venues)
          .where(and(inArray(venues.id, venueIds), eq(venues.status, 'active')))
      : [],
    lecturerIds.length
      ? exec
          .select({ id: lecturers.id })
          .from(lecturers)
          .where(and(inArray(lecturers.id, lecturerIds), eq(lecturers.status, 'active')))
      : [],
    groupIds.length
      ? exec
          .select({ id: classGroups.id })
          .from(classGroups)
          .where(and(inArray(classGroups.id, groupIds), eq(classGroups.classId, classId)))
      : [],
  ]);
  const okType = new Set(typeRows.map((r) => r.code));
  const okVenue = new Set(venueRows.map((r) => r.id));
  const okLecturer = new Set(lecturerRows.map((r) => r.id));
  const okGroup = new Set(groupRows.map((r) => r.id));
  const problems: FieldProblem[] = [];
  for (const { prefix, refs } of items) {
    if (refs.type !== undefined && !okType.has(refs.type))
      problems.push({ path: `${prefix}type`, key: 'session_type_unknown' });
    if (refs.venueId && !okVenue.has(refs.venueId))
      problems.push({ path: `${prefix}venueId`, key: 'venue_unknown' });
    refs.lecturers?.forEach((l, i) => {
      if (!okLecturer.has(l.lecturerId))
        problems.push({ path: `${prefix}lecturers.${i}.lecturerId`, key: 'lecturer_unknown' });
    });
    refs.groupIds?.forEach((g, i) => {
      if (!okGroup.has(g)) problems.push({ path: `${prefix}groupIds.${i}`, key: 'group_unknown' });
    });
  }
  return problems;
}
