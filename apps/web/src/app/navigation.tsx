import {
  AlertOutlined,
  ApartmentOutlined,
  AreaChartOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  CarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  CoffeeOutlined,
  DashboardOutlined,
  DesktopOutlined,
  DownloadOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FlagOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  OrderedListOutlined,
  ProjectOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScanOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  SwapOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Me } from '@ganxun/domain';
import type { ReactNode } from 'react';
import type { Messages } from './i18n/zh-CN';

export interface NavItem {
  path: string;
  labelKey: `nav.${keyof Messages['nav']}`;
  icon: ReactNode;
  /** Whether the signed-in user may open the page (the server checks again on every request). */
  allowed: (me: Me) => boolean;
}

const has = (me: Me, ...permissions: Me['permissions']) =>
  permissions.some((p) => me.permissions.includes(p));
const ADMIN = new Set(['system_admin', 'security_admin', 'auditor']);

/** The side menu and the permission each page needs, in one table. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/', labelKey: 'nav.home', icon: <HomeOutlined />, allowed: () => true },
  // Notifications (issue 9): everyone's inbox.
  {
    path: '/inbox',
    labelKey: 'nav.inbox',
    icon: <BellOutlined />,
    allowed: (me) => me.roles.length === 0 || me.roles.some((r) => !ADMIN.has(r.role)),
  },
  {
    path: '/my-tasks',
    labelKey: 'nav.myTasks',
    icon: <CheckSquareOutlined />,
    // Any staff member may be put on a task force (a liaison, a lecturer): trainees are not.
    allowed: (me) => me.roles.some((r) => !ADMIN.has(r.role) && r.role !== 'trainee'),
  },
  {
    path: '/my-classes',
    labelKey: 'nav.myClasses',
    icon: <ReadOutlined />,
    allowed: (me) => has(me, 'class.register'),
  },
  {
    path: '/check-in',
    labelKey: 'nav.checkIn',
    icon: <ScanOutlined />,
    allowed: (me) => has(me, 'class.register'),
  },
  {
    path: '/my-schedule',
    labelKey: 'nav.mySchedule',
    icon: <ScheduleOutlined />,
    allowed: (me) => has(me, 'class.register'),
  },
  {
    path: '/my-leave',
    labelKey: 'nav.myLeave',
    icon: <CoffeeOutlined />,
    allowed: (me) => has(me, 'class.register'),
  },
  {
    path: '/my-stay',
    labelKey: 'nav.myStay',
    icon: <CarOutlined />,
    allowed: (me) => has(me, 'class.register'),
  },
  {
    path: '/my-forms',
    labelKey: 'nav.myForms',
    icon: <FormOutlined />,
    allowed: (me) => has(me, 'class.register'),
  },
  {
    path: '/my-reflections',
    labelKey: 'nav.myReflections',
    icon: <EditOutlined />,
    allowed: (me) => has(me, 'class.register'),
  },
  {
    path: '/my-certificates',
    labelKey: 'nav.myCertificates',
    icon: <TrophyOutlined />,
    allowed: (me) => has(me, 'class.register'),
  },
  {
    path: '/my-archive',
    labelKey: 'nav.myArchive',
    icon: <FieldTimeOutlined />,
    allowed: (me) => has(me, 'class.register'),
  },
  {
    path: '/my-secondments',
    labelKey: 'nav.mySecondments',
    icon: <UserSwitchOutlined />,
    allowed: (me) => has(me, 'class.register'),
  },
  {
    path: '/my-teaching',
    labelKey: 'nav.myTeaching',
    icon: <ProjectOutlined />,
    allowed: (me) => !!me.lecturerId,
  },
  {
    path: '/my-quotas',
    labelKey: 'nav.myQuotas',
    icon: <FlagOutlined />,
    allowed: (me) => has(me, 'nomination.create'),
  },
  {
    path: '/classes',
    labelKey: 'nav.classes',
    icon: <CarryOutOutlined />,
    allowed: (me) => has(me, 'class.edit', 'enrollment.edit'),
  },
  {
    path: '/plans',
    labelKey: 'nav.plans',
    icon: <CalendarOutlined />,
    allowed: (me) => has(me, 'plan.read'),
  },
  {
    path: '/survey-templates',
    labelKey: 'nav.surveyTemplates',
    icon: <FormOutlined />,
    allowed: (me) => has(me, 'survey.manage'),
  },
  {
    path: '/training-records',
    labelKey: 'nav.trainingRecords',
    icon: <FieldTimeOutlined />,
    allowed: (me) => has(me, 'trainingRecord.read'),
  },
  {
    path: '/partnerships',
    labelKey: 'nav.partnerships',
    icon: <SwapOutlined />,
    allowed: (me) => has(me, 'partnership.read'),
  },
  {
    path: '/secondments',
    labelKey: 'nav.secondments',
    icon: <UserSwitchOutlined />,
    allowed: (me) => has(me, 'secondment.read'),
  },
  {
    path: '/exchange-stats',
    labelKey: 'nav.exchangeStats',
    icon: <AreaChartOutlined />,
    allowed: (me) => has(me, 'secondment.read'),
  },
  {
    path: '/dashboard',
    labelKey: 'nav.dashboard',
    icon: <DashboardOutlined />,
    allowed: (me) => has(me, 'stats.read'),
  },
  {
    path: '/report-builder',
    labelKey: 'nav.reportBuilder',
    icon: <TableOutlined />,
    allowed: (me) => has(me, 'stats.read'),
  },
  {
    path: '/reports',
    labelKey: 'nav.reports',
    icon: <FileTextOutlined />,
    allowed: (me) => has(me, 'stats.read'),
  },
  {
    path: '/documents',
    labelKey: 'nav.documents',
    icon: <FileWordOutlined />,
    allowed: (me) => has(me, 'stats.read'),
  },
  {
    path: '/exports',
    labelKey: 'nav.exports',
    icon: <DownloadOutlined />,
    allowed: (me) => has(me, 'stats.read'),
  },
  {
    path: '/task-templates',
    labelKey: 'nav.taskTemplates',
    icon: <OrderedListOutlined />,
    allowed: (me) => has(me, 'contingency.edit'),
  },
  {
    path: '/contingency-plans',
    labelKey: 'nav.contingencyPlans',
    icon: <AlertOutlined />,
    allowed: (me) => has(me, 'contingency.edit', 'incident.manage'),
  },
  {
    path: '/lecturers',
    labelKey: 'nav.lecturers',
    icon: <SolutionOutlined />,
    allowed: (me) => has(me, 'lecturer.read'),
  },
  {
    path: '/venues',
    labelKey: 'nav.venues',
    icon: <BankOutlined />,
    allowed: (me) => has(me, 'venue.read'),
  },
  {
    path: '/people',
    labelKey: 'nav.people',
    icon: <IdcardOutlined />,
    allowed: (me) => has(me, 'person.read'),
  },
  {
    path: '/units',
    labelKey: 'nav.units',
    icon: <ApartmentOutlined />,
    allowed: (me) => has(me, 'unit.read'),
  },
  {
    path: '/imports',
    labelKey: 'nav.imports',
    icon: <CloudUploadOutlined />,
    allowed: (me) => has(me, 'person.import'),
  },
  {
    path: '/regions',
    labelKey: 'nav.regions',
    icon: <EnvironmentOutlined />,
    allowed: (me) => has(me, 'region.edit') || has(me, 'unit.edit'),
  },
  { path: '/users', labelKey: 'nav.users', icon: <TeamOutlined />, allowed: (me) => has(me, 'user.read') },
  { path: '/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, allowed: (me) => has(me, 'audit.read') },
  {
    path: '/dictionaries',
    labelKey: 'nav.dictionaries',
    icon: <BookOutlined />,
    allowed: (me) =>
      has(me, 'dictionary.edit') || (has(me, 'dictionary.read') && me.roles.some((r) => ADMIN.has(r.role))),
  },
  {
    path: '/settings/security',
    labelKey: 'nav.securitySettings',
    icon: <SafetyCertificateOutlined />,
    allowed: (me) => has(me, 'settings.security.read'),
  },
  {
    path: '/online-sessions',
    labelKey: 'nav.onlineSessions',
    icon: <DesktopOutlined />,
    allowed: (me) => has(me, 'onlineSession.read'),
  },
];

/** The menu entry that a location belongs to (longest matching prefix). */
export function selectedNavPath(pathname: string): string {
  let best = '/';
  for (const item of NAV_ITEMS) {
    if (item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`))) {
      if (item.path.length > best.length) best = item.path;
    }
  }
  return best;
}
