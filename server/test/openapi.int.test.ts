import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Issue 10 §4: the served API document is valid for independent tools, and complete. */

type Operation = {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
};

let t: TestApp;
let doc: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};
let operations: { method: string; path: string; op: Operation }[];

beforeAll(async () => {
  t = await startTestApp({ invoiceWorker: false });
  const response = await fetch(`${t.baseUrl}/api/openapi.json`);
  expect(response.status).toBe(200);
  doc = (await response.json()) as typeof doc;
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path, op })),
  );
});
afterAll(() => t.close());

describe('/api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document whose every $ref resolves', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, JSON.stringify(result)).toBe(true);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'Booking', 'Client']),
    );
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) expect(doc.components.schemas).toHaveProperty([ref.slice(22, -1)]);
  });

  it('gives every operation a unique operationId and a summary', () => {
    expect(operations.length).toBeGreaterThan(60);
    for (const { method, path, op } of operations) {
      expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.summary?.trim(), `${method} ${path}`).toBeTruthy();
    }
    expect(new Set(operations.map((o) => o.op.operationId)).size).toBe(operations.length);
  });

  it('documents every error as application/problem+json with the shared Problem schema', () => {
    for (const { method, path, op } of operations) {
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      expect(errors.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const [status, response] of errors)
        expect(response.content, `${method} ${path} ${status}`).toEqual({
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        });
    }
  });

  it('derives error statuses from the access rule: public routes no 401/403, writes 409 and 422', () => {
    const find = (method: string, path: string) =>
      operations.find((o) => o.method === method && o.path === `/api/v1${path}`)!.op;
    const feed = find('get', '/feeds/{token}');
    expect(Object.keys(feed.responses)).not.toContain('401');
    expect(Object.keys(feed.responses)).not.toContain('403');
    expect(feed.security).toEqual([]);
    expect(feed.responses['200']!.content).toHaveProperty(['text/calendar']);
    const login = find('post', '/auth/login');
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['401', '422', '429']));
    const create = find('post', '/clients');
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['400', '401', '403', '409', '413', '415', '422']),
    );
    const list = find('get', '/clients');
    expect(Object.keys(list.responses)).not.toContain('409');
    expect(Object.keys(list.responses)).not.toContain('415');
    // A signed-in read needs no permission, and reads need no CSRF token: no 403.
    expect(Object.keys(find('get', '/permissions').responses)).not.toContain('403');
  });
});
