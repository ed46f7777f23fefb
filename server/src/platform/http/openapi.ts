import swagger, { type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Access } from './access.js';
import { DATE_MAX, DATE_MIN, INT4_MAX, problemSchema } from './schemas.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 414 | 415 | 422 | 429;

const WHEN: Record<ErrorStatus, string> = {
  400: 'The request is malformed (e.g. the body is not well-formed JSON)',
  401: 'Not signed in, or the session has expired',
  403: 'The signed-in user lacks the permission, or a write lacks the X-CSRF-Token header',
  404: 'Not found in your organisation',
  409: 'Conflicts with the current state (e.g. an overlapping booking, or a concurrent change)',
  413: 'The body is larger than 1 MB',
  414: 'A path parameter is longer than 100 characters',
  415: 'The body is not application/json',
  422: 'Some fields are missing or not valid; `errors` names each field and why',
  429: 'Too many attempts; `Retry-After` says when to try again',
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The error statuses an operation can really answer, derived from its access rule and schema: public routes
 * never answer 401/403 by access; writes may answer 404, 409 and 422 from domain rules; only routes with a body
 * answer 400/413/415; `extra` adds what a route declares itself (a read's 409, sign-in's 429).
 */
export function errorStatusesOf(
  method: string,
  access: Access | undefined,
  schema: Record<string, unknown>,
  extra: readonly ErrorStatus[] = [],
): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>(extra);
  const write = WRITES.has(method);
  if (access !== 'public') {
    statuses.add(401);
    // 'signed-in' reads need nothing more; writes also need the CSRF token.
    if (access !== 'signed-in' || write) statuses.add(403);
  }
  if (schema.params || write) statuses.add(404);
  if (schema.params) statuses.add(414);
  if (write && access !== 'public') statuses.add(409);
  if (schema.body) for (const s of [400, 413, 415] as const) statuses.add(s);
  // Domain rules refuse writes with 422 too, body or not.
  if (schema.params || schema.querystring || schema.body || write) statuses.add(422);
  return [...statuses].sort((a, b) => a - b);
}

function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .flatMap((segment) => segment.split(/[-_.]/))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

/** Completes each API route's documentation: an operationId, and its problem+json errors from its config. */
function documentRoute(route: RouteOptions) {
  const url = route.url;
  if (!url?.startsWith('/api/v1/')) return;
  const schema = (route.schema ?? {}) as Record<string, unknown> & {
    hide?: boolean;
    response?: Record<string, unknown>;
  };
  if (schema.hide) return;
  const method = Array.isArray(route.method) ? route.method[0]! : route.method;
  const declared = schema.response ?? {};
  const response: Record<string, unknown> = {};
  // Keep success responses; error responses are derived below, so hand-written ones cannot disagree.
  for (const [status, value] of Object.entries(declared)) if (!/^[45]/.test(status)) response[status] = value;
  const config = (route.config ?? {}) as { access?: Access };
  // The access rule and schema decide 400–422 (the shared `commonErrors` a route spreads cannot); a route's
  // own 409 and 429 are kept, and so is what a public route declares (sign-in answers 401 to a wrong password).
  const declaredErrors = Object.keys(declared)
    .map(Number)
    .filter((s): s is ErrorStatus => s in WHEN && (s === 409 || s === 429 || config.access === 'public'));
  for (const status of errorStatusesOf(method, config.access, schema, declaredErrors))
    response[status] = {
      description: WHEN[status],
      content: { 'application/problem+json': { schema: problemSchema } },
    };
  route.schema = {
    ...schema,
    operationId: (schema.operationId as string | undefined) ?? operationIdOf(method, url),
    response,
    ...(config.access === 'public' ? { security: [] } : {}),
  };
}

const zodTransform = createJsonSchemaTransform({ skipList: ['/api/docs/*', '/api/docs/static/*'] });
const DATE_RANGE = `${DATE_MIN} to ${DATE_MAX}`;

/** A field's own description replaces the shared date schema's, so the accepted range is added back to it. */
function withDateRanges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withDateRanges);
  if (value === null || typeof value !== 'object') return value;
  const node = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDateRanges(v)]));
  if (node.format === 'date' && typeof node.type === 'string') {
    const description = typeof node.description === 'string' ? node.description : '';
    if (!description.includes(DATE_MIN))
      node.description = `${description ? `${description}; ` : ''}${DATE_RANGE}`;
  }
  return node;
}

/**
 * The Zod provider's object transform emits every registered schema in both its input and its output form
 * (`Booking` and `BookingInput`); keep only those the operations reference, so a component name means a shape
 * the API really reads or writes.
 */
const referencedComponents: SwaggerTransformObject = (document) => {
  const full = jsonSchemaTransformObject(document) as {
    paths?: unknown;
    components?: { schemas?: Record<string, unknown> };
  };
  const schemas = full.components?.schemas ?? {};
  const kept = new Set<string>();
  const visit = (value: unknown) => {
    for (const [, name] of JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (name === undefined || kept.has(name)) continue;
      kept.add(name);
      visit(schemas[name]);
    }
  };
  visit(full.paths);
  return {
    ...full,
    components: {
      ...full.components,
      schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => kept.has(name))),
    },
  } as ReturnType<SwaggerTransformObject>;
};

/**
 * The OpenAPI document (`/api/openapi.json`) and its reference page (`/api/docs`), generated from the routes'
 * Zod schemas. Register before any route: it completes each route's documentation as the route is added.
 */
export async function registerOpenApi(app: FastifyInstance) {
  app.addHook('onRoute', documentRoute);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Carebook API',
        version: '1.0.0',
        description:
          'Care management: clients, staff, roles, bookings (ad-hoc and scheduled), service plans and services, ' +
          'contracts and billing, and the audit trail. ' +
          'Sign in with POST /api/v1/auth/login; writes need the X-CSRF-Token header from /api/v1/me. ' +
          'Errors are application/problem+json (RFC 9457); a 422 lists each field and why in `errors`. ' +
          `Dates and instants are accepted from ${DATE_MIN} to ${DATE_MAX}; whole numbers stored as 32-bit ` +
          `integers are at most ${INT4_MAX}; text must not contain NUL or unpaired surrogate characters.`,
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'carebook_session' } },
      },
      security: [{ session: [] }],
    },
    transform: (route) => {
      const result = zodTransform(route);
      return { ...result, schema: withDateRanges(result.schema) as typeof result.schema };
    },
    transformObject: referencedComponents,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
