import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { auditRoutes } from '../../audit/audit.routes.js';
import { bookingBillingRoutes } from '../../billing/billing.routes.js';
import { billingSettingsRoutes } from '../../billing/billing-settings.routes.js';
import { carerPayRoutes } from '../../billing/carer-pay.routes.js';
import { invoiceRoutes } from '../../billing/invoices.routes.js';
import { bookingRoutes } from '../../bookings/bookings.routes.js';
import { serviceOrderRoutes } from '../../bookings/service-orders.routes.js';
import { contractRoutes } from '../../contracts/contracts.routes.js';
import { authRoutes } from '../../identity/auth.routes.js';
import { roleRoutes } from '../../identity/roles.routes.js';
import { clientRoutes } from '../../people/clients.routes.js';
import { externalProviderRoutes } from '../../people/external-providers.routes.js';
import { staffRoutes } from '../../people/staff.routes.js';
import { planRoutes } from '../../plans/plans.routes.js';
import { serviceRoutes } from '../../plans/services.routes.js';
import { availabilityRoutes } from '../../scheduling/availability.routes.js';
import { calendarRoutes } from '../../scheduling/calendar.routes.js';
import { schedulingRoutes } from '../../scheduling/scheduling.routes.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { type InvoiceRunWorker, startInvoiceRunWorker } from '../jobs/invoice-run-worker.js';
import { accessHook } from './access.js';
import { errorHandler } from './error-handler.js';
import { problem, sendProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    clock: Clock;
    /** Null when the app was built without the worker (tests that drive runs by hand). */
    invoiceRuns: InvoiceRunWorker | null;
  }
}

export type AppDeps = { db: Db; config: Config; clock: Clock; logger?: boolean; invoiceWorker?: boolean };
export type App = FastifyInstance;

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.logger ? { level: 'info' } : false,
    trustProxy: process.env.TRUST_PROXY === '1',
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', deps.db);
  app.decorate('config', deps.config);
  app.decorate('clock', deps.clock);
  // Invoice runs are processed in the background by this process (and any other running the same database).
  const invoiceRuns =
    deps.invoiceWorker === false
      ? null
      : // Failed attempts are recorded on the run; this only reports a worker that cannot reach the database.
        startInvoiceRunWorker(deps.db, (line) => (deps.logger ? app.log.error(line) : console.error(line)));
  app.decorate('invoiceRuns', invoiceRuns);
  app.addHook('onClose', async () => invoiceRuns?.stop());
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
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Carebook API',
        version: '1.0.0',
        description:
          'Care management: clients, staff, roles, ad-hoc bookings (Service Orders), service plans and services, ' +
          'and the audit trail. ' +
          'Sign in with POST /api/v1/auth/login; writes need the X-CSRF-Token header from /api/v1/me. ' +
          'Errors are application/problem+json.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'carebook_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onRequest', accessHook);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  await app.register(
    async (api) => {
      await api.register(authRoutes);
      await api.register(roleRoutes);
      await api.register(staffRoutes);
      await api.register(clientRoutes);
      await api.register(externalProviderRoutes);
      await api.register(serviceOrderRoutes);
      await api.register(bookingRoutes);
      await api.register(auditRoutes);
      await api.register(planRoutes);
      await api.register(serviceRoutes);
      await api.register(contractRoutes);
      await api.register(bookingBillingRoutes);
      await api.register(invoiceRoutes);
      await api.register(billingSettingsRoutes);
      await api.register(carerPayRoutes);
      await api.register(schedulingRoutes);
      await api.register(calendarRoutes);
      await api.register(availabilityRoutes);
    },
    { prefix: '/api/v1' },
  );

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
