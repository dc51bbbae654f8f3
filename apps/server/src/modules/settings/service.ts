import {
  DEFAULT_LEAVE_SETTINGS,
  DEFAULT_SECURITY_SETTINGS,
  DEFAULT_STUDY_HOUR_SETTINGS,
  DEFAULT_TRAINING_SETTINGS,
  diffFields,
  type LeaveSettings,
  leaveSettings,
  type SecuritySettings,
  type StudyHourSettings,
  securitySettings,
  studyHourSettings,
  type TrainingSettings,
  trainingSettings,
} from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';

/** Settings are read on every request; a short cache keeps that off the database. Writers clear it. */
const CACHE_MS = 5_000;

/** A group of settings stored under one key, merged over its defaults. */
interface Group<T> {
  key: string;
  schema: z.ZodType<T>;
  defaults: T;
}

const SECURITY: Group<SecuritySettings> = {
  key: 'security',
  schema: securitySettings as unknown as z.ZodType<SecuritySettings>,
  defaults: DEFAULT_SECURITY_SETTINGS,
};
const TRAINING: Group<TrainingSettings> = {
  key: 'training',
  schema: trainingSettings,
  defaults: DEFAULT_TRAINING_SETTINGS,
};

const LEAVE: Group<LeaveSettings> = {
  key: 'leave',
  schema: leaveSettings,
  defaults: DEFAULT_LEAVE_SETTINGS,
};
const STUDY_HOURS: Group<StudyHourSettings> = {
  key: 'study_hours',
  schema: studyHourSettings,
  defaults: DEFAULT_STUDY_HOUR_SETTINGS,
};

export class SettingsService {
  private readonly cache = new Map<string, { value: unknown; at: number }>();

  constructor(private readonly db: Db) {}

  /** Password policy, lockout, session timeouts (the security admin's). */
  security(): Promise<SecuritySettings> {
    return this.read(SECURITY);
  }

  async updateSecurity(ctx: RequestContext, patch: Partial<SecuritySettings>): Promise<SecuritySettings> {
    return this.write(ctx, SECURITY, patch, 'settings.security.update');
  }

  /** Training rules: hours credited per class day (planned 学时 of classes without a hand-set value). */
  training(): Promise<TrainingSettings> {
    return this.read(TRAINING);
  }

  async updateTraining(ctx: RequestContext, next: Partial<TrainingSettings>): Promise<TrainingSettings> {
    return this.write(ctx, TRAINING, next, 'settings.training.update');
  }

  /** Leave rules: when a second level of approval is needed, the 1/7 allowance and its warning. */
  leave(): Promise<LeaveSettings> {
    return this.read(LEAVE);
  }

  async updateLeave(ctx: RequestContext, next: Partial<LeaveSettings>): Promise<LeaveSettings> {
    return this.write(ctx, LEAVE, next, 'settings.leave.update');
  }

  /** Study-hour requirements (90 a year, 550 in five years, 50 online a year by default). */
  studyHours(): Promise<StudyHourSettings> {
    return this.read(STUDY_HOURS);
  }

  async updateStudyHours(ctx: RequestContext, next: Partial<StudyHourSettings>): Promise<StudyHourSettings> {
    return this.write(ctx, STUDY_HOURS, next, 'settings.studyHours.update');
  }

  private async read<T>(group: Group<T>): Promise<T> {
    const hit = this.cache.get(group.key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as T;
    const [row] = await this.db.select().from(settings).where(eq(settings.key, group.key));
    // Stored values are merged over the defaults, so a setting added later has its default.
    const parsed = group.schema.safeParse({
      ...(group.defaults as object),
      ...((row?.value as object) ?? {}),
    });
    const value = parsed.success ? parsed.data : group.defaults;
    this.cache.set(group.key, { value, at: Date.now() });
    return value;
  }

  private async write<T>(
    ctx: RequestContext,
    group: Group<T>,
    patch: Partial<T>,
    action: string,
  ): Promise<T> {
    const before = await this.read(group);
    const next = group.schema.parse({ ...before, ...patch });
    await this.db.transaction(async (tx) => {
      await tx
        .insert(settings)
        .values({ key: group.key, value: next, updatedBy: ctx.actor?.id ?? null })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value: next, updatedAt: new Date(), updatedBy: ctx.actor?.id ?? null },
        });
      await recordAudit(tx, ctx, {
        action,
        entityType: 'settings',
        entityId: group.key,
        changes: diffFields(before as Record<string, unknown>, next as Record<string, unknown>),
      });
    });
    this.cache.delete(group.key);
    return next;
  }
}
