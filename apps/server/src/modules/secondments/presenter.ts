import {
  type MessageLocale,
  type SecondmentView,
  secondmentActionsFrom,
  secondmentAlert,
  type UnitType,
} from '@ganxun/domain';
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { people, type secondments, units, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { fieldMessage } from '../../platform/i18n.js';
import { type PartnershipPlace, reachesPartnership } from '../partnerships/policy.js';
import { loadPartnerships, sidesOf } from '../partnerships/sides.js';

export type SecondmentRow = typeof secondments.$inferSelect;

/** Names of the person-record codes a warning quotes (`x`), in the reader's language. */
const RECORD_NAMES: Record<string, Record<MessageLocale, string>> = {
  cadre: { 'zh-CN': '党政干部', 'zh-TW': '黨政幹部', en: 'cadre' },
  professional: { 'zh-CN': '专业技术人才', 'zh-TW': '專業技術人才', en: 'professional' },
  other: { 'zh-CN': '其他', 'zh-TW': '其他', en: 'other' },
  medical: { 'zh-CN': '医疗卫生', 'zh-TW': '醫療衛生', en: 'medical' },
  education: { 'zh-CN': '教育', 'zh-TW': '教育', en: 'education' },
  agriculture: { 'zh-CN': '农业', 'zh-TW': '農業', en: 'agriculture' },
};

/** The stored warnings as messages in the reader's language. */
export function presentWarnings(
  stored: readonly { code: string; x?: string }[],
  locale: MessageLocale,
): SecondmentView['warnings'] {
  return stored.map((w) => ({
    code: w.code,
    message: fieldMessage(w.code, locale, w.x ? (RECORD_NAMES[w.x]?.[locale] ?? w.x) : '—'),
  }));
}

/** May the actor change this secondment (secondment.edit on its pairing)? */
export function mayEdit(actor: Actor | null, pairing: PartnershipPlace | undefined): boolean {
  return !!actor && !!pairing && reachesPartnership(actor, 'secondment.edit', pairing);
}

/** Display names of users (for changes, logs, events), by id. */
export async function userNames(
  exec: Executor,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return new Map();
  const rows = await exec
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Views of rows, named (pairing, directions, person, units) with one query per kind for the whole
 * page, the alert as of `today`, warnings in the reader's language and the reader's buttons.
 */
export async function presentSecondments(
  exec: Executor,
  actor: Actor | null,
  locale: MessageLocale,
  rows: readonly SecondmentRow[],
  today: string,
): Promise<SecondmentView[]> {
  if (rows.length === 0) return [];
  const personIds = [...new Set(rows.map((r) => r.personId))];
  const [pairings, persons] = await Promise.all([
    loadPartnerships(
      exec,
      rows.map((r) => r.partnershipId),
    ),
    exec
      .select({ id: people.id, name: people.name, gender: people.gender, unitId: people.unitId })
      .from(people)
      .where(inArray(people.id, personIds)),
  ]);
  const unitIds = [
    ...new Set([...rows.flatMap((r) => [r.homeUnitId, r.hostUnitId]), ...persons.map((p) => p.unitId)]),
  ];
  const unitRows = await exec
    .select({ id: units.id, name: units.name, type: units.type })
    .from(units)
    .where(inArray(units.id, unitIds));
  const unitOf = new Map(unitRows.map((u) => [u.id, u]));
  const personOf = new Map(persons.map((p) => [p.id, p]));
  return rows.map((r) => {
    const pairing = pairings.get(r.partnershipId);
    const sides = pairing ? sidesOf(pairing, r.direction) : null;
    const person = personOf.get(r.personId);
    const canEdit = mayEdit(actor, pairing);
    const host = unitOf.get(r.hostUnitId);
    return {
      id: r.id,
      partnership: { id: r.partnershipId, name: pairing?.name ?? '' },
      person: {
        id: r.personId,
        name: person?.name ?? '',
        gender: person?.gender ?? 'male',
        unitName: (person && unitOf.get(person.unitId)?.name) ?? '',
      },
      direction: r.direction,
      sendingLabel: sides?.sending.label ?? '',
      receivingLabel: sides?.receiving.label ?? '',
      form: r.form,
      category: r.category,
      specialty: r.specialty,
      homeUnit: { id: r.homeUnitId, name: unitOf.get(r.homeUnitId)?.name ?? '' },
      homePost: r.homePost,
      hostUnit: { id: r.hostUnitId, name: host?.name ?? '', type: (host?.type ?? 'other') as UnitType },
      hostPost: r.hostPost,
      fullTime: r.fullTime,
      plannedStart: r.plannedStart,
      plannedEnd: r.plannedEnd,
      actualStart: r.actualStart,
      actualEnd: r.actualEnd,
      mentor: r.mentor,
      partyTransfer: r.partyTransfer,
      status: r.status,
      alert: secondmentAlert(r, today),
      warnings: presentWarnings(r.warnings, locale),
      note: r.note,
      actions: canEdit ? secondmentActionsFrom(r.status) : [],
      canEdit,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}
