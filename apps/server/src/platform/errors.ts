import type { ErrorBody, ErrorCode, FieldError, MessageLocale } from '@ganxun/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { errorMessage, fieldErrorsFromIssues, fieldMessage, localeFromHeader } from './i18n.js';

/** HTTP status of every error code; the one place that decides it. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  TOTP_SETUP_REQUIRED: 403,
  CSRF_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PASSWORD_POLICY: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** A field problem reported by a service: a message key of FIELD_MESSAGES, localised on the way out. */
export interface FieldProblem {
  path: string;
  key: string;
  x?: unknown;
}

/** The one error type services and policies throw; the error handler turns it into a response. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: { fields?: FieldProblem[]; details?: Record<string, unknown>; message?: string } = {},
  ) {
    super(options.message ?? code);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static notFound(): AppError {
    return new AppError('NOT_FOUND');
  }

  static field(code: ErrorCode, path: string, key: string, x?: unknown): AppError {
    return new AppError(code, { fields: [{ path, key, x }] });
  }
}

export function errorBody(
  code: ErrorCode,
  locale: MessageLocale,
  fields?: FieldError[],
  details?: Record<string, unknown>,
): ErrorBody {
  return {
    error: {
      code,
      message: errorMessage(code, locale),
      ...(fields && fields.length > 0 ? { fields } : {}),
      ...(details ? { details } : {}),
    },
  };
}

type DeniedHook = (request: FastifyRequest, error: AppError) => Promise<void>;

/**
 * Installs the single error handler: AppError → its status; zod validation → 400 with field
 * messages; Fastify's own client errors (bad JSON, too large, wrong content type) → their 4xx;
 * anything else → 500, logged. `onDenied` records permission denials in the audit trail.
 */
export function installErrorHandler(app: FastifyInstance, onDenied: DeniedHook): void {
  app.setErrorHandler(
    async (error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
      const locale = localeFromHeader(request.headers['accept-language']);
      if (error instanceof AppError) {
        if (error.code === 'FORBIDDEN')
          await onDenied(request, error).catch((e) => request.log.error(e, 'audit of denial failed'));
        const fields = error.options.fields?.map((f) => ({
          path: f.path,
          code: f.key,
          message: fieldMessage(f.key, locale, f.x),
        }));
        return reply.status(error.status).send(errorBody(error.code, locale, fields, error.options.details));
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const prefix =
          error.validationContext && error.validationContext !== 'body' ? [error.validationContext] : [];
        // The provider flattens each zod issue; put it back together to localise it.
        const issues = error.validation.map(
          (v) =>
            ({
              ...v.params,
              code: v.keyword,
              message: v.message ?? '',
              path: v.instancePath.split('/').slice(1).filter(Boolean),
            }) as unknown as z.core.$ZodIssue,
        );
        return reply
          .status(400)
          .send(errorBody('VALIDATION_FAILED', locale, fieldErrorsFromIssues(issues, locale, prefix)));
      }
      const fe = error as FastifyError;
      const status = fe.statusCode ?? 500;
      if (status === 413) return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', locale));
      if (status === 415) return reply.status(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', locale));
      if (status === 429) return reply.status(429).send(errorBody('RATE_LIMITED', locale));
      if (status >= 400 && status < 500) {
        return reply
          .status(400)
          .send(errorBody('BAD_REQUEST', locale, undefined, { reason: fe.code ?? fe.message }));
      }
      if (isUnstorableText(error)) {
        return reply
          .status(400)
          .send(errorBody('BAD_REQUEST', locale, undefined, { reason: 'invalid_characters' }));
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply.status(500).send(errorBody('INTERNAL', locale));
    },
  );

  app.setNotFoundHandler((request, reply) => {
    const locale = localeFromHeader(request.headers['accept-language']);
    reply.status(404).send(errorBody('NOT_FOUND', locale));
  });
}

/**
 * Errors Fastify raises before routing (a malformed percent-encoding, a path parameter over the
 * length limit), which never reach the error handler: the same error body as everything else.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const locale = localeFromHeader(request.headers['accept-language']);
  reply.status(400).send(errorBody('BAD_REQUEST', locale, undefined, { reason: error.code }));
}

/** PostgreSQL refuses text it cannot store (a NUL character): bad input, not a server fault. */
function isUnstorableText(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return [e?.code, e?.cause?.code].some((code) => code === '22021' || code === '22P05');
}
