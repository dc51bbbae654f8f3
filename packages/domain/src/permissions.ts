import type { Role } from './roles.js';

/**
 * Every action a policy can grant. Modules add their own; each role's grants are listed in
 * ROLE_PERMISSIONS below, so a reader sees who may do what in one table.
 */
export const PERMISSIONS = [
  'user.read',
  'user.create',
  'user.update',
  'user.disable',
  'role.assign',
  'user.unlock',
  'user.resetPassword',
  'audit.read',
  'audit.export',
  'dictionary.read',
  'dictionary.edit',
  'settings.security.read',
  'settings.security.edit',
  'onlineSession.read',
  'onlineSession.revoke',
  'region.read',
  'region.edit',
  'unit.read',
  'unit.edit',
  'unit.merge',
  'person.read',
  'person.edit',
  'person.reveal',
  'person.import',
  'person.export',
  'person.account.create',
  'settings.training.edit',
  'plan.read',
  'plan.edit',
  'plan.approve',
  'class.read',
  'class.edit',
  'nomination.create',
  'nomination.approve',
  'class.register',
  'enrollment.edit',
  'roster.export',
  'roster.contacts',
  'lecturer.read',
  'lecturer.edit',
  'venue.read',
  'venue.edit',
  'timetable.edit',
  'leave.decide',
  'survey.manage',
  'completion.decide',
  'certificate.issue',
  'trainingRecord.read',
  'trainingRecord.edit',
  'partnership.read',
  'partnership.edit',
  'secondment.read',
  'secondment.edit',
  'secondment.approve',
  // Statistics, reports and generated documents (issue 8): what they count is the reader's scope.
  'stats.read',
  // Live questions (issue 10): moderate a class's question boards (the item's host lecturer may too).
  'question.moderate',
  // Running a class (issue 9): its task force and checklist, incidents and notices; the library of
  // contingency plans and checklist templates.
  'taskforce.manage',
  'logistics.manage',
  'incident.manage',
  'notice.send',
  'contingency.edit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const BUSINESS_BASE: Permission[] = ['dictionary.read', 'region.read'];

/**
 * The directory (regions, units, people). What a grant reaches is decided by the role's scope
 * (policies in modules/units and modules/people): an org admin's region subtree, a liaison's unit
 * subtree, a training officer's institution.
 */
const DIRECTORY_KEEPER: Permission[] = [
  'trainingRecord.read',
  'trainingRecord.edit',
  'unit.read',
  'unit.edit',
  'person.read',
  'person.edit',
  'person.reveal',
  'person.import',
  'person.export',
];

/**
 * Running classes (plans, classes, quotas, nominations, rosters). Which classes a grant reaches is
 * decided in modules/classes/policy.ts: an org admin's region, a training officer's institution,
 * the classes a class director is named on, the quotas a liaison nominates against.
 */
const CLASS_RUNNER: Permission[] = [
  'lecturer.read',
  'venue.read',
  'class.read',
  'class.edit',
  'nomination.approve',
  'enrollment.edit',
  'roster.export',
  'roster.contacts',
  'timetable.edit',
  'leave.decide',
  'survey.manage',
  'completion.decide',
  'certificate.issue',
  'question.moderate',
  'taskforce.manage',
  'logistics.manage',
  'incident.manage',
  'notice.send',
];

/** Role → permissions. Separation of duties: the admin roles share no write permission. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: [
    'user.read',
    'user.create',
    'user.update',
    'user.disable',
    'dictionary.read',
    'dictionary.edit',
    'region.read',
    'region.edit',
    'settings.training.edit',
  ],
  security_admin: [
    'user.read',
    'role.assign',
    'user.unlock',
    'user.resetPassword',
    'settings.security.read',
    'settings.security.edit',
    'onlineSession.read',
    'onlineSession.revoke',
    'dictionary.read',
    // To pick a role's scope: region and unit names and the unit tree are organisational, not
    // personal data (no people, no ID numbers); see docs/security.md.
    'region.read',
    'unit.read',
  ],
  auditor: ['audit.read', 'audit.export'],
  org_admin: [
    ...BUSINESS_BASE,
    ...DIRECTORY_KEEPER,
    'unit.merge',
    'person.account.create',
    'plan.read',
    'plan.edit',
    'plan.approve',
    ...CLASS_RUNNER,
    'nomination.create',
    'lecturer.edit',
    'venue.edit',
    'contingency.edit',
    // Talent exchange (issue 7): pairings with a side in the admin's region, and their
    // secondments. Extensions and early ends are decided by another holder of secondment.approve.
    'partnership.read',
    'partnership.edit',
    'secondment.read',
    'secondment.edit',
    'secondment.approve',
    'stats.read',
  ],
  training_officer: [
    ...BUSINESS_BASE,
    'unit.read',
    'person.read',
    'trainingRecord.read',
    'plan.read',
    'plan.edit',
    ...CLASS_RUNNER,
    'lecturer.edit',
    'venue.edit',
    'contingency.edit',
    'stats.read',
  ],
  class_director: [
    ...BUSINESS_BASE,
    'unit.read',
    'class.read',
    'enrollment.edit',
    'roster.export',
    'roster.contacts',
    'lecturer.read',
    'venue.read',
    'timetable.edit',
    // Runs the class day to day: decides leave (first level), evaluation forms and reminders,
    // reflections' grades and completion. Certificates are issued by the institution's training
    // officer or the org admin (certificate.issue), not by the director.
    'leave.decide',
    'survey.manage',
    'completion.decide',
    'stats.read',
    'question.moderate',
    'taskforce.manage',
    'logistics.manage',
    'incident.manage',
    'notice.send',
  ],
  // A liaison follows the secondments of the people of their units (home or host unit).
  unit_liaison: [
    ...BUSINESS_BASE,
    ...DIRECTORY_KEEPER,
    'class.read',
    'nomination.create',
    'secondment.read',
    'stats.read',
  ],
  lecturer: BUSINESS_BASE,
  trainee: [...BUSINESS_BASE, 'class.read', 'class.register'],
};

/** The union of permissions granted by a set of roles. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) out.add(p);
  return out;
}
