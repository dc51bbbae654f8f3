import { type Role, scopeTarget } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import type { Services } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import { users } from '../src/db/schema/index.js';
import type { UserWithRoles } from '../src/modules/users/service.js';
import { systemContext } from '../src/platform/context.js';
import { makeUnit } from './directory-factories.js';

/** The password every factory user gets unless told otherwise (meets the default policy). */
export const PASSWORD = 'Tr@ining-2026';

let counter = 0;
/** A unique, valid username for this test file. */
export function uniqueName(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

export interface UserOverrides {
  username?: string;
  displayName?: string;
  password?: string;
  roles?: { role: Role; scopeId?: string | null }[];
  mustChangePassword?: boolean;
  status?: 'active' | 'disabled';
}

/** Creates an account through the service (so it is valid and audited like a real one). */
export async function makeUser(
  services: Services,
  database: Database,
  overrides: UserOverrides = {},
): Promise<UserWithRoles> {
  const ctx = systemContext('test');
  const created = await services.users.create(ctx, {
    username: overrides.username ?? uniqueName(),
    displayName: overrides.displayName ?? '测试用户',
    password: overrides.password ?? PASSWORD,
    locale: 'zh-CN',
    mustChangePassword: overrides.mustChangePassword ?? false,
  });
  if (overrides.roles?.length) {
    await services.users.setRoles(
      ctx,
      created,
      overrides.roles.map((r) => ({ role: r.role, scopeId: r.scopeId ?? null })),
    );
  }
  if (overrides.status === 'disabled') {
    await database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, created.user.id));
  }
  return services.users.byId(created.user.id);
}

/**
 * A real scope per role, for tables of role × action: Hubei province for an org admin, `unitId`
 * (or a new unit in Enshi city) for a liaison or a training officer, nothing for the others.
 */
export async function defaultScope(database: Database, role: Role, unitId?: string): Promise<string | null> {
  switch (scopeTarget(role)) {
    case 'region':
      return '420000';
    case 'unit':
      return unitId ?? (await makeUnit(database)).id;
    default:
      return null;
  }
}
