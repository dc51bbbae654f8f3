import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.js';

/** Advisory-lock key for migrations ("GXMG"): two servers starting together migrate once. */
export const MIGRATION_LOCK_KEY = 0x47584d47;

/** The committed migrations: beside this file in the source tree, `dist/migrations` when built. */
export function migrationsFolder(): string {
  const candidates = ['./migrations', './db/migrations'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Applies every pending migration, holding the migration lock. */
export async function runMigrations(database: Database): Promise<void> {
  const migrationsFolderPath = migrationsFolder();
  await database.withAdvisoryLock(MIGRATION_LOCK_KEY, async () => {
    if (database.kind === 'pglite') {
      await migratePglite(database.db as unknown as PgliteDatabase, {
        migrationsFolder: migrationsFolderPath,
      });
    } else {
      await migrateNodePg(database.db as unknown as NodePgDatabase, {
        migrationsFolder: migrationsFolderPath,
      });
    }
  });
}
