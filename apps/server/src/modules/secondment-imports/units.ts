import { regionPrefix } from '@ganxun/domain';
import { and, eq, inArray, like, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import { nameKey } from '../imports/resolve.js';
import type { SideInfo } from '../partnerships/sides.js';
import type { CellProblem } from './sheet.js';

interface SideUnit {
  id: string;
  name: string;
  path: string;
}

/**
 * The active units of one side of a pairing (its region subtree, or its unit's subtree), found by
 * a name unique within the side or by a path of names joined with '/' (full from the root, or its
 * last parts: 上级单位/单位). The side's own name may lead the path (江干区/江干区人民医院).
 * Rows never create units: an unknown unit is the row's error.
 */
export class SideUnits {
  private readonly byName = new Map<string, SideUnit[]>();

  private constructor(
    private readonly side: SideInfo,
    private readonly names: Map<string, string>,
    list: SideUnit[],
  ) {
    for (const u of list) {
      const key = nameKey(u.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), u]);
    }
  }

  static async load(exec: Executor, side: SideInfo, unitPath: string | null): Promise<SideUnits> {
    const where: SQL = unitPath
      ? like(units.path, `${unitPath}%`)
      : like(units.regionCode, `${regionPrefix(side.regionCode)}%`);
    const list = await exec
      .select({ id: units.id, name: units.name, path: units.path })
      .from(units)
      .where(and(eq(units.status, 'active'), where));
    const names = new Map(list.map((u) => [u.id, u.name]));
    // Ancestors outside the side (a prefecture's root unit above a city's) name paths too.
    const missing = [...new Set(list.flatMap((u) => u.path.split('/').filter(Boolean)))].filter(
      (id) => !names.has(id),
    );
    for (let i = 0; i < missing.length; i += 1000) {
      const more = await exec
        .select({ id: units.id, name: units.name })
        .from(units)
        .where(inArray(units.id, missing.slice(i, i + 1000)));
      for (const u of more) names.set(u.id, u.name);
    }
    return new SideUnits(side, names, list);
  }

  private match(keys: string[]): SideUnit[] {
    const above = keys.slice(0, -1);
    return (this.byName.get(keys.at(-1) as string) ?? []).filter((u) => {
      const chain = u.path
        .split('/')
        .filter(Boolean)
        .slice(0, -1)
        .map((id) => nameKey(this.names.get(id) ?? ''));
      return (
        above.length <= chain.length && above.every((s, i) => chain[chain.length - above.length + i] === s)
      );
    });
  }

  /** The unit a cell names; `null` when the side has none of that name. */
  find(text: string): { id: string; name: string } | { problem: CellProblem } | null {
    const keys = text
      .normalize('NFKC')
      .split('/')
      .map((s) => nameKey(s))
      .filter(Boolean);
    if (keys.length === 0) return null;
    let found = this.match(keys);
    const sideKeys = new Set([this.side.names.zhCN, this.side.names.zhTW, this.side.regionName].map(nameKey));
    if (found.length === 0 && keys.length > 1 && sideKeys.has(keys[0] as string))
      found = this.match(keys.slice(1));
    if (found.length === 0) return null;
    if (found.length > 1) return { problem: { key: 'unit_ambiguous', x: text } };
    const unit = found[0] as SideUnit;
    return { id: unit.id, name: unit.name };
  }
}
