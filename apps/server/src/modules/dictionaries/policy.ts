import type { Actor } from '../../platform/context.js';
import type { DictionaryRow } from './service.js';

export type DictionaryAction = 'read' | 'edit';

/** Every signed-in business user and the admins read code lists; only the system admin edits configurable ones. */
export function can(actor: Actor, action: DictionaryAction, dictionary?: DictionaryRow): boolean {
  if (action === 'read') return actor.permissions.has('dictionary.read');
  return actor.permissions.has('dictionary.edit') && (dictionary?.editable ?? true);
}
