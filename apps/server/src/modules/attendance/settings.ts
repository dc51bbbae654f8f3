import { type AttendanceSettings, type AttendanceSettingsPatch, attendanceSettings } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { attendanceSettingsTable } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';

/** Stores a change of a class's check-in settings over its earlier overrides (audited). */
export function saveSettings(
  db: Db,
  ctx: RequestContext,
  classId: string,
  patch: AttendanceSettingsPatch,
  actorId: string,
  now: Date,
): Promise<AttendanceSettings> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(attendanceSettingsTable)
      .where(eq(attendanceSettingsTable.classId, classId))
      .for('update');
    const before = attendanceSettings.parse(row?.settings ?? {});
    const stored = { ...((row?.settings as Record<string, unknown> | undefined) ?? {}), ...patch };
    const after = attendanceSettings.parse(stored);
    await tx
      .insert(attendanceSettingsTable)
      .values({ classId, settings: stored, updatedBy: actorId, updatedAt: now })
      .onConflictDoUpdate({
        target: attendanceSettingsTable.classId,
        set: { settings: stored, updatedBy: actorId, updatedAt: now },
      });
    const changes: Record<string, unknown> = {};
    for (const k of Object.keys(after) as (keyof AttendanceSettings)[]) {
      if (before[k] !== after[k]) changes[k] = [before[k], after[k]];
    }
    await recordAudit(tx, ctx, {
      action: 'attendance.settings.update',
      entityType: 'class',
      entityId: classId,
      changes,
    });
    return after;
  });
}
