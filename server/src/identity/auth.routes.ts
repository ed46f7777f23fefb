import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant, SESSION_COOKIE } from '../platform/http/access.js';
import { problemSchema } from '../platform/http/schemas.js';
import { timeZoneField } from '../shared/time-zone.js';
import { changeMyProfile, readMe } from './profile.action.js';
import { resolveSession } from './resolve-session.action.js';
import { parseSessionCookie, signIn, signOut } from './sign-in.action.js';

const meSchema = z
  .object({
    user: z.object({
      id: z.uuid(),
      email: z.string(),
      timeZone: z
        .string()
        .nullable()
        .meta({ description: "The user's own zone; null: they follow the organisation's" }),
    }),
    timeZone: z
      .string()
      .meta({ description: "The zone calendars show times in: the user's, else the organisation's" }),
    staff: z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string(), timeZone: z.string() }),
    organisation: z.object({
      id: z.uuid(),
      name: z.string(),
      timeZone: z.string(),
      country: z.string().meta({ description: 'ISO 3166 code' }),
      locale: z.string().meta({
        description: "How dates are written and entered: 'en-AU' and 'en-GB' dd/mm/yyyy, 'en-US' mm/dd/yyyy",
      }),
      currency: z
        .enum(['AUD', 'GBP', 'NZD', 'USD'])
        .meta({ description: "Money is shown in this currency: the billing settings', else the country's" }),
    }),
    permissions: z.array(z.string()),
    csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token on every write' }),
  })
  .meta({ id: 'Me' });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const me = (request: Parameters<typeof inTenant>[0], csrfToken: string) =>
    inTenant(request, async (tx, actor) => ({ ...(await readMe(tx, actor)), csrfToken }));

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        security: [],
        body: z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) }),
        response: { 200: meSchema, 401: problemSchema, 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await signIn(app.db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        now: app.clock(),
        throttle: app.config.signInThrottle,
      });
      reply.setCookie(SESSION_COOKIE, signedIn.cookieValue, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: app.config.session.secureCookie,
        maxAge: app.config.session.absoluteHours * 3600,
      });
      const cookie = parseSessionCookie(signedIn.cookieValue)!;
      const resolved = await resolveSession(app.db, cookie, app.clock(), app.config.session, request.ip);
      request.actor = resolved!.actor;
      return me(request, resolved!.csrfToken);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session',
        response: { 204: z.null(), 401: problemSchema },
      },
    },
    async (request, reply) => {
      const cookie = parseSessionCookie(request.cookies[SESSION_COOKIE]);
      const actor = request.actor!;
      if (cookie) await signOut(app.db, cookie, actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, organisation and permissions',
        response: { 200: meSchema, 401: problemSchema },
      },
    },
    async (request) => me(request, request.csrfToken!),
  );

  app.patch(
    '/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: "Change the signed-in user's own profile (their time zone)",
        body: z
          .object({
            timeZone: timeZoneField()
              .nullable()
              .optional()
              .meta({ description: "An IANA zone, or null to follow the organisation's" }),
          })
          .strict(),
        response: { 200: meSchema, 401: problemSchema, 403: problemSchema, 422: problemSchema },
      },
    },
    async (request) => {
      const csrfToken = request.csrfToken!;
      return inTenant(request, async (tx, actor) => ({
        ...(await changeMyProfile(tx, actor, request.body)),
        csrfToken,
      }));
    },
  );
};
