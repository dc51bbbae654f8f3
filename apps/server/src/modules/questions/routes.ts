import {
  boardSettingsBody,
  boardView,
  classQuestionsView,
  idParams,
  moderateBody,
  postQuestionBody,
  questionView,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { contentDisposition } from '../people/export.js';

const tags = ['questions'];
const boardParams = z.strictObject({ id: z.uuid(), sessionId: z.uuid() });
const questionParams = z.strictObject({ id: z.uuid(), sessionId: z.uuid(), questionId: z.uuid() });
/**
 * The invitation of online viewers, carried by the presenter view's QR code. Any other text is
 * simply no invitation (a POST's query is checked after its body, so no length error here).
 */
const inviteQuery = z.strictObject({ invite: z.string().optional() });
const exportQuery = z.strictObject({ sessionId: z.uuid().optional() });

/** Seconds between the stream's keep-alive comments (proxies close idle connections). */
const HEARTBEAT_MS = 20_000;

/**
 * Live questions (互动答疑, issue 10) under `/api/v1/classes/{id}`: a timetable item's board (read,
 * stream, post, vote, moderate, settings) and the class's figures and export.
 */
export function questionRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { questions } = services;
  const base = '/api/v1/classes/:id/sessions/:sessionId';

  r.get(
    `${base}/questions`,
    { schema: { tags, params: boardParams, querystring: inviteQuery, response: { 200: boardView } } },
    async (req) => questions.board(req.ctx, req.params.id, req.params.sessionId, req.query.invite),
  );

  /** Server-sent events: a snapshot, then every change (BoardEvent), from any server process. */
  r.get(
    `${base}/questions/stream`,
    { schema: { tags, params: boardParams, querystring: inviteQuery } },
    async (req, reply) => {
      const reader = await questions.reader(req.ctx, req.params.id, req.params.sessionId, req.query.invite);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 2000\n\n');
      const write = (frame: string) => {
        if (!raw.writableEnded) raw.write(frame);
      };
      let close: (() => void) | null = null;
      let ended = false;
      const heartbeat = setInterval(() => {
        if (!raw.writableEnded) raw.write(': keep-alive\n\n');
      }, HEARTBEAT_MS);
      const finish = () => {
        ended = true;
        clearInterval(heartbeat);
        close?.();
        close = null;
      };
      req.raw.on('close', finish);
      try {
        const opened = await questions.streams.open(reader.session, {
          viewer: questions.viewerOf(reader),
          write,
          end: () => {
            finish();
            if (!raw.writableEnded) raw.end();
          },
        });
        if (ended) opened();
        else close = opened;
      } catch (error) {
        req.log.error(error, 'question stream failed to open');
        finish();
        raw.end();
      }
    },
  );

  r.post(
    `${base}/questions`,
    {
      schema: {
        tags,
        params: boardParams,
        querystring: inviteQuery,
        body: postQuestionBody,
        response: { 201: questionView },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return questions.post(req.ctx, req.params.id, req.params.sessionId, req.query.invite, req.body);
    },
  );

  r.post(
    `${base}/questions/:questionId/votes`,
    { schema: { tags, params: questionParams, querystring: inviteQuery, response: { 201: questionView } } },
    async (req, reply) => {
      reply.status(201);
      return questions.vote(
        req.ctx,
        req.params.id,
        req.params.sessionId,
        req.params.questionId,
        req.query.invite,
      );
    },
  );

  r.post(
    `${base}/questions/:questionId/moderation`,
    { schema: { tags, params: questionParams, body: moderateBody, response: { 200: questionView } } },
    async (req) =>
      questions.moderate(req.ctx, req.params.id, req.params.sessionId, req.params.questionId, req.body),
  );

  r.patch(
    `${base}/question-board`,
    { schema: { tags, params: boardParams, body: boardSettingsBody, response: { 200: boardView } } },
    async (req) => questions.updateSettings(req.ctx, req.params.id, req.params.sessionId, req.body),
  );

  r.get(
    '/api/v1/classes/:id/questions',
    { schema: { tags, params: idParams, response: { 200: classQuestionsView } } },
    async (req) => questions.classFigures(req.ctx, req.params.id),
  );

  r.get(
    '/api/v1/classes/:id/questions.xlsx',
    { schema: { tags, params: idParams, querystring: exportQuery } },
    async (req, reply) => {
      const file = await questions.workbook(req.ctx, req.params.id, req.query.sessionId);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('互动答疑问题.xlsx', 'questions.xlsx'))
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
}
