import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { ForbiddenPage, NotFoundPage } from '../components/result-pages';
import { ForcedPasswordChangePage } from '../features/auth/forced-password-change-page';
import { LoginPage } from '../features/auth/login-page';
import { TotpSetupPage } from '../features/auth/totp-setup-page';
import { HomePage } from '../features/home/home-page';
import { useAuth } from './auth';
import { NAV_ITEMS } from './navigation';
import { PageSpin } from './page-spin';
import { Shell } from './shell';

const PeoplePage = lazy(() => import('../features/directory/people-page'));
const PersonPage = lazy(() => import('../features/directory/person-page'));
const UnitsPage = lazy(() => import('../features/directory/units-page'));
const RegionsPage = lazy(() => import('../features/directory/regions-page'));
const ImportsPage = lazy(() => import('../features/imports/imports-page'));
const PlansPage = lazy(() => import('../features/plans/plans-page'));
const PlanPage = lazy(() => import('../features/plans/plan-page'));
const ClassesPage = lazy(() => import('../features/classes/classes-page'));
const ClassPage = lazy(() => import('../features/classes/class-page'));
const MyQuotasPage = lazy(() => import('../features/nominations/my-quotas-page'));
const MyClassesPage = lazy(() => import('../features/nominations/my-classes-page'));
const CheckInPage = lazy(() => import('../features/attendance/check-in-page'));
const RoomQrPage = lazy(() => import('../features/attendance/room-qr-page'));
const QuestionBoardPage = lazy(() => import('../features/questions/board-page'));
const PresenterPage = lazy(() => import('../features/questions/presenter-page'));
const ModeratePage = lazy(() => import('../features/questions/moderate-page'));
const InboxPage = lazy(() => import('../features/notices/inbox-page'));
const MyTasksPage = lazy(() => import('../features/tasks/my-tasks-page'));
const TaskTemplatesPage = lazy(() => import('../features/tasks/templates-page'));
const ContingencyPlansPage = lazy(() => import('../features/incidents/plans-page'));
const ScanPage = lazy(() => import('../features/attendance/scan-page'));
const MyLeavePage = lazy(() => import('../features/leave/my-leave-page'));
const MyStayPage = lazy(() => import('../features/logistics/my-stay-page'));
const MyFormsPage = lazy(() => import('../features/surveys/my-forms-page'));
const FormFillPage = lazy(() => import('../features/surveys/form-fill-page'));
const SurveyTemplatesPage = lazy(() => import('../features/surveys/templates-page'));
const MyReflectionsPage = lazy(() => import('../features/completion/my-reflections-page'));
const MyCertificatesPage = lazy(() => import('../features/certificates/my-certificates-page'));
const VerifyPage = lazy(() => import('../features/certificates/verify-page'));
const MyArchivePage = lazy(() => import('../features/archive/my-archive-page'));
const PartnershipsPage = lazy(() => import('../features/partnerships/partnerships-page'));
const PartnershipPage = lazy(() => import('../features/partnerships/partnership-page'));
const DashboardPage = lazy(() => import('../features/dashboard/dashboard-page'));
const ReportBuilderPage = lazy(() => import('../features/report-builder/report-builder-page'));
const ReportsPage = lazy(() => import('../features/reports/reports-page'));
const DocumentsPage = lazy(() => import('../features/documents/documents-page'));
const ExportsPage = lazy(() => import('../features/exports/exports-page'));
const ExchangeStatsPage = lazy(() => import('../features/partnerships/exchange-stats-page'));
const SecondmentsPage = lazy(() => import('../features/secondments/secondments-page'));
const SecondmentPage = lazy(() => import('../features/secondments/secondment-page'));
const MySecondmentsPage = lazy(() => import('../features/secondments/my-secondments-page'));
const BelowRequirementPage = lazy(() => import('../features/archive/below-requirement-page'));
const MySchedulePage = lazy(() => import('../features/schedule/my-schedule-page'));
const MyTeachingPage = lazy(() => import('../features/schedule/my-teaching-page'));
const LecturersPage = lazy(() => import('../features/pool/lecturers-page'));
const VenuesPage = lazy(() => import('../features/pool/venues-page'));
const UsersPage = lazy(() => import('../features/users/users-page'));
const AuditPage = lazy(() => import('../features/audit/audit-page'));
const DictionariesPage = lazy(() => import('../features/dictionaries/dictionaries-page'));
const SecuritySettingsPage = lazy(() => import('../features/settings/security-settings-page'));
const OnlineSessionsPage = lazy(() => import('../features/sessions/online-sessions-page'));

/** Shows the page only to users the side menu would show it to; others get 403. */
function Guard({ path, children }: { path: string; children: ReactNode }) {
  const { me } = useAuth();
  const item = NAV_ITEMS.find((i) => i.path === path);
  if (!me || !item?.allowed(me)) return <ForbiddenPage />;
  return <>{children}</>;
}

/** Signed-out users go to /login; restricted sessions see only the step they must complete. */
function RequireAuth() {
  const { me, loading, signedOut } = useAuth();
  const location = useLocation();
  if (loading) return <PageSpin full />;
  if (!me) {
    const from = signedOut ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={from ? { from } : undefined} />;
  }
  if (me.restriction === 'password_change') return <ForcedPasswordChangePage />;
  if (me.restriction === 'totp_setup') return <TotpSetupPage forced />;
  return <Outlet />;
}

function LoginRoute() {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <PageSpin full />;
  if (me) return <Navigate to={redirectTarget(location.state)} replace />;
  return <LoginPage />;
}

function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      {/* The public verification page a certificate's QR code leads to: no sign-in. */}
      <Route
        path="/verify/:number"
        element={
          <Suspense fallback={<PageSpin full />}>
            <VerifyPage />
          </Suspense>
        }
      />
      <Route element={<RequireAuth />}>
        {/* The room's screen (a projector) fills the screen, outside the console's shell. */}
        <Route
          path="classes/:id/sessions/:sessionId/qr"
          element={
            <Suspense fallback={<PageSpin full />}>
              <RoomQrPage />
            </Suspense>
          }
        />
        {/* Live questions (issue 10): the phone board and the presenter's screen, full screen. */}
        <Route
          path="classes/:id/sessions/:sessionId/questions"
          element={
            <Suspense fallback={<PageSpin full />}>
              <QuestionBoardPage />
            </Suspense>
          }
        />
        <Route
          path="classes/:id/sessions/:sessionId/present"
          element={
            <Suspense fallback={<PageSpin full />}>
              <PresenterPage />
            </Suspense>
          }
        />
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          <Route
            path="plans"
            element={
              <Guard path="/plans">
                <PlansPage />
              </Guard>
            }
          />
          <Route
            path="plans/:id"
            element={
              <Guard path="/plans">
                <PlanPage />
              </Guard>
            }
          />
          <Route
            path="classes"
            element={
              <Guard path="/classes">
                <ClassesPage />
              </Guard>
            }
          />
          <Route
            path="my-quotas"
            element={
              <Guard path="/my-quotas">
                <MyQuotasPage />
              </Guard>
            }
          />
          <Route
            path="my-classes"
            element={
              <Guard path="/my-classes">
                <MyClassesPage />
              </Guard>
            }
          />
          <Route
            path="my-schedule"
            element={
              <Guard path="/my-schedule">
                <MySchedulePage />
              </Guard>
            }
          />
          <Route
            path="my-teaching"
            element={
              <Guard path="/my-teaching">
                <MyTeachingPage />
              </Guard>
            }
          />
          <Route
            path="my-leave"
            element={
              <Guard path="/my-leave">
                <MyLeavePage />
              </Guard>
            }
          />
          <Route
            path="my-stay"
            element={
              <Guard path="/my-stay">
                <MyStayPage />
              </Guard>
            }
          />
          <Route
            path="my-forms"
            element={
              <Guard path="/my-forms">
                <MyFormsPage />
              </Guard>
            }
          />
          <Route
            path="my-forms/:formId"
            element={
              <Guard path="/my-forms">
                <FormFillPage />
              </Guard>
            }
          />
          <Route
            path="my-reflections"
            element={
              <Guard path="/my-reflections">
                <MyReflectionsPage />
              </Guard>
            }
          />
          <Route
            path="my-certificates"
            element={
              <Guard path="/my-certificates">
                <MyCertificatesPage />
              </Guard>
            }
          />
          <Route
            path="my-archive"
            element={
              <Guard path="/my-archive">
                <MyArchivePage />
              </Guard>
            }
          />
          <Route
            path="survey-templates"
            element={
              <Guard path="/survey-templates">
                <SurveyTemplatesPage />
              </Guard>
            }
          />
          <Route
            path="training-records"
            element={
              <Guard path="/training-records">
                <BelowRequirementPage />
              </Guard>
            }
          />
          <Route
            path="partnerships"
            element={
              <Guard path="/partnerships">
                <PartnershipsPage />
              </Guard>
            }
          />
          <Route
            path="partnerships/:id"
            element={
              <Guard path="/partnerships">
                <PartnershipPage />
              </Guard>
            }
          />
          <Route
            path="secondments"
            element={
              <Guard path="/secondments">
                <SecondmentsPage />
              </Guard>
            }
          />
          <Route
            path="secondments/:id"
            element={
              <Guard path="/secondments">
                <SecondmentPage />
              </Guard>
            }
          />
          <Route
            path="dashboard"
            element={
              <Guard path="/dashboard">
                <DashboardPage />
              </Guard>
            }
          />
          <Route
            path="report-builder"
            element={
              <Guard path="/report-builder">
                <ReportBuilderPage />
              </Guard>
            }
          />
          <Route
            path="reports"
            element={
              <Guard path="/reports">
                <ReportsPage />
              </Guard>
            }
          />
          <Route
            path="documents"
            element={
              <Guard path="/documents">
                <DocumentsPage />
              </Guard>
            }
          />
          <Route
            path="inbox"
            element={
              <Guard path="/inbox">
                <InboxPage />
              </Guard>
            }
          />
          <Route
            path="my-tasks"
            element={
              <Guard path="/my-tasks">
                <MyTasksPage />
              </Guard>
            }
          />
          <Route
            path="task-templates"
            element={
              <Guard path="/task-templates">
                <TaskTemplatesPage />
              </Guard>
            }
          />
          <Route
            path="contingency-plans"
            element={
              <Guard path="/contingency-plans">
                <ContingencyPlansPage />
              </Guard>
            }
          />
          <Route
            path="exports"
            element={
              <Guard path="/exports">
                <ExportsPage />
              </Guard>
            }
          />
          <Route
            path="exchange-stats"
            element={
              <Guard path="/exchange-stats">
                <ExchangeStatsPage />
              </Guard>
            }
          />
          <Route
            path="my-secondments"
            element={
              <Guard path="/my-secondments">
                <MySecondmentsPage />
              </Guard>
            }
          />
          <Route
            path="check-in"
            element={
              <Guard path="/check-in">
                <CheckInPage />
              </Guard>
            }
          />
          {/* Staff pages of a class: the server decides who may (runners of the class). */}
          <Route path="classes/:id/scan" element={<ScanPage />} />
          <Route
            path="classes/:id/sessions/:sessionId/moderate"
            element={
              <Suspense fallback={<PageSpin />}>
                <ModeratePage />
              </Suspense>
            }
          />
          <Route path="classes/:id" element={<ClassPage />} />
          <Route
            path="lecturers"
            element={
              <Guard path="/lecturers">
                <LecturersPage />
              </Guard>
            }
          />
          <Route
            path="venues"
            element={
              <Guard path="/venues">
                <VenuesPage />
              </Guard>
            }
          />
          <Route
            path="people"
            element={
              <Guard path="/people">
                <PeoplePage />
              </Guard>
            }
          />
          <Route
            path="people/:id"
            element={
              <Guard path="/people">
                <PersonPage />
              </Guard>
            }
          />
          <Route
            path="units"
            element={
              <Guard path="/units">
                <UnitsPage />
              </Guard>
            }
          />
          <Route
            path="regions"
            element={
              <Guard path="/regions">
                <RegionsPage />
              </Guard>
            }
          />
          <Route
            path="imports"
            element={
              <Guard path="/imports">
                <ImportsPage />
              </Guard>
            }
          />
          <Route
            path="imports/:id"
            element={
              <Guard path="/imports">
                <ImportsPage />
              </Guard>
            }
          />
          <Route
            path="users"
            element={
              <Guard path="/users">
                <UsersPage />
              </Guard>
            }
          />
          <Route
            path="audit"
            element={
              <Guard path="/audit">
                <AuditPage />
              </Guard>
            }
          />
          <Route
            path="dictionaries"
            element={
              <Guard path="/dictionaries">
                <DictionariesPage />
              </Guard>
            }
          />
          <Route
            path="settings/security"
            element={
              <Guard path="/settings/security">
                <SecuritySettingsPage />
              </Guard>
            }
          />
          <Route
            path="online-sessions"
            element={
              <Guard path="/online-sessions">
                <OnlineSessionsPage />
              </Guard>
            }
          />
          <Route path="account/totp" element={<TotpSetupPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
