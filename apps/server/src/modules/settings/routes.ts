import {
  isAdminRole,
  leaveSettings,
  securitySettings,
  securitySettingsPatch,
  studyHourSettings,
  trainingSettings,
  updateLeaveSettingsBody,
  updateStudyHourSettingsBody,
  updateTrainingSettingsBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { Actor } from '../../platform/context.js';
import { can } from './policy.js';
import type { SettingsService } from './service.js';

const tags = ['settings'];

/**
 * Training settings are read by every business user (the console derives planned 学时 with them)
 * and by whoever may edit them (the system admin).
 */
const mayReadTraining = (actor: Actor) =>
  actor.permissions.has('settings.training.edit') || actor.roles.some((g) => !isAdminRole(g.role));

export function settingsRoutes(app: FastifyInstance, deps: { settings: SettingsService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/settings/security',
    { schema: { tags, response: { 200: securitySettings } } },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'read'), 'settings.security.read', {
        type: 'settings',
        id: 'security',
      });
      return deps.settings.security();
    },
  );

  r.patch(
    '/api/v1/settings/security',
    { schema: { tags, body: securitySettingsPatch, response: { 200: securitySettings } } },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'edit'), 'settings.security.update', {
        type: 'settings',
        id: 'security',
      });
      return deps.settings.updateSecurity(req.ctx, req.body);
    },
  );

  r.get(
    '/api/v1/settings/training',
    { schema: { tags, response: { 200: trainingSettings } } },
    async (req) => {
      authorize(mayReadTraining(requireActor(req.ctx.actor)), 'settings.training.read', {
        type: 'settings',
        id: 'training',
      });
      return deps.settings.training();
    },
  );

  r.put(
    '/api/v1/settings/training',
    { schema: { tags, body: updateTrainingSettingsBody, response: { 200: trainingSettings } } },
    async (req) => {
      authorize(
        requireActor(req.ctx.actor).permissions.has('settings.training.edit'),
        'settings.training.update',
        {
          type: 'settings',
          id: 'training',
        },
      );
      return deps.settings.updateTraining(req.ctx, req.body);
    },
  );

  // Leave and study-hour rules: read like the training rules, changed by whoever changes those.
  const rules = [
    {
      path: 'leave',
      view: leaveSettings,
      body: updateLeaveSettingsBody,
      audit: 'settings.leave.update',
      get: () => deps.settings.leave(),
      put: (ctx: Parameters<SettingsService['updateLeave']>[0], b: object) =>
        deps.settings.updateLeave(ctx, b),
    },
    {
      path: 'study-hours',
      view: studyHourSettings,
      body: updateStudyHourSettingsBody,
      audit: 'settings.studyHours.update',
      get: () => deps.settings.studyHours(),
      put: (ctx: Parameters<SettingsService['updateStudyHours']>[0], b: object) =>
        deps.settings.updateStudyHours(ctx, b),
    },
  ] as const;
  for (const rule of rules) {
    r.get(
      `/api/v1/settings/${rule.path}`,
      { schema: { tags, response: { 200: rule.view } } },
      async (req) => {
        authorize(mayReadTraining(requireActor(req.ctx.actor)), `settings.${rule.path}.read`, {
          type: 'settings',
          id: rule.path,
        });
        return rule.get();
      },
    );
    r.put(
      `/api/v1/settings/${rule.path}`,
      { schema: { tags, body: rule.body, response: { 200: rule.view } } },
      async (req) => {
        authorize(requireActor(req.ctx.actor).permissions.has('settings.training.edit'), rule.audit, {
          type: 'settings',
          id: rule.path,
        });
        return rule.put(req.ctx, req.body as object);
      },
    );
  }
}
