import type { FastifyReply } from 'fastify';
import type { FieldIssue } from '../../shared/domain-error.js';

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request too large',
  414: 'Address too long',
  415: 'Unsupported media type',
  422: 'Validation failed',
  429: 'Too many attempts',
  431: 'Headers too large',
  500: 'Something went wrong on our side',
  503: 'Temporarily unavailable',
};

export function problem(status: number, slug: string, fields: Partial<Problem> = {}): Problem {
  return {
    type: `https://carebook.dev/problems/${slug}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...fields,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.status(body.status).type('application/problem+json').send(body);
}
