import { z } from 'zod';

/**
 * Built-in roles. The first three are the "three administrators" of 三员分立 (separation of
 * duties): they manage the system but see no business data, and no one may hold two of them.
 */
export const ADMIN_ROLES = ['system_admin', 'security_admin', 'auditor'] as const;
export const BUSINESS_ROLES = [
  'org_admin',
  'training_officer',
  'class_director',
  'unit_liaison',
  'lecturer',
  'trainee',
] as const;
export const ROLES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as const;
export type Role = (typeof ROLES)[number];
export type AdminRole = (typeof ADMIN_ROLES)[number];
export const roleSchema = z.enum(ROLES);

/**
 * What a role's scope refers to: a region subtree (GB/T 2260 code), a training institution, a class,
 * a unit subtree, or nothing (global admin roles; lecturer, trainee and class director, who reach what
 * names them: their own record, the classes they direct).
 */
export type ScopeKind = 'none' | 'region' | 'institution' | 'unit' | 'self';

export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  system_admin: 'none',
  security_admin: 'none',
  auditor: 'none',
  org_admin: 'region',
  training_officer: 'institution',
  // A class director reaches the classes whose organiser names them director or assistant.
  class_director: 'self',
  unit_liaison: 'unit',
  lecturer: 'self',
  trainee: 'self',
};

/**
 * What a role's scope id names, so that it can be checked and shown: a region code, a unit id (a
 * training institution is the unit that runs training: a party school, a university), or nothing.
 */
export type ScopeTarget = 'region' | 'unit' | null;

const SCOPE_TARGET: Record<ScopeKind, ScopeTarget> = {
  none: null,
  self: null,
  region: 'region',
  institution: 'unit',
  unit: 'unit',
};

/** The table a role's scope id refers to (see ScopeTarget). */
export function scopeTarget(role: Role): ScopeTarget {
  return SCOPE_TARGET[ROLE_SCOPE[role]];
}

/** True for the three administrator roles of 三员分立. */
export function isAdminRole(role: Role): role is AdminRole {
  return (ADMIN_ROLES as readonly Role[]).includes(role);
}

/** Does this role need a scope id (region code, unit id, …) when assigned? */
export function roleNeedsScope(role: Role): boolean {
  const kind = ROLE_SCOPE[role];
  return kind !== 'none' && kind !== 'self';
}

export const REGION_CODE_PATTERN = /^\d{6}$/;

export const roleAssignmentSchema = z
  .strictObject({
    role: roleSchema,
    scopeId: z.string().trim().min(1).max(64).nullable().default(null),
  })
  .superRefine((value, ctx) => {
    if (roleNeedsScope(value.role)) {
      if (!value.scopeId) {
        ctx.addIssue({ code: 'custom', path: ['scopeId'], message: 'scope_required' });
      } else if (ROLE_SCOPE[value.role] === 'region' && !REGION_CODE_PATTERN.test(value.scopeId)) {
        ctx.addIssue({ code: 'custom', path: ['scopeId'], message: 'region_code_format' });
      }
    } else if (value.scopeId) {
      ctx.addIssue({ code: 'custom', path: ['scopeId'], message: 'scope_not_allowed' });
    }
  });
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export type RoleCombinationProblem = 'two_admin_roles' | 'admin_with_business_role' | 'duplicate_assignment';

/**
 * Checks a user's full set of role assignments against separation of duties: at most one of the
 * three administrator roles, never mixed with business roles, and no assignment twice.
 */
export function checkRoleCombination(assignments: readonly RoleAssignment[]): RoleCombinationProblem | null {
  const seen = new Set<string>();
  for (const a of assignments) {
    const key = `${a.role}:${a.scopeId ?? ''}`;
    if (seen.has(key)) return 'duplicate_assignment';
    seen.add(key);
  }
  const admin = new Set(assignments.filter((a) => isAdminRole(a.role)).map((a) => a.role));
  if (admin.size > 1) return 'two_admin_roles';
  if (admin.size === 1 && assignments.some((a) => !isAdminRole(a.role))) return 'admin_with_business_role';
  return null;
}
