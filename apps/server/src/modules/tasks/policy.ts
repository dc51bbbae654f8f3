import { regionPrefix } from '@ganxun/domain';
import type { Actor } from '../../platform/context.js';
import type { ClassPlace } from '../classes/policy.js';
import { runs } from '../classes/policy.js';

/**
 * Who may do what with a task force, its checklist and the templates.
 *
 * - The class's `taskforce` runners (policy.ts of classes) change the task force and the checklist.
 * - They, the class's director and assistants and the task force's members read it.
 * - The owner of a task may move its status and write its notes without running the class.
 * - Templates are kept by `contingency.edit` holders: an org admin keeps the shared ones (no owner
 *   unit) and those of institutions in their region; a training officer those of their institution.
 */

/** Does the actor change this class's task force and checklist? */
export function managesTaskForce(actor: Actor, place: ClassPlace): boolean {
  return runs(actor, 'taskforce', place);
}

/** Is the user the class's director or one of its assistants? */
export function isClassStaff(
  place: Pick<ClassPlace, 'directorId' | 'assistantIds'>,
  userId: string,
): boolean {
  return place.directorId === userId || place.assistantIds.includes(userId);
}

/** The fields a task's owner may change on their own task without running the class. */
export const OWNER_FIELDS = new Set(['status', 'notes']);

/** The institution a new template belongs to: the author's (a training officer's), or shared. */
export function templateOwnerUnit(actor: Actor): string | null {
  return actor.roles.find((g) => g.role === 'training_officer' && g.scopeId)?.scopeId ?? null;
}

/** May the actor change a template owned by `owner` (null: shared), given the owner unit's place? */
export function mayEditTemplate(
  actor: Actor,
  owner: { id: string; path: string; regionCode: string } | null,
): boolean {
  if (!actor.permissions.has('contingency.edit')) return false;
  return actor.roles.some((g) => {
    if (g.role === 'org_admin' && g.scopeId) {
      return owner === null || owner.regionCode.startsWith(regionPrefix(g.scopeId));
    }
    if (g.role === 'training_officer' && g.scopeId) {
      return !!owner?.path.includes(`/${g.scopeId}/`);
    }
    return false;
  });
}

/** May the actor read the template library (to keep it, or to apply a template to a class)? */
export function readsTemplates(actor: Actor): boolean {
  return actor.permissions.has('contingency.edit') || actor.permissions.has('taskforce.manage');
}
