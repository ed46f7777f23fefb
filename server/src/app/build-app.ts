import { accommodationRoutes } from '../accommodation/accommodation.routes.js';
import { appointmentRoutes } from '../appointments/appointments.routes.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { availabilityRoutes } from '../availability/availability.routes.js';
import { workScheduleRoutes } from '../availability/work-schedules.routes.js';
import { bookingBillingRoutes } from '../billing/billing.routes.js';
import { billingSettingsRoutes } from '../billing/billing-settings.routes.js';
import { carerPayRoutes } from '../billing/carer-pay.routes.js';
import { invoiceRoutes } from '../billing/invoices.routes.js';
import { setSupportItemCheck } from '../billing/support-item-check.action.js';
import { setExtraSoftConflictCheck } from '../bookings/booking-checks.action.js';
import {
  setAttendanceListener,
  setBookingEventListener,
  setClientLeaveListener,
} from '../bookings/booking-events.action.js';
import { bookingRoutes } from '../bookings/bookings.routes.js';
import { resourceRoutes } from '../bookings/resources.routes.js';
import { serviceOrderRoutes } from '../bookings/service-orders.routes.js';
import { calendarRoutes } from '../calendar/calendar.routes.js';
import { contractRoutes } from '../contracts/contracts.routes.js';
import { entitlementRoutes } from '../entitlements/entitlements.routes.js';
import { rebookingRoutes } from '../entitlements/rebooking.routes.js';
import { settleOnAttendanceCancelled, settleOnBookingEvent } from '../entitlements/settle-session.action.js';
import { authRoutes } from '../identity/auth.routes.js';
import { resolveSession } from '../identity/resolve-session.action.js';
import { roleRoutes } from '../identity/roles.routes.js';
import { parseSessionCookie } from '../identity/sign-in.action.js';
import { ndisBulkPaymentRoutes } from '../ndis/bulk-payment.routes.js';
import { ndisCancellationRoutes } from '../ndis/cancellation.routes.js';
import { ndisCatalogueRoutes } from '../ndis/catalogue.routes.js';
import { fundingSoftConflicts } from '../ndis/funding-check.action.js';
import { ndisPlanRoutes } from '../ndis/plan.routes.js';
import { checkVisitSupportItem } from '../ndis/support-item-check.action.js';
import { enqueueBookingNotifications } from '../notifications/enqueue.action.js';
import { enqueueLeaveNotifications } from '../notifications/leave-notifications.action.js';
import { notificationRoutes } from '../notifications/notifications.routes.js';
import { noticeBookingEvent } from '../notifications/staff-notices.action.js';
import { clientRoutes } from '../people/clients.routes.js';
import { externalProviderRoutes } from '../people/external-providers.routes.js';
import { staffRoutes } from '../people/staff.routes.js';
import { planRoutes } from '../plans/plans.routes.js';
import { serviceRoutes } from '../plans/services.routes.js';
import type { JobQueue } from '../platform/db/job-queue.js';
import { type App, createHttpApp, type HttpDeps } from '../platform/http/app.js';
import { type MailCatcher, startMailCatcher } from '../platform/mail/mail-catcher.js';
import { createMailer } from '../platform/mail/mailer.js';
import { clientLeaveRoutes } from '../scheduling/client-leave.routes.js';
import { schedulingRoutes } from '../scheduling/scheduling.routes.js';
import { sessionRoutes } from '../sessions/sessions.routes.js';
import { notificationTransports } from './notification-transports.js';
import { startJobs } from './start-jobs.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when the app runs no invoice runs itself (tests that drive runs by hand, or no job queue). */
    invoiceRuns: { wake: () => void } | null;
    /** The background jobs (graphile-worker); null without a database URL to run them on. */
    jobs: JobQueue | null;
    /** Where mail goes: SMTP_URL's server, or the embedded catcher's loopback address. */
    mailUrl: string;
  }
}

export type AppDeps = HttpDeps & {
  /** The database the job queue runs on (graphile-worker has its own pool); without it, no background jobs. */
  databaseUrl?: string;
  invoiceWorker?: boolean;
  /** Series generation every 15 minutes (the server; tests run generation themselves). */
  scheduling?: boolean;
};
export type { App };

/**
 * The composition root of the HTTP server: every domain's routes, the session look-up, the background jobs,
 * and the port through which bookings/ announces its changes to notifications/ (in the booking's transaction).
 */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const fromEmail = /<([^>]+)>/.exec(config.mail.from)?.[1] ?? config.mail.from;
  const fromName = config.mail.from.replace(/<[^>]*>/, '').trim() || 'Carebook';
  const settings = {
    reminderMinutes: config.notifications.reminderMinutes,
    from: { name: fromName, email: fromEmail },
  };
  setBookingEventListener(async (tx, organisationId, event) => {
    await enqueueBookingNotifications(tx, organisationId, event, settings, deps.clock());
    await noticeBookingEvent(tx, organisationId, event, deps.clock());
    // A cancelled case session gives its session back when the case's rules say so, whichever route cancelled it.
    await settleOnBookingEvent(event, tx, deps.clock());
  });
  // One client's place in a group cancelled settles that client's case session the same way.
  setAttendanceListener((tx, event) => settleOnAttendanceCancelled(event, tx));
  setClientLeaveListener((tx, organisationId, event) =>
    enqueueLeaveNotifications(tx, organisationId, event, settings, deps.clock()),
  );
  // ndis/ adds funding-period overruns to a booking's soft conflicts (bookings/ must not import it).
  setExtraSoftConflictCheck(fundingSoftConflicts);
  // ndis/ picks a contract-priced visit's support item and checks its price limit for "why this price".
  setSupportItemCheck(checkVisitSupportItem);
  let catcher: MailCatcher | null = null;
  if (!config.mail.smtpUrl)
    catcher = await startMailCatcher({
      log: (line) => console.error(line),
      now: () => deps.clock().toString(),
    });
  const mailUrl = config.mail.smtpUrl ?? catcher!.url;
  const mailer = createMailer(mailUrl, config.mail.from);
  const app = await createHttpApp(deps, {
    resolveSession: (app) => async (value, request) => {
      const cookie = parseSessionCookie(value);
      if (!cookie) return undefined;
      return resolveSession(app.db, cookie, app.clock(), app.config.session, request.ip);
    },
    decorate: (app) => {
      app.decorate('invoiceRuns', null);
      app.decorate('jobs', null);
      app.decorate('mailUrl', mailUrl);
      app.decorate('caughtMail', catcher ? catcher.messages : null);
    },
    api: async (api) => {
      await api.register(authRoutes);
      await api.register(roleRoutes);
      await api.register(staffRoutes);
      await api.register(clientRoutes);
      await api.register(externalProviderRoutes);
      await api.register(serviceOrderRoutes);
      await api.register(bookingRoutes);
      await api.register(sessionRoutes);
      await api.register(auditRoutes);
      await api.register(planRoutes);
      await api.register(serviceRoutes);
      await api.register(contractRoutes);
      await api.register(bookingBillingRoutes);
      await api.register(invoiceRoutes);
      await api.register(billingSettingsRoutes);
      await api.register(carerPayRoutes);
      await api.register(schedulingRoutes);
      await api.register(clientLeaveRoutes);
      await api.register(calendarRoutes);
      await api.register(availabilityRoutes);
      await api.register(workScheduleRoutes);
      await api.register(notificationRoutes);
      await api.register(entitlementRoutes);
      await api.register(accommodationRoutes);
      await api.register(rebookingRoutes);
      await api.register(appointmentRoutes);
      await api.register(resourceRoutes);
      await api.register(ndisCancellationRoutes);
      await api.register(ndisPlanRoutes);
      await api.register(ndisCatalogueRoutes);
      await api.register(ndisBulkPaymentRoutes);
    },
  });
  if (deps.databaseUrl) {
    // Failed attempts are recorded on the run or message; this log only reports a job that cannot run at all.
    const jobs = await startJobs({
      db: deps.db,
      databaseUrl: deps.databaseUrl,
      clock: deps.clock,
      log: (line) => app.log.error(line),
      transports: notificationTransports(mailer, {
        senderId: config.notifications.smsSenderId,
        log: (line) => app.log.info(line),
      }),
      invoiceRuns: deps.invoiceWorker !== false,
      scheduling: deps.scheduling === true,
    });
    app.jobs = jobs;
    if (deps.invoiceWorker !== false)
      app.invoiceRuns = { wake: () => void jobs.wake('billing:invoice-runs').catch(() => {}) };
  }
  app.addHook('onClose', async () => {
    await app.jobs?.stop();
    mailer.close();
    await catcher?.stop();
  });
  return app;
}
