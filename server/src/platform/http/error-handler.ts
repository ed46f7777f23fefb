import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type DomainErrorKind, GENERIC_INVALID } from '../../shared/domain-error.js';
import {
  detailFor,
  frameworkDetail,
  plainText,
  reasonForIssue,
  UNEXPECTED_DETAIL,
} from '../../shared/plain-language.js';
import { problem, sendProblem } from './problem.js';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  rate_limited: 429,
};

function fieldOf(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (context && context !== 'body') return path ? `${context}.${path}` : context;
  return path || '(body)';
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      field: fieldOf(v.instancePath, error.validationContext),
      reason: reasonForIssue({ code: v.keyword, message: v.message, params: v.params }),
    }));
    return sendProblem(reply, problem(422, 'validation', { detail: detailFor(errors), errors }));
  }
  if (error instanceof DomainError) {
    const status = STATUS[error.kind];
    if (error.kind === 'rate_limited' && typeof error.extra.retryAfterSeconds === 'number')
      reply.header('retry-after', String(error.extra.retryAfterSeconds));
    const errors = error.issues.map((i) => ({ field: i.field, reason: plainText(i.reason) }));
    return sendProblem(
      reply,
      problem(status, error.kind.replace('_', '-'), {
        // The generic "The request is not valid" says nothing: name the fields instead.
        detail:
          error.message === GENERIC_INVALID && errors.length > 0
            ? detailFor(errors)
            : plainText(error.message),
        ...(errors.length > 0 ? { errors } : {}),
        ...error.extra,
      }),
    );
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return sendProblem(
      reply,
      problem(status, 'bad-request', { detail: frameworkDetail(error.code, error.message) }),
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problem(500, 'internal', { detail: UNEXPECTED_DETAIL }));
}
