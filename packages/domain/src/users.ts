import { z } from 'zod';
import { roleGrant, usernameField } from './auth.js';
import { listQuery, localeSchema, pageOf, text } from './common.js';
import { passwordField } from './password.js';
import { roleAssignmentSchema, roleSchema } from './roles.js';

export const USER_STATUSES = ['active', 'disabled'] as const;

/**
 * A role as the account pages show it: the scope's name in the reader's language (region or unit;
 * null for a class or a scope that names nothing), and whether the scope is retired (an abolished
 * region, a merged unit), so that the security admin sees a grant that needs attention.
 */
export const userRoleView = roleGrant.extend({
  scopeName: z.string().nullable(),
  scopeRetired: z.boolean(),
});
export type UserRoleView = z.infer<typeof userRoleView>;

export const userView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  status: z.enum(USER_STATUSES),
  locale: localeSchema,
  roles: z.array(userRoleView),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedLogins: z.number().int(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;
export const userPage = pageOf(userView);

export const userListQuery = listQuery.extend({
  q: text(64, 0).optional(),
  role: roleSchema.optional(),
  status: z.enum(USER_STATUSES).optional(),
});

export const createUserBody = z.strictObject({
  username: usernameField,
  displayName: text(50),
  password: passwordField,
  locale: localeSchema.default('zh-CN'),
  mustChangePassword: z.boolean().default(true),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  displayName: text(50).optional(),
  status: z.enum(USER_STATUSES).optional(),
  locale: localeSchema.optional(),
});

export const setRolesBody = z.strictObject({ roles: z.array(roleAssignmentSchema).max(50) });
export const resetPasswordBody = z.strictObject({ newPassword: passwordField });
