import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { attendanceRoutes } from './modules/attendance/routes.js';
import { AttendanceService } from './modules/attendance/service.js';
import { auditRoutes } from './modules/audit/routes.js';
import { AuditService } from './modules/audit/service.js';
import { authRoutes } from './modules/auth/routes.js';
import { AuthService } from './modules/auth/service.js';
import { certificateRoutes } from './modules/certificates/routes.js';
import { CertificateService } from './modules/certificates/service.js';
import { classRoutes } from './modules/classes/routes.js';
import { ClassService } from './modules/classes/service.js';
import { completionRoutes } from './modules/completion/routes.js';
import { CompletionService } from './modules/completion/service.js';
import { dashboardRoutes } from './modules/dashboard/routes.js';
import { DashboardService } from './modules/dashboard/service.js';
import { dictionaryRoutes } from './modules/dictionaries/routes.js';
import { DictionaryService } from './modules/dictionaries/service.js';
import { documentRoutes } from './modules/documents/routes.js';
import { DocumentService } from './modules/documents/service.js';
import { enrollmentRoutes } from './modules/enrollments/routes.js';
import { EnrollmentService } from './modules/enrollments/service.js';
import { exchangeStatsRoutes } from './modules/exchange-stats/routes.js';
import { ExchangeStatsService } from './modules/exchange-stats/service.js';
import { exportRoutes } from './modules/exports/routes.js';
import { ExportService } from './modules/exports/service.js';
import { importRoutes } from './modules/imports/routes.js';
import { ImportService } from './modules/imports/service.js';
import { incidentRoutes } from './modules/incidents/routes.js';
import { IncidentService } from './modules/incidents/service.js';
import { leaveRoutes } from './modules/leave/routes.js';
import { LeaveService } from './modules/leave/service.js';
import { lecturerRoutes } from './modules/lecturers/routes.js';
import { LecturerService } from './modules/lecturers/service.js';
import { logisticsRoutes } from './modules/logistics/routes.js';
import { LogisticsService } from './modules/logistics/service.js';
import { nominationRoutes } from './modules/nominations/routes.js';
import { NominationService } from './modules/nominations/service.js';
import { channelsFrom } from './modules/notices/channels/index.js';
import { deliveryRoutes, registerDeliveries } from './modules/notices/deliveries.js';
import { noticeRoutes } from './modules/notices/routes.js';
import { NoticeService } from './modules/notices/service.js';
import { onlineSessionRoutes } from './modules/online-sessions/routes.js';
import { OnlineSessionService } from './modules/online-sessions/service.js';
import { partnershipRoutes } from './modules/partnerships/routes.js';
import { PartnershipService } from './modules/partnerships/service.js';
import { personRoutes } from './modules/people/routes.js';
import { PersonService } from './modules/people/service.js';
import { planRoutes } from './modules/plans/routes.js';
import { PlanService } from './modules/plans/service.js';
import { questionRoutes } from './modules/questions/routes.js';
import { QuestionService } from './modules/questions/service.js';
import { quotaRoutes } from './modules/quotas/routes.js';
import { QuotaService } from './modules/quotas/service.js';
import { regionRoutes } from './modules/regions/routes.js';
import { RegionService } from './modules/regions/service.js';
import { reportRoutes } from './modules/reports/routes.js';
import { ReportService } from './modules/reports/service.js';
import { rosterRoutes } from './modules/rosters/routes.js';
import { RosterService } from './modules/rosters/service.js';
import { savedReportRoutes } from './modules/saved-reports/routes.js';
import { SavedReportService } from './modules/saved-reports/service.js';
import { scheduleRoutes } from './modules/schedules/routes.js';
import { ScheduleService } from './modules/schedules/service.js';
import { secondmentImportRoutes } from './modules/secondment-imports/routes.js';
import { SecondmentImportService } from './modules/secondment-imports/service.js';
import { secondmentRoutes } from './modules/secondments/routes.js';
import { SecondmentService } from './modules/secondments/service.js';
import { sessionRoutes } from './modules/sessions/routes.js';
import { TimetableService } from './modules/sessions/service.js';
import { settingsRoutes } from './modules/settings/routes.js';
import { SettingsService } from './modules/settings/service.js';
import { statsRoutes } from './modules/stats/routes.js';
import { StatsService } from './modules/stats/service.js';
import { surveyRoutes } from './modules/surveys/routes.js';
import { SurveyService } from './modules/surveys/service.js';
import { taskRoutes } from './modules/tasks/routes.js';
import { TaskService } from './modules/tasks/service.js';
import { trainingRecordRoutes } from './modules/training-records/routes.js';
import { TrainingRecordService } from './modules/training-records/service.js';
import { unitRoutes } from './modules/units/routes.js';
import { UnitService } from './modules/units/service.js';
import { userRoutes } from './modules/users/routes.js';
import { UserService } from './modules/users/service.js';
import { venueRoutes } from './modules/venues/routes.js';
import { VenueService } from './modules/venues/service.js';
import { recordAudit } from './platform/audit.js';
import { installAuth } from './platform/auth-plugin.js';
import { FieldCipher } from './platform/crypto.js';
import { frameworkError, installErrorHandler } from './platform/errors.js';
import { FileStore } from './platform/files.js';
import { JobQueue } from './platform/jobs.js';
import { LiveHub } from './platform/live.js';
import { SessionStore } from './platform/sessions.js';
import { startSweep } from './platform/sweep.js';

export interface AppDeps {
  config: Config;
  database: Database;
  /** Pino options, or false for silence (tests). */
  logger?: boolean | object;
}

/** The services of every module, built once per app; the CLI and tests use the same ones. */
export function buildServices(config: Config, database: Database) {
  const { db } = database;
  const cipher = new FieldCipher(config.secretKey);
  const settings = new SettingsService(db);
  const sessions = new SessionStore(db, database.kind === 'pglite');
  const users = new UserService(db, settings, sessions);
  const auth = new AuthService({
    db,
    sessions,
    settings,
    users,
    cipher,
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
  });
  const dictionaries = new DictionaryService(db);
  // Directory (issue 3): each module's service on its own line.
  const regions = new RegionService(db);
  const units = new UnitService(db);
  const people = new PersonService({ db, cipher, dictionaries, settings });
  const imports = new ImportService({ db, cipher, dictionaries, uploadLimit: config.uploadLimit });
  // Classes (issue 4): each module's service on its own line.
  const classes = new ClassService({ db, dictionaries, settings });
  const plans = new PlanService({ db, classes });
  const quotas = new QuotaService({ db, classes });
  const nominations = new NominationService({ db, classes, notices: () => notices });
  const enrollments = new EnrollmentService({ db, classes });
  const rosters = new RosterService({ db, classes, cipher });
  // Timetable (issue 5).
  const lecturers = new LecturerService({ db, cipher });
  const venues = new VenueService({ db });
  const timetable = new TimetableService({ db, classes, settings, dictionaries, notices: () => notices });
  // Running a class (issue 6).
  const attendance = new AttendanceService({
    db,
    classes,
    settings,
    secretKey: config.secretKey,
    embedded: database.kind === 'pglite',
  });
  const leave = new LeaveService({
    db,
    classes,
    settings,
    files: new FileStore(db),
    uploadLimit: config.uploadLimit,
    notices: () => notices,
  });
  const surveys = new SurveyService({ db, classes, notices: () => notices });
  const completion = new CompletionService({
    db,
    classes,
    settings,
    files: new FileStore(db),
    uploadLimit: config.uploadLimit,
    attendance,
    notices: () => notices,
  });
  const certificates = new CertificateService({
    db,
    classes,
    files: new FileStore(db),
    uploadLimit: config.uploadLimit,
    notices: () => notices,
  });
  const trainingRecords = new TrainingRecordService({ db, settings, cipher });
  // Talent exchange (issue 7).
  const partnerships = new PartnershipService({ db, classes });
  const secondments = new SecondmentService({ db, cipher, dictionaries });
  const secondmentImports = new SecondmentImportService({
    db,
    cipher,
    dictionaries,
    uploadLimit: config.uploadLimit,
  });
  const exchangeStats = new ExchangeStatsService({ db });
  // Statistics and reports (issue 8): every figure comes from the stats engine.
  const stats = new StatsService({ db, dictionaries });
  const dashboard = new DashboardService({ db, stats, settings });
  const savedReports = new SavedReportService({ db, stats });
  const reports = new ReportService({
    db,
    stats,
    classes,
    exchangeStats,
    people,
    trainingRecords,
    dictionaries,
  });
  const documents = new DocumentService({ db, stats, dictionaries, exchangeStats });
  const jobs = new JobQueue({ db });
  const exports = new ExportService({ db, stats, jobs, reports, documents });
  const schedules = new ScheduleService({ db, classes, settings, uploadLimit: config.uploadLimit });
  // Live questions (issue 10): changes reach every process's streams through LISTEN/NOTIFY.
  const live = new LiveHub(database);
  const questions = new QuestionService({ db, classes, hub: live, secretKey: config.secretKey });
  // Running a class (issue 9): task force, incidents, notices (each module's service on its own line).
  const tasks = new TaskService({ db, classes, dictionaries, notices: () => notices });
  const logistics = new LogisticsService({ db, classes });
  const incidents = new IncidentService({ db, classes, notices: () => notices });
  const notices = new NoticeService({ db, classes, jobs, cipher });
  registerDeliveries(jobs, { db, cipher, channels: channelsFrom(config) });
  return {
    cipher,
    settings,
    sessions,
    users,
    auth,
    audit: new AuditService(db),
    dictionaries,
    regions,
    units,
    people,
    imports,
    classes,
    plans,
    quotas,
    nominations,
    enrollments,
    rosters,
    lecturers,
    venues,
    timetable,
    schedules,
    attendance,
    leave,
    surveys,
    completion,
    certificates,
    trainingRecords,
    partnerships,
    secondments,
    secondmentImports,
    exchangeStats,
    stats,
    dashboard,
    savedReports,
    reports,
    documents,
    exports,
    jobs,
    live,
    questions,
    tasks,
    logistics,
    incidents,
    notices,
    onlineSessions: new OnlineSessionService(db, settings, sessions),
  };
}
export type Services = ReturnType<typeof buildServices>;

/** The Content-Security-Policy the console runs under (antd injects styles, so inline styles are allowed). */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

/** How long an upload may wait to be attached to the record it was uploaded for. */
const UNATTACHED_UPLOAD_TTL_MS = 24 * 3_600_000;

export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services }> {
  const { config, database } = deps;
  const app = Fastify({
    logger: deps.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkError,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const services = buildServices(config, database);

  installErrorHandler(app, async (request, error) => {
    const details = error.options.details ?? {};
    await recordAudit(database.db, request.ctx, {
      action: String(details.action ?? `${request.method} ${request.routeOptions.url ?? request.url}`),
      entityType: (details.entityType as string | undefined) ?? null,
      entityId: (details.entityId as string | undefined) ?? null,
      outcome: 'denied',
      detail: { method: request.method, url: request.url.slice(0, 300) },
    });
  });

  await app.register(fastifyCookie);
  // Uploads (spreadsheet imports): one file per request, size capped by UPLOAD_LIMIT_BYTES.
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.uploadLimit, files: 1, fields: 20, fieldSize: 1024, parts: 25 },
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { directives: CSP_DIRECTIVES },
    // Same-origin console; HSTS only makes sense behind HTTPS, which a reverse proxy adds.
    hsts: false,
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Ganxun API',
        version: config.version,
        description: '干训 · 干部教育培训与人才交流平台',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gx_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The API viewer is public, like the OpenAPI document it shows (the project is open source).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'public' };
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installAuth(app, { sessions: services.sessions, settings: services.settings });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            version: z.string(),
          }),
          503: z.object({ status: z.literal('unavailable'), database: z.string(), version: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await database.ping();
        return { status: 'ok' as const, database: database.kind, version: config.version };
      } catch {
        return reply
          .status(503)
          .send({ status: 'unavailable' as const, database: database.kind, version: config.version });
      }
    },
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  authRoutes(app, { ...services, cookieSecure: config.cookieSecure });
  userRoutes(app, services);
  auditRoutes(app, services);
  dictionaryRoutes(app, services);
  settingsRoutes(app, services);
  onlineSessionRoutes(app, services);
  regionRoutes(app, services);
  unitRoutes(app, services);
  personRoutes(app, services);
  importRoutes(app, services);
  planRoutes(app, services);
  classRoutes(app, services);
  quotaRoutes(app, services);
  nominationRoutes(app, services);
  enrollmentRoutes(app, services);
  rosterRoutes(app, services);
  lecturerRoutes(app, services);
  venueRoutes(app, services);
  sessionRoutes(app, services);
  scheduleRoutes(app, services);
  attendanceRoutes(app, services);
  trainingRecordRoutes(app, services);
  certificateRoutes(app, services);
  completionRoutes(app, services);
  surveyRoutes(app, services);
  leaveRoutes(app, services);
  partnershipRoutes(app, services);
  secondmentRoutes(app, services);
  secondmentImportRoutes(app, services);
  exchangeStatsRoutes(app, services);
  statsRoutes(app, services);
  dashboardRoutes(app, services);
  savedReportRoutes(app, services);
  reportRoutes(app, services);
  documentRoutes(app, services);
  exportRoutes(app, services);
  questionRoutes(app, services);
  taskRoutes(app, services);
  logisticsRoutes(app, services);
  incidentRoutes(app, services);
  noticeRoutes(app, services);
  deliveryRoutes(app, services);
  // Open event streams end before the server closes (they would hold it open), then the listener.
  app.addHook('preClose', async () => services.questions.streams.close());
  app.addHook('onClose', async () => services.live.close());
  // The background job worker (exports; notification deliveries later), unless JOB_WORKER=off.
  if (config.jobWorker) {
    services.jobs.start(app.log);
    app.addHook('onClose', () => services.jobs.stop());
    // Overdue checklist tasks are noticed by the process that runs the jobs (every 15 minutes).
    services.tasks.startOverdueSweep(app.log);
    app.addHook('onClose', async () => services.tasks.stopOverdueSweep());
    // Uploads never attached to anything (a leave request or reflection not sent) go after a day.
    const files = new FileStore(database.db);
    const stopFilePrune = startSweep(
      'unattached uploads deleted',
      () => files.pruneUnattached(new Date(Date.now() - UNATTACHED_UPLOAD_TTL_MS)),
      6 * 3_600_000,
      app.log,
    );
    app.addHook('onClose', async () => stopFilePrune());
  }

  await serveConsole(app, config);
  return { app, services };
}

/** Serves the built web console, with index.html for every client-side route. */
async function serveConsole(app: FastifyInstance, config: Config): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    config.webDist,
    path.resolve(here, '../../web/dist'),
    path.resolve(here, '../web'),
  ].filter(Boolean) as string[];
  const root = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!root) return;
  await app.register(fastifyStatic, { root, wildcard: false, maxAge: '1h', index: false });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.callNotFound();
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
