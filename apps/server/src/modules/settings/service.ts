import {
  DEFAULT_SECURITY_SETTINGS,
  diffFields,
  type SecuritySettings,
  securitySettings,
} from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';

const KEY = 'security';
/** Settings are read on every request; a short cache keeps that off the database. Writers clear it. */
const CACHE_MS = 5_000;

export class SettingsService {
  private cached: { value: SecuritySettings; at: number } | null = null;

  constructor(private readonly db: Db) {}

  async security(): Promise<SecuritySettings> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const [row] = await this.db.select().from(settings).where(eq(settings.key, KEY));
    // Stored values are merged over the defaults, so a setting added later has its default.
    const parsed = securitySettings.safeParse({
      ...DEFAULT_SECURITY_SETTINGS,
      ...((row?.value as object) ?? {}),
    });
    const value = parsed.success ? parsed.data : DEFAULT_SECURITY_SETTINGS;
    this.cached = { value, at: Date.now() };
    return value;
  }

  async updateSecurity(ctx: RequestContext, patch: Partial<SecuritySettings>): Promise<SecuritySettings> {
    const before = await this.security();
    const next = securitySettings.parse({ ...before, ...patch });
    await this.db.transaction(async (tx) => {
      await tx
        .insert(settings)
        .values({ key: KEY, value: next, updatedBy: ctx.actor?.id ?? null })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value: next, updatedAt: new Date(), updatedBy: ctx.actor?.id ?? null },
        });
      await recordAudit(tx, ctx, {
        action: 'settings.security.update',
        entityType: 'settings',
        entityId: KEY,
        changes: diffFields(before, next),
      });
    });
    this.cached = null;
    return next;
  }
}
