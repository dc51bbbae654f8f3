import type { Services } from '../app.js';
import type { Database } from '../db/client.js';
import type { RequestContext } from '../platform/context.js';
import { linkDemoTrainee, loadClassesDemo } from './classes.js';
import { demoUnitId, loadDirectoryDemo } from './directory.js';
import { loadExchangeDemo } from './exchange.js';
import { loadIncidentsDemo } from './incidents.js';
import { loadLogisticsDemo } from './logistics.js';
import { loadNoticesDemo } from './notices.js';
import { loadPoolDemo } from './pool.js';
import { loadQuestionsDemo } from './questions.js';
import { loadResultsDemo } from './results.js';
import { loadStatsDemo } from './stats.js';
import { loadTasksDemo } from './tasks.js';
import { loadTimetableDemo } from './timetable.js';
import { loadTraineePool } from './trainee-pool.js';

/**
 * The demo data set, built on the story of the seeds (a Hubei provincial party school running
 * special classes; Enshi ↔ Hangzhou Jianggan pairing). Each module adds its part; loading twice
 * changes nothing. The platform contributes the demo accounts of every role.
 */
export const DEMO_PASSWORD = 'Ganxun@2026';

type Grant = Parameters<Services['users']['setRoles']>[2][number];

interface DemoUser {
  username: string;
  displayName: string;
  /** A fixed grant, or the name of the demo unit the role is scoped to. */
  role: Grant | { role: Grant['role']; unit: string };
}

const DEMO_USERS: DemoUser[] = [
  { username: 'secadmin', displayName: '安全管理员', role: { role: 'security_admin', scopeId: null } },
  { username: 'auditor', displayName: '安全审计员', role: { role: 'auditor', scopeId: null } },
  {
    username: 'hubei.org',
    displayName: '湖北省委组织部 干部教育处',
    role: { role: 'org_admin', scopeId: '420000' },
  },
  { username: 'enshi.org', displayName: '恩施州委组织部', role: { role: 'org_admin', scopeId: '422800' } },
  {
    username: 'jianggan.org',
    displayName: '江干区委组织部',
    role: { role: 'org_admin', scopeId: '330104' },
  },
  {
    username: 'school.jwc',
    displayName: '省委党校教务处',
    role: { role: 'training_officer', unit: '中共湖北省委党校（湖北省行政学院）' },
  },
  {
    username: 'enshi.wjj',
    displayName: '恩施市卫生健康局 联络员',
    role: { role: 'unit_liaison', unit: '恩施市卫生健康局' },
  },
  {
    username: 'enshi.jyj',
    displayName: '恩施市教育局 联络员',
    role: { role: 'unit_liaison', unit: '恩施市教育局' },
  },
  // The class director of the demo's class in progress (named on the class by its organiser).
  {
    username: 'enshi.bzr',
    displayName: '恩施市卫健局 班主任',
    role: { role: 'class_director', scopeId: null },
  },
  // A trainee with a person record: 刘红玉, whom the seed names.
  { username: 'liuhongyu', displayName: '刘红玉', role: { role: 'trainee', scopeId: null } },
  // A teacher of the provincial party school in the lecturer pool (linked in demo/timetable.ts).
  { username: 'liuzhenhua', displayName: '刘振华', role: { role: 'lecturer', scopeId: null } },
];

export async function loadDemo(services: Services, database: Database, ctx: RequestContext): Promise<string> {
  const lines: string[] = [];
  lines.push(await loadDirectoryDemo(services, database.db));
  lines.push(await loadTraineePool(services, database.db));
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    if (await services.users.findByUsername(u.username)) continue;
    let grant: Grant;
    if ('unit' in u.role) {
      const unitId = await demoUnitId(database.db, u.role.unit);
      if (!unitId) throw new Error(`demo unit missing: ${u.role.unit}`);
      grant = { role: u.role.role, scopeId: unitId };
    } else {
      grant = u.role;
    }
    const user = await services.users.create(ctx, {
      username: u.username,
      displayName: u.displayName,
      password: DEMO_PASSWORD,
      locale: 'zh-CN',
      mustChangePassword: false,
    });
    await services.users.setRoles(ctx, user, [grant]);
    created.push(u.username);
  }
  const trainee = await services.users.findByUsername('liuhongyu');
  if (trainee) await linkDemoTrainee(database.db, trainee.id);
  lines.push(await loadClassesDemo(database.db));
  lines.push(await loadPoolDemo(services, database.db, ctx));
  lines.push(await loadTimetableDemo(services, database.db, ctx));
  lines.push(await loadResultsDemo(services, database.db, ctx));
  lines.push(await loadQuestionsDemo(services, database.db));
  lines.push(await loadTasksDemo(database.db));
  lines.push(await loadIncidentsDemo(services, database.db, ctx));
  lines.push(await loadNoticesDemo(services, database.db, ctx));
  lines.push(await loadLogisticsDemo(database.db, ctx));
  lines.push(await loadExchangeDemo(services, database.db));
  lines.push(await loadStatsDemo(database.db));
  lines.push(
    created.length > 0
      ? `Demo accounts created (password ${DEMO_PASSWORD}): ${created.join(', ')}`
      : 'Demo accounts already exist.',
  );
  return lines.join('\n');
}
