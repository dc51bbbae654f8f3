import { z } from 'zod';
import { localeSchema, text } from './common.js';
import { isPasswordExpired, passwordField } from './password.js';
import { PERMISSIONS } from './permissions.js';
import { isAdminRole, type Role, roleSchema } from './roles.js';

export const USERNAME_PATTERN = /^[a-zA-Z0-9_.-]{3,40}$/;
export const usernameField = z.string().trim().regex(USERNAME_PATTERN, { message: 'username_format' });

export const loginBody = z.strictObject({
  username: text(64),
  password: passwordField,
  totpCode: z
    .string()
    .regex(/^\d{6}$/, { message: 'totp_format' })
    .optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.strictObject({
  currentPassword: passwordField,
  newPassword: passwordField,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const roleGrant = z.object({ role: roleSchema, scopeId: z.string().nullable() });

/** What the console knows about the signed-in user; `restriction` blocks everything else until met. */
export const meResponse = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  locale: localeSchema,
  /** Each grant with its scope's name (a region or unit) in the reader's language, when it names one. */
  roles: z.array(roleGrant.extend({ scopeName: z.string().nullable() })),
  permissions: z.array(z.enum(PERMISSIONS)),
  totpEnabled: z.boolean(),
  restriction: z.enum(['password_change', 'totp_setup']).nullable(),
  passwordExpiresAt: z.string().nullable(),
  csrfToken: z.string(),
  sessionExpiresAt: z.string(),
  idleTimeoutSeconds: z.number().int(),
  /** The lecturer-pool entry linked to the user's person record (their "my sessions"), if any. */
  lecturerId: z.uuid().nullable(),
});
export type Me = z.infer<typeof meResponse>;

export const updateProfileBody = z.strictObject({
  displayName: text(50).optional(),
  locale: localeSchema.optional(),
});

export const totpSetupResponse = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
});
export const totpEnableBody = z.strictObject({
  code: z.string().regex(/^\d{6}$/, { message: 'totp_format' }),
});
export const totpDisableBody = z.strictObject({ password: passwordField });

/** The CSRF header that every cookie-authenticated write must carry (value from `me.csrfToken`). */
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'gx_session';

export type SessionRestriction = 'password_change' | 'totp_setup' | null;

/**
 * What a signed-in user must do before anything else: change the password (forced, or expired),
 * or set up two-factor authentication when the settings require it for administrator roles.
 */
export function sessionRestriction(
  user: {
    mustChangePassword: boolean;
    passwordChangedAt: Date;
    totpEnabled: boolean;
    roles: readonly Role[];
  },
  settings: { passwordMaxAgeDays: number; requireTotpForAdmins: boolean },
  now = new Date(),
): SessionRestriction {
  if (
    user.mustChangePassword ||
    isPasswordExpired(user.passwordChangedAt, settings.passwordMaxAgeDays, now)
  ) {
    return 'password_change';
  }
  if (settings.requireTotpForAdmins && !user.totpEnabled && user.roles.some(isAdminRole)) return 'totp_setup';
  return null;
}
