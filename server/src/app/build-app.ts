import { auditRoutes } from '../audit/audit.routes.js';
import { availabilityRoutes } from '../availability/availability.routes.js';
import { workScheduleRoutes } from '../availability/work-schedules.routes.js';
import { bookingBillingRoutes } from '../billing/billing.routes.js';
import { billingSettingsRoutes } from '../billing/billing-settings.routes.js';
import { carerPayRoutes } from '../billing/carer-pay.routes.js';
import { invoiceRoutes } from '../billing/invoices.routes.js';
import { bookingRoutes } from '../bookings/bookings.routes.js';
import { serviceOrderRoutes } from '../bookings/service-orders.routes.js';
import { calendarRoutes } from '../calendar/calendar.routes.js';
import { contractRoutes } from '../contracts/contracts.routes.js';
import { entitlementRoutes } from '../entitlements/entitlements.routes.js';
import { authRoutes } from '../identity/auth.routes.js';
import { resolveSession } from '../identity/resolve-session.action.js';
import { roleRoutes } from '../identity/roles.routes.js';
import { parseSessionCookie } from '../identity/sign-in.action.js';
import { clientRoutes } from '../people/clients.routes.js';
import { externalProviderRoutes } from '../people/external-providers.routes.js';
import { staffRoutes } from '../people/staff.routes.js';
import { planRoutes } from '../plans/plans.routes.js';
import { serviceRoutes } from '../plans/services.routes.js';
import { type App, createHttpApp, type HttpDeps } from '../platform/http/app.js';
import { clientLeaveRoutes } from '../scheduling/client-leave.routes.js';
import { schedulingRoutes } from '../scheduling/scheduling.routes.js';
import { type InvoiceRunWorker, startInvoiceRunWorker } from './invoice-run-worker.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when the app was built without the worker (tests that drive runs by hand). */
    invoiceRuns: InvoiceRunWorker | null;
  }
}

export type AppDeps = HttpDeps & { invoiceWorker?: boolean };
export type { App };

/** The composition root of the HTTP server: every domain's routes, the session look-up and the invoice worker. */
export async function buildApp(deps: AppDeps): Promise<App> {
  return createHttpApp(deps, {
    resolveSession: (app) => async (value, request) => {
      const cookie = parseSessionCookie(value);
      if (!cookie) return undefined;
      return resolveSession(app.db, cookie, app.clock(), app.config.session, request.ip);
    },
    decorate: (app) => {
      // Invoice runs are processed in the background by this process (and any other running the same database).
      const invoiceRuns =
        deps.invoiceWorker === false
          ? null
          : // Failed attempts are recorded on the run; this only reports a worker that cannot reach the database.
            startInvoiceRunWorker(deps.db, (line) => app.log.error(line));
      app.decorate('invoiceRuns', invoiceRuns);
      app.addHook('onClose', async () => invoiceRuns?.stop());
    },
    api: async (api) => {
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
      await api.register(clientLeaveRoutes);
      await api.register(calendarRoutes);
      await api.register(availabilityRoutes);
      await api.register(workScheduleRoutes);
      await api.register(entitlementRoutes);
    },
  });
}
