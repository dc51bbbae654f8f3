import { describe, expect, it } from 'vitest';
import { permissionsOf, ROLE_PERMISSIONS } from './permissions.js';
import {
  ADMIN_ROLES,
  BUSINESS_ROLES,
  checkRoleCombination,
  type RoleAssignment,
  roleAssignmentSchema,
} from './roles.js';

const a = (role: RoleAssignment['role'], scopeId: string | null = null): RoleAssignment => ({
  role,
  scopeId,
});

describe('checkRoleCombination (三员分立)', () => {
  it.each<[string, RoleAssignment[], ReturnType<typeof checkRoleCombination>]>([
    ['no roles', [], null],
    ['one admin role', [a('auditor')], null],
    ['two admin roles', [a('system_admin'), a('security_admin')], 'two_admin_roles'],
    ['admin and business role', [a('security_admin'), a('trainee')], 'admin_with_business_role'],
    ['several business roles', [a('org_admin', '420000'), a('lecturer'), a('trainee')], null],
    ['same role in two scopes', [a('unit_liaison', 'u1'), a('unit_liaison', 'u2')], null],
    ['same assignment twice', [a('unit_liaison', 'u1'), a('unit_liaison', 'u1')], 'duplicate_assignment'],
  ])('%s', (_name, roles, expected) => {
    expect(checkRoleCombination(roles)).toBe(expected);
  });
});

describe('roleAssignmentSchema', () => {
  it.each([
    [{ role: 'org_admin', scopeId: '420000' }, true],
    [{ role: 'org_admin', scopeId: '4200' }, false],
    [{ role: 'org_admin', scopeId: null }, false],
    [{ role: 'unit_liaison', scopeId: 'unit-7' }, true],
    [{ role: 'trainee', scopeId: null }, true],
    [{ role: 'trainee', scopeId: 'x' }, false],
    [{ role: 'system_admin' }, true],
    [{ role: 'emperor', scopeId: null }, false],
  ])('%j valid=%s', (input, valid) => {
    expect(roleAssignmentSchema.safeParse(input).success).toBe(valid);
  });
});

describe('role permissions', () => {
  it('gives the three administrators no write permission in common (separation of duties)', () => {
    const writes = (role: (typeof ADMIN_ROLES)[number]) =>
      new Set(ROLE_PERMISSIONS[role].filter((p) => !p.endsWith('.read')));
    for (const x of ADMIN_ROLES) {
      for (const y of ADMIN_ROLES) {
        if (x === y) continue;
        const shared = [...writes(x)].filter((p) => writes(y).has(p));
        expect(shared, `${x} ∩ ${y}`).toEqual([]);
      }
    }
  });

  it('lets only the auditor read the audit trail', () => {
    const readers = [...ADMIN_ROLES, ...BUSINESS_ROLES].filter((r) => permissionsOf([r]).has('audit.read'));
    expect(readers).toEqual(['auditor']);
  });

  it('unions the permissions of several roles', () => {
    const p = permissionsOf(['system_admin', 'trainee']);
    expect(p.has('user.create')).toBe(true);
    expect(p.has('dictionary.read')).toBe(true);
    expect(p.has('audit.read')).toBe(false);
  });
});
