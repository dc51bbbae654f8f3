import {
  classSurveySummary,
  idParams,
  lecturerEvaluationsView,
  mySurveyList,
  reminderResult,
  responseBody,
  submitResult,
  surveyFormDetail,
  surveyFormList,
  surveyFormResultsView,
  surveyFormRow,
  surveySettingsBody,
  surveySettingsView,
  surveyTemplateBody,
  surveyTemplateList,
  surveyTemplateQuery,
  surveyTemplateView,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { contentDisposition } from '../people/export.js';

const tags = ['surveys'];
/** Template ids are uuids or the built-in `builtin-lecture` / `builtin-class`. */
const templateParams = z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,40}$/) });

/**
 * Evaluation (评估, issue 6 item 4) under `/api/v1`: templates (survey.manage), a class's forms,
 * settings, results and export (runners with 'evaluate'), filling in (expected trainees), a
 * lecturer's evaluations, the trainee's own forms.
 */
export function surveyRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { classes, surveys } = services;

  r.get(
    '/api/v1/survey-templates',
    { schema: { tags, querystring: surveyTemplateQuery, response: { 200: surveyTemplateList } } },
    async (req) => ({ items: await surveys.templates.list(req.ctx, req.query.archived === 'true') }),
  );
  r.post(
    '/api/v1/survey-templates',
    { schema: { tags, body: surveyTemplateBody, response: { 201: surveyTemplateView } } },
    async (req, reply) => {
      reply.status(201);
      return surveys.templates.create(req.ctx, req.body);
    },
  );
  r.get(
    '/api/v1/survey-templates/:id',
    { schema: { tags, params: templateParams, response: { 200: surveyTemplateView } } },
    async (req) => surveys.templates.get(req.ctx, req.params.id),
  );
  r.put(
    '/api/v1/survey-templates/:id',
    {
      schema: {
        tags,
        params: templateParams,
        body: surveyTemplateBody,
        response: { 200: surveyTemplateView },
      },
    },
    async (req) => surveys.templates.update(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/v1/survey-templates/:id/archive',
    { schema: { tags, params: templateParams, response: { 200: surveyTemplateView } } },
    async (req) => surveys.templates.archive(req.ctx, req.params.id),
  );

  r.get(
    '/api/v1/classes/:id/surveys',
    { schema: { tags, params: idParams, response: { 200: surveyFormList } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'evaluate');
      return surveys.listForms(req.params.id);
    },
  );
  r.get(
    '/api/v1/classes/:id/survey-settings',
    { schema: { tags, params: idParams, response: { 200: surveySettingsView } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'evaluate');
      return surveys.settings(req.params.id);
    },
  );
  r.put(
    '/api/v1/classes/:id/survey-settings',
    { schema: { tags, params: idParams, body: surveySettingsBody, response: { 200: surveySettingsView } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'evaluate');
      return surveys.updateSettings(req.ctx, req.params.id, req.body);
    },
  );
  r.get(
    '/api/v1/classes/:id/survey-results',
    { schema: { tags, params: idParams, response: { 200: classSurveySummary } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'evaluate');
      return surveys.classSummary(req.params.id);
    },
  );
  r.get(
    '/api/v1/classes/:id/survey-results.xlsx',
    { schema: { tags, params: idParams } },
    async (req, reply) => {
      const record = await classes.requireRun(req.ctx, req.params.id, 'evaluate');
      const download = await surveys.classWorkbook(req.ctx, record);
      return reply
        .header('content-type', download.contentType)
        .header('content-disposition', contentDisposition(download.fileName, download.fallbackName))
        .header('cache-control', 'no-store')
        .send(download.file);
    },
  );

  r.get(
    '/api/v1/surveys/:id',
    { schema: { tags, params: idParams, response: { 200: surveyFormDetail } } },
    async (req) => surveys.formDetail(req.ctx, req.params.id),
  );
  r.post(
    '/api/v1/surveys/:id/responses',
    { schema: { tags, params: idParams, body: responseBody, response: { 201: submitResult } } },
    async (req, reply) => {
      await surveys.submit(req.ctx, req.params.id, req.body);
      reply.status(201);
      return { submitted: true as const };
    },
  );
  r.get(
    '/api/v1/surveys/:id/results',
    { schema: { tags, params: idParams, response: { 200: surveyFormResultsView } } },
    async (req) => {
      const { form } = await surveys.requireRunForm(req.ctx, req.params.id);
      return surveys.formResults(form);
    },
  );
  r.post(
    '/api/v1/surveys/:id/reminders',
    { schema: { tags, params: idParams, response: { 201: reminderResult } } },
    async (req, reply) => {
      const { form } = await surveys.requireRunForm(req.ctx, req.params.id);
      reply.status(201);
      return surveys.remind(req.ctx, form);
    },
  );
  r.post(
    '/api/v1/surveys/:id/close',
    { schema: { tags, params: idParams, response: { 200: surveyFormRow } } },
    async (req) => {
      const { form } = await surveys.requireRunForm(req.ctx, req.params.id);
      return surveys.close(req.ctx, form);
    },
  );

  r.get(
    '/api/v1/lecturers/:id/evaluations',
    { schema: { tags, params: idParams, response: { 200: lecturerEvaluationsView } } },
    async (req) => surveys.lecturerEvaluations(req.ctx, req.params.id),
  );
  r.get('/api/v1/me/surveys', { schema: { tags, response: { 200: mySurveyList } } }, async (req) => ({
    items: await surveys.mySurveys(req.ctx),
  }));
}
