import {
  isAbolished,
  type MessageLocale,
  type RoleAssignment,
  regionPrefix,
  scopeTarget,
  uuid,
} from '@ganxun/domain';
import { and, eq, inArray, like, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { regions, units } from '../../db/schema/index.js';
import type { RoleGrant } from '../../platform/context.js';
import type { FieldProblem } from '../../platform/errors.js';
import { shanghaiToday } from '../regions/validity.js';

/**
 * A role's scope must name something real: a region for an org admin, an active unit for a liaison
 * or a training officer. A grant to
 * nothing would silently reach nothing, or — worse — reach whatever is later created under that id.
 */

/** Unit ids are stored as Postgres prints them (lower case), so that they match unit paths. */
export function normaliseScope(assignment: RoleAssignment): RoleAssignment {
  if (scopeTarget(assignment.role) !== 'unit' || !assignment.scopeId) return assignment;
  return { ...assignment, scopeId: assignment.scopeId.toLowerCase() };
}

const isUuid = (value: string) => uuid.safeParse(value).success;

/**
 * The assignments whose scope names nothing usable, as field problems `roles.N.scopeId`. A region
 * must exist and be current — or, once abolished, still hold active units: someone has to keep
 * those until they are moved (the demo's Jianggan district, 330104, abolished in 2021). A unit
 * must exist and not have been merged away.
 */
export async function scopeProblems(
  exec: Executor,
  assignments: readonly RoleAssignment[],
  today = shanghaiToday(),
): Promise<FieldProblem[]> {
  const codes = new Set<string>();
  const unitIds = new Set<string>();
  for (const a of assignments) {
    if (!a.scopeId) continue;
    const target = scopeTarget(a.role);
    if (target === 'region') codes.add(a.scopeId);
    if (target === 'unit' && isUuid(a.scopeId)) unitIds.add(a.scopeId);
  }
  const usableRegions = await usableRegionCodes(exec, [...codes], today);
  const activeUnits = new Set(
    unitIds.size
      ? (
          await exec
            .select({ id: units.id })
            .from(units)
            .where(and(inArray(units.id, [...unitIds]), eq(units.status, 'active')))
        ).map((u) => u.id)
      : [],
  );
  const problems: FieldProblem[] = [];
  assignments.forEach((a, i) => {
    if (!a.scopeId) return;
    const target = scopeTarget(a.role);
    const ok =
      target === 'region'
        ? usableRegions.has(a.scopeId)
        : target === 'unit'
          ? activeUnits.has(a.scopeId)
          : true;
    if (!ok) problems.push({ path: `roles.${i}.scopeId`, key: 'scope_unknown' });
  });
  return problems;
}

async function usableRegionCodes(exec: Executor, codes: string[], today: string): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await exec
    .select({ code: regions.code, validTo: regions.validTo })
    .from(regions)
    .where(inArray(regions.code, codes));
  const usable = new Set(rows.filter((r) => !isAbolished(r.validTo, today)).map((r) => r.code));
  const abolished = rows.filter((r) => isAbolished(r.validTo, today)).map((r) => r.code);
  if (abolished.length > 0) {
    const held = await exec
      .selectDistinct({ regionCode: units.regionCode })
      .from(units)
      .where(
        and(
          eq(units.status, 'active'),
          or(...abolished.map((code) => like(units.regionCode, `${regionPrefix(code)}%`))),
        ),
      );
    for (const code of abolished) {
      if (held.some((h) => h.regionCode.startsWith(regionPrefix(code)))) usable.add(code);
    }
  }
  return usable;
}

export interface ScopeLabel {
  name: string;
  retired: boolean;
}

/** Labels keyed by `region:<code>` or `unit:<id>`. */
export type ScopeLabels = Map<string, ScopeLabel>;

/** The key of a grant's scope in ScopeLabels (null when its scope names no table). */
export function scopeKey(grant: RoleGrant): string | null {
  const target = scopeTarget(grant.role);
  if (!grant.scopeId || (target !== 'region' && target !== 'unit')) return null;
  return `${target}:${grant.scopeId}`;
}

/**
 * The names of the scopes of these grants, in the reader's language, with at most two queries
 * whatever the number of accounts. A scope that names nothing (granted before scopes were checked) has no
 * label; the page shows its raw id.
 */
export async function scopeLabels(
  exec: Executor,
  grants: readonly RoleGrant[],
  locale: MessageLocale,
  today = shanghaiToday(),
): Promise<ScopeLabels> {
  const codes = new Set<string>();
  const unitIds = new Set<string>();
  for (const g of grants) {
    if (!g.scopeId) continue;
    const target = scopeTarget(g.role);
    if (target === 'region') codes.add(g.scopeId);
    if (target === 'unit' && isUuid(g.scopeId)) unitIds.add(g.scopeId);
  }
  const regionRows = codes.size
    ? await exec
        .select({
          code: regions.code,
          name: regions.name,
          nameZhTw: regions.nameZhTw,
          validTo: regions.validTo,
        })
        .from(regions)
        .where(inArray(regions.code, [...codes]))
    : [];
  const unitRows = unitIds.size
    ? await exec
        .select({ id: units.id, name: units.name, status: units.status })
        .from(units)
        .where(inArray(units.id, [...unitIds]))
    : [];
  const out: ScopeLabels = new Map();
  for (const r of regionRows) {
    out.set(`region:${r.code}`, {
      name: locale === 'zh-TW' ? r.nameZhTw || r.name : r.name,
      retired: isAbolished(r.validTo, today),
    });
  }
  for (const u of unitRows) out.set(`unit:${u.id}`, { name: u.name, retired: u.status !== 'active' });
  return out;
}
