import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock } from '../clock.js';
import type { Config } from '../config/config.js';
import { createDb, type Db } from '../db/database.js';
import { accessHook, type SessionResolver } from './access.js';
import { errorHandler, frameworkErrorHandler, rawClientErrorHandler } from './error-handler.js';
import { registerOpenApi } from './openapi.js';
import { problem, sendProblem } from './problem.js';
import { validatorCompiler } from './safe-text.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** Where calendar and feed reads go: DATABASE_READ_URL's replica, or `db` when it is unset. */
    readDb: Db;
    config: Config;
    clock: Clock;
  }
}

export type HttpDeps = {
  db: Db;
  config: Config;
  clock: Clock;
  /** Request logs (CAREBOOK_LOG=1). Without them, errors are still logged. */
  logger?: boolean;
  /** Where logs go: stdout with request logs, else stderr (errors only). Tests pass a stream to read them. */
  logStream?: NodeJS.WritableStream;
};
export type App = FastifyInstance;

/**
 * The HTTP machinery every Carebook server shares: Fastify with Zod, security headers, the OpenAPI document, the
 * access hook, problem+json errors and the web app's static files. It knows no domain: the composition root
 * (`app/build-app.ts`) passes the session look-up, its own decorations (`decorate`, run before any route is
 * registered) and the API routes (`api`, mounted under /api/v1).
 */
export async function createHttpApp(
  deps: HttpDeps,
  parts: {
    resolveSession: (app: App) => SessionResolver;
    decorate?: (app: App) => void;
    api: FastifyPluginAsync;
  },
): Promise<App> {
  const app = Fastify({
    logger: deps.logger
      ? { level: 'info', ...(deps.logStream ? { stream: deps.logStream } : {}) }
      : { level: 'error', stream: deps.logStream ?? process.stderr },
    // Unique across processes and restarts, so the id a problem body carries finds its log line.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: process.env.TRUST_PROXY === '1',
    bodyLimit: 1024 * 1024,
    // Errors raised before routing (a path parameter over 100 characters, a malformed URL) are problem+json too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler: rawClientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', deps.db);
  const readDb = deps.config.databaseReadUrl ? createDb(deps.config.databaseReadUrl) : deps.db;
  app.decorate('readDb', readDb);
  if (readDb !== deps.db) app.addHook('onClose', () => readDb.destroy());
  app.decorate('config', deps.config);
  app.decorate('clock', deps.clock);
  app.decorate('resolveSession', parts.resolveSession(app));
  parts.decorate?.(app);
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.setErrorHandler(errorHandler);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: deps.config.session.secureCookie,
  });
  await registerOpenApi(app);

  app.addHook('onRequest', accessHook);
  // API answers carry personal data and the CSRF token: no cache (browser, proxy) may keep them. Routes that
  // set their own policy (static files, calendar feeds) keep it.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  await app.register(parts.api, { prefix: '/api/v1' });

  const webDist = deps.config.webDist;
  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !existsSync(webDist)) {
      return sendProblem(
        reply,
        problem(404, 'not-found', { detail: `No route ${request.method} ${request.url}` }),
      );
    }
    // Client-side routes (e.g. /clients/123) all load the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
