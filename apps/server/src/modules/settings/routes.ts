import { securitySettings, securitySettingsPatch } from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import { can } from './policy.js';
import type { SettingsService } from './service.js';

const tags = ['settings'];

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
}
