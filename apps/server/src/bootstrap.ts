import { randomBytes } from 'node:crypto';
import { buildServices, type Services } from './app.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { ensureDefaultPlans } from './modules/incidents/default-plans.js';
import { systemContext } from './platform/context.js';

/** Opens the database, applies migrations and writes the shipped code lists. */
export async function prepareDatabase(config: Config): Promise<{ database: Database; services: Services }> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(database);
  const services = buildServices(config, database);
  await services.dictionaries.seedReferenceData();
  await services.regions.seed();
  // The library of contingency plans starts with the six the issue names (only when it is empty).
  await ensureDefaultPlans(database.db);
  return { database, services };
}

/** A password that meets the default policy: four character classes, 20 characters. */
export function generatePassword(): string {
  const base = randomBytes(15).toString('base64url').replace(/[-_]/g, 'x');
  return `${base}#A7`;
}

/**
 * First start with no accounts: creates `admin` (system admin). With INITIAL_ADMIN_PASSWORD the
 * password is the operator's own; otherwise one is generated, printed once, and must be changed.
 */
export async function ensureInitialAdmin(
  config: Config,
  services: Services,
  print: (line: string) => void,
): Promise<void> {
  if ((await services.users.countUsers()) > 0) return;
  const ctx = systemContext('bootstrap');
  const given = config.initialAdminPassword;
  const password = given ?? generatePassword();
  const created = await services.users.create(ctx, {
    username: 'admin',
    displayName: '系统管理员',
    password,
    locale: 'zh-CN',
    mustChangePassword: !given,
  });
  await services.users.setRoles(ctx, created, [{ role: 'system_admin', scopeId: null }]);
  if (!given) {
    print('================================================================');
    print(' 初始系统管理员 / initial system administrator');
    print(`   username: admin   password: ${password}`);
    print(' 首次登录须修改密码 / change it at first sign-in');
    print('================================================================');
  } else {
    print('Created the initial system administrator "admin" (password from INITIAL_ADMIN_PASSWORD).');
  }
}
