import Fastify from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../db/connection-errors.js';
import { DATABASE_RETRY_AFTER_SECONDS, errorHandler } from './error-handler.js';

/** An error as node-pg hands it over: a message and, for server errors, the SQLSTATE in `code`. */
const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

/** A real refusal: node-pg connecting to a loopback port nothing listens on (a dead primary's address). */
async function refusedConnection(): Promise<unknown> {
  const probe = Fastify();
  await probe.listen({ port: 0, host: '127.0.0.1' });
  const address = probe.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await probe.close();
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'nobody', database: 'none' });
  return client.connect().then(
    () => new Error('connected to a closed port'),
    (error: unknown) => error,
  );
}

const app = Fastify();
let thrown: unknown;
beforeAll(async () => {
  app.setErrorHandler(errorHandler);
  app.get('/boom', async () => {
    throw thrown;
  });
  await app.ready();
});
afterAll(() => app.close());

async function answer(error: unknown) {
  thrown = error;
  const response = await app.inject({ method: 'GET', url: '/boom' });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}

describe('database connection errors answer 503 with Retry-After, never 500', () => {
  const cases: [string, () => unknown | Promise<unknown>][] = [
    ['ECONNREFUSED from a real connection attempt', refusedConnection],
    [
      '57P01 admin shutdown (the primary stopping)',
      () => pgError('terminating connection due to administrator command', '57P01'),
    ],
    [
      '57P03 cannot connect now (starting up, or in recovery)',
      () => pgError('the database system is starting up', '57P03'),
    ],
    ['08006 connection failure', () => pgError('connection failure', '08006')],
    [
      '25006 read-only transaction (a write reached a standby)',
      () => pgError('cannot execute INSERT in a read-only transaction', '25006'),
    ],
    ['a connection ended under a query', () => pgError('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', () => pgError('timeout exceeded when trying to connect')],
  ];
  for (const [label, make] of cases)
    it(label, async () => {
      const error = await make();
      expect(isDatabaseUnavailable(error)).toBe(true);
      const { status, headers, body } = await answer(error);
      expect(status).toBe(503);
      expect(headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
      expect(body).toMatchObject({ status: 503, type: 'https://carebook.dev/problems/unavailable' });
      expect(body.detail).toMatch(/try again/);
    });

  it('other database errors stay what they are: an unexpected one is still a 500 with no Retry-After', async () => {
    for (const error of [
      pgError('division by zero', '22012'),
      pgError('deadlock detected', '40P01'),
      new Error('bug'),
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
      const { status, headers } = await answer(error);
      expect(status).toBe(500);
      expect(headers['retry-after']).toBeUndefined();
    }
  });
});
