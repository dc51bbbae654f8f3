import { z } from 'zod';

/** Security settings that the security admin edits (stored in the database, applied at once). */
export const securitySettings = z.strictObject({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordMinClasses: z.number().int().min(2).max(4),
  passwordHistory: z.number().int().min(0).max(24),
  passwordMaxAgeDays: z.number().int().min(0).max(3650),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  sessionIdleMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  sessionAbsoluteHours: z.number().int().min(1).max(72),
  requireTotpForAdmins: z.boolean(),
});
export type SecuritySettings = z.infer<typeof securitySettings>;
export const securitySettingsPatch = securitySettings.partial();

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  passwordHistory: 5,
  passwordMaxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  requireTotpForAdmins: false,
};

export const onlineSessionView = z.object({
  id: z.string(),
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});
export type OnlineSessionView = z.infer<typeof onlineSessionView>;
