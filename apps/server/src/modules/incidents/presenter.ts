import type { ContingencyPlanView, ContingencyType } from '@ganxun/domain';
import type { contingencyPlans } from '../../db/schema/index.js';

/** `task_force_role` code → its name in the reader's language, and whether it may still be chosen. */
export type RoleNames = Map<string, { name: string; active: boolean }>;

export interface PlanRow {
  row: typeof contingencyPlans.$inferSelect;
  classCount: number;
}

/** A plan as the API shows it: steps with their role's name; built-in when no one created it. */
export function presentPlan({ row, classCount }: PlanRow, roles: RoleNames): ContingencyPlanView {
  return {
    id: row.id,
    title: row.title,
    type: row.type as ContingencyType,
    summary: row.summary,
    steps: row.steps.map((s) => ({
      text: s.text,
      role: s.role,
      roleName: s.role ? (roles.get(s.role)?.name ?? s.role) : null,
    })),
    archived: row.archived,
    builtIn: row.createdBy === null,
    classCount: Number(classCount),
    updatedAt: row.updatedAt.toISOString(),
  };
}
