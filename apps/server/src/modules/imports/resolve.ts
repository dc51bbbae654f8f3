import { guessUnitType, type UnitType } from '@ganxun/domain';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { regions, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { reaches, reachesOf, unitScope } from '../units/policy.js';
import type { CellProblem } from './values.js';
import { simplified } from './values.js';

/**
 * Finding the unit a row names, among the active units the importer may import into: by name, or
 * by a path `上级单位/单位` when names repeat. Units a row names that do not exist are planned here
 * (when the importer asked for it) and created by the commit.
 */

export interface UnitInfo {
  id: string;
  name: string;
  parentId: string | null;
  path: string;
  regionCode: string;
}

/** A unit the commit creates: under an existing unit, under another planned one, or as a root. */
export interface PlannedUnit {
  key: string;
  name: string;
  parentId: string | null;
  parentKey: string | null;
  regionCode: string;
  type: UnitType;
}

export type UnitRef = { id: string; name: string } | { pending: string; name: string };

/** How names are compared: Simplified characters, NFKC, no white space. */
export function nameKey(text: string): string {
  return simplified(text.normalize('NFKC')).replace(/\s+/g, '');
}

type Found = { unit: UnitInfo } | { ambiguous: true } | null;

export class UnitDirectory {
  private readonly byName = new Map<string, UnitInfo[]>();
  private readonly names = new Map<string, string>();
  private readonly planned = new Map<string, PlannedUnit>();

  private constructor(
    private readonly actor: Actor,
    readonly reachable: UnitInfo[],
  ) {
    for (const u of reachable) {
      const key = nameKey(u.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), u]);
      this.names.set(u.id, u.name);
    }
  }

  /** The active units the actor may import people into, and the names of their ancestors. */
  static async load(db: Db, actor: Actor): Promise<UnitDirectory> {
    const rows = await db
      .select({
        id: units.id,
        name: units.name,
        parentId: units.parentId,
        path: units.path,
        regionCode: units.regionCode,
      })
      .from(units)
      .where(and(eq(units.status, 'active'), unitScope(actor, 'person.import')));
    const dir = new UnitDirectory(actor, rows);
    const missing = [...new Set(rows.flatMap((u) => u.path.split('/').filter(Boolean)))].filter(
      (id) => !dir.names.has(id),
    );
    for (let i = 0; i < missing.length; i += 1000) {
      const more = await db
        .select({ id: units.id, name: units.name })
        .from(units)
        .where(inArray(units.id, missing.slice(i, i + 1000)));
      for (const u of more) dir.names.set(u.id, u.name);
    }
    return dir;
  }

  /** Units the commit will create, parents before children. */
  plannedUnits(): PlannedUnit[] {
    return [...this.planned.values()];
  }

  /** The unit whose name is the last key and whose ancestors' names end with the keys before it. */
  private match(keys: string[]): Found {
    const above = keys.slice(0, -1);
    const candidates = (this.byName.get(keys.at(-1) as string) ?? []).filter((u) => {
      const chain = u.path
        .split('/')
        .filter(Boolean)
        .slice(0, -1)
        .map((id) => nameKey(this.names.get(id) ?? ''));
      return above.every((s, i) => chain[chain.length - above.length + i] === s);
    });
    if (candidates.length === 0) return null;
    return candidates.length === 1 ? { unit: candidates[0] as UnitInfo } : { ambiguous: true };
  }

  /**
   * The unit a cell names — by its name, or by a path 上级单位/单位 — or, when it does not exist
   * among the reachable units, the deepest existing ancestor the path names and the names below it.
   */
  find(text: string): { unit: UnitInfo } | { problem: CellProblem } | { missing: Missing } {
    const whole = this.match([nameKey(text)]);
    if (whole && 'unit' in whole) return whole;
    if (whole) return { problem: { key: 'unit_ambiguous', x: text } };
    const written = text
      .normalize('NFKC')
      .split('/')
      .map((s) => s.trim())
      .filter(Boolean);
    if (written.length === 0) return { problem: { key: 'unit_not_found', x: text } };
    const keys = written.map(nameKey);
    for (let depth = keys.length; depth >= 1; depth--) {
      const found = this.match(keys.slice(0, depth));
      if (!found) continue;
      if ('ambiguous' in found) return { problem: { key: 'unit_ambiguous', x: text } };
      if (depth === keys.length) return found;
      return { missing: { parent: found.unit, names: written.slice(depth) } };
    }
    return { missing: { parent: null, names: written } };
  }

  /**
   * Plans the units a row names that do not exist: below the deepest existing ancestor it names,
   * else as a root in the row's region when that is the importer's (org admin), else below the
   * importer's own unit (liaison). Every planned unit must lie within the importer's reach.
   */
  plan(missing: Missing, region: { code: string } | null): UnitRef | { problem: CellProblem } {
    if (!this.actor.permissions.has('unit.edit')) return { problem: { key: 'unit_create_forbidden' } };
    let parent = missing.parent;
    const place = (p: UnitInfo | null, regionCode: string) => ({
      path: `${p?.path ?? '/'}00000000-0000-4000-8000-000000000000/`,
      regionCode,
    });
    if (!parent && !(region && reaches(this.actor, 'person.import', place(null, region.code)))) {
      const own = reachesOf(this.actor, 'person.import').find((r) => r.kind === 'unit');
      parent = own?.kind === 'unit' ? (this.reachable.find((u) => u.id === own.unitId) ?? null) : null;
      if (!parent)
        return {
          problem: region ? { key: 'region_out_of_scope', x: region.code } : { key: 'region_required' },
        };
    }
    const regionCode = region?.code ?? (parent as UnitInfo | null)?.regionCode;
    if (!regionCode) return { problem: { key: 'region_required' } };
    if (!reaches(this.actor, 'person.import', place(parent, regionCode)))
      return { problem: { key: 'region_out_of_scope', x: regionCode } };
    let parentId = parent?.id ?? null;
    let parentKey: string | null = null;
    let ref: UnitRef | null = null;
    for (const name of missing.names) {
      if (name.length > 100) return { problem: { key: 'unit_name_too_long' } };
      const key: string = `${parentId ?? parentKey ?? 'root'}/${nameKey(name)}`;
      if (!this.planned.has(key))
        this.planned.set(key, { key, name, parentId, parentKey, regionCode, type: guessUnitType(name) });
      ref = { pending: key, name };
      parentId = null;
      parentKey = key;
    }
    return ref ?? { problem: { key: 'unit_not_found' } };
  }
}

export interface Missing {
  parent: UnitInfo | null;
  names: string[];
}

/** Region names and codes (所属地区) as rows give them, resolved once per distinct value. */
export class RegionDirectory {
  private readonly cache = new Map<string, { code: string } | { problem: CellProblem }>();

  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  async resolve(text: string): Promise<{ code: string } | { problem: CellProblem }> {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const result = await this.lookup(text);
    this.cache.set(text, result);
    return result;
  }

  private async lookup(text: string): Promise<{ code: string } | { problem: CellProblem }> {
    const value = text.normalize('NFKC').replace(/\s+/g, '');
    const current = isNull(regions.validTo);
    if (/^\d{6}$/.test(value)) {
      const [row] = await this.db
        .select({ code: regions.code })
        .from(regions)
        .where(and(eq(regions.code, value), current));
      return row ? { code: row.code } : { problem: { key: 'region_not_found', x: text } };
    }
    const simple = simplified(value);
    const rows = await this.db
      .select({ code: regions.code })
      .from(regions)
      .where(
        and(or(eq(regions.name, simple), eq(regions.name, value), eq(regions.nameZhTw, value)), current),
      );
    if (rows.length === 0) return { problem: { key: 'region_not_found', x: text } };
    if (rows.length === 1) return { code: (rows[0] as { code: string }).code };
    // The same name in several places (城关镇): the one inside the importer's regions, if just one is.
    const prefixes = reachesOf(this.actor, 'person.import').flatMap((r) =>
      r.kind === 'region' ? [r.prefix] : [],
    );
    const inside = rows.filter((r) => prefixes.some((p) => r.code.startsWith(p)));
    return inside.length === 1
      ? { code: (inside[0] as { code: string }).code }
      : { problem: { key: 'region_ambiguous', x: text } };
  }
}
