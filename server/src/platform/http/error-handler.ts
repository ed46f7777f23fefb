import type { Socket } from 'node:net';
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
import { isDatabaseUnavailable } from '../db/connection-errors.js';
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
      problem(status, SLUGS[status] ?? 'bad-request', { detail: frameworkDetail(error.code, error.message) }),
    );
  }
  // The database is restarting, failing over or unreachable: nothing is wrong with the request, so it is a 503
  // the client may retry (a write cut off at COMMIT may have been applied; its retry then answers 409).
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error, reqId: request.id }, 'database unavailable');
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    return sendProblem(
      reply,
      problem(503, 'unavailable', { detail: UNAVAILABLE_DETAIL, requestId: request.id }),
    );
  }
  // Always logged (stderr by default), with the id the body carries so a report can be matched to its cause.
  request.log.error({ err: error, reqId: request.id }, 'unhandled error');
  return sendProblem(reply, problem(500, 'internal', { detail: UNEXPECTED_DETAIL, requestId: request.id }));
}

/** A failover (kill, promote, reconnect) takes a few seconds; asking again sooner only adds load. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;
const UNAVAILABLE_DETAIL = 'The database is not reachable at the moment; try again in a few seconds';

const SLUGS: Record<number, string> = {
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'timeout',
  413: 'too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  431: 'headers-too-large',
};

/** Fastify's errors raised before a route is found (`frameworkErrors`): the same problem+json as any other. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // FST_ERR_MAX_PARAM_LENGTH carries 414; a malformed URL (FST_ERR_BAD_URL) is a plain 400.
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400);
  return errorHandler(Object.assign(error, { statusCode: status }), request, reply);
}

/** Requests Node's HTTP parser refuses (bad syntax, headers too large) never reach Fastify: answer in kind. */
export function rawClientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (!socket.writable) return socket.destroy(error);
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify(
    problem(status, SLUGS[status] ?? 'bad-request', { detail: 'The request could not be parsed as HTTP' }),
  );
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
