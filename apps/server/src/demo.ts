import type { Services } from './app.js';
import type { RequestContext } from './platform/context.js';

/**
 * The demo data set, built on the story of the seeds (a Hubei provincial party school running
 * special classes; Enshi ↔ Hangzhou Jianggan pairing). Each module adds its part; loading twice
 * changes nothing. The platform contributes the demo accounts of every role.
 */
export const DEMO_PASSWORD = 'Ganxun@2026';

const DEMO_USERS: {
  username: string;
  displayName: string;
  role: Parameters<Services['users']['setRoles']>[2][number];
}[] = [
  { username: 'secadmin', displayName: '安全管理员', role: { role: 'security_admin', scopeId: null } },
  { username: 'auditor', displayName: '安全审计员', role: { role: 'auditor', scopeId: null } },
  {
    username: 'hubei.org',
    displayName: '湖北省委组织部 干部教育处',
    role: { role: 'org_admin', scopeId: '420000' },
  },
  { username: 'enshi.org', displayName: '恩施州委组织部', role: { role: 'org_admin', scopeId: '422800' } },
  {
    username: 'school.jwc',
    displayName: '省委党校教务处',
    role: { role: 'training_officer', scopeId: 'hubei-party-school' },
  },
];

export async function loadDemo(services: Services, ctx: RequestContext): Promise<string> {
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    if (await services.users.findByUsername(u.username)) continue;
    const user = await services.users.create(ctx, {
      username: u.username,
      displayName: u.displayName,
      password: DEMO_PASSWORD,
      locale: 'zh-CN',
      mustChangePassword: false,
    });
    await services.users.setRoles(ctx, user, [u.role]);
    created.push(u.username);
  }
  return created.length > 0
    ? `Demo accounts created (password ${DEMO_PASSWORD}): ${created.join(', ')}`
    : 'Demo data already loaded.';
}
