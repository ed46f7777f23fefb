import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { RequireAuth, RequirePermission } from '../auth/require-auth';
import { AppointmentSettingsPage } from '../features/appointments/appointment-settings.page';
import { MyAppointmentsPage } from '../features/appointments/my-appointments.page';
import { QuickViewPage } from '../features/appointments/quick-view.page';
import { TodayBoardPage } from '../features/appointments/today-board.page';
import { AuditPage } from '../features/audit/audit.page';
import { BedsCalendarPage } from '../features/beds/beds-calendar.page';
import { BillingHomePage } from '../features/billing/billing-home.page';
import { BillingSettingsPage } from '../features/billing/billing-settings.page';
import { InvoicePage } from '../features/billing/invoice.page';
import { InvoicesPage } from '../features/billing/invoices.page';
import { ClientServiceOrdersPage } from '../features/bookings/client-service-orders.page';
import { ClientDetailedProfilePage } from '../features/clients/client-detailed-profile.page';
import { ClientProfileLayout } from '../features/clients/client-profile.layout';
import { ClientsListPage } from '../features/clients/clients-list.page';
import { ClientContractsPage } from '../features/contracts/client-contracts.page';
import { ContractTypePage } from '../features/contracts/contract-type.page';
import { ContractTypesPage } from '../features/contracts/contract-types.page';
import { ClientCasesPage } from '../features/entitlements/client-cases.page';
import { LoginPage } from '../features/login/login.page';
import { CataloguePage } from '../features/ndis-catalogue/catalogue.page';
import { BulkPaymentsPage } from '../features/ndis-claims/bulk-payments.page';
import { ClientNdisFundingPage } from '../features/ndis-funding/client-ndis-funding.page';
import { NotificationDefaultsPage } from '../features/notifications/notification-defaults.page';
import { OutboxPage } from '../features/notifications/outbox.page';
import { CarerPayPage } from '../features/pay/carer-pay.page';
import { RebookWizardPage } from '../features/rebooking/rebook-wizard.page';
import { RolesPage } from '../features/roles/roles.page';
import { WorkSchedulesPage } from '../features/schedules/work-schedules.page';
import { CarePlansPage } from '../features/scheduling/care-plans.page';
import { ClientCalendarPage } from '../features/scheduling/client-calendar.page';
import { ClientLeavePage } from '../features/scheduling/client-leave.page';
import { SessionsCalendarPage } from '../features/scheduling/sessions-calendar.page';
import { PlanEditorPage } from '../features/service-plans/plan-editor.page';
import { PlansListPage } from '../features/service-plans/plans-list.page';
import { AllServicesPage } from '../features/services/all-services.page';
import { ClientServicesPage } from '../features/services/client-services.page';
import { MyServicesPage } from '../features/services/my-services.page';
import { ServicePage } from '../features/services/service.page';
import { StaffListPage } from '../features/staff/staff-list.page';
import { NotFound } from '../shared/not-found';
import { AppLayout } from './app.layout';
import { homePath } from './navigation';

function HomeRedirect() {
  const { can } = useAuth();
  return <Navigate to={homePath(can)} replace />;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomeRedirect />} />
        <Route
          path="clients"
          element={
            <RequirePermission permission="clients.read">
              <ClientsListPage />
            </RequirePermission>
          }
        />
        <Route
          path="clients/:clientId"
          element={
            <RequirePermission permission="clients.read">
              <ClientProfileLayout />
            </RequirePermission>
          }
        >
          <Route index element={<Navigate to="profile" replace />} />
          <Route path="profile" element={<ClientDetailedProfilePage />} />
          <Route path="services" element={<ClientServicesPage />} />
          <Route path="service-orders" element={<ClientServiceOrdersPage />} />
          <Route
            path="care-plans"
            element={
              <RequirePermission permission="bookings.read">
                <CarePlansPage />
              </RequirePermission>
            }
          />
          <Route
            path="calendar"
            element={
              <RequirePermission permission="bookings.read">
                <ClientCalendarPage />
              </RequirePermission>
            }
          />
          <Route path="leave" element={<ClientLeavePage />} />
          <Route path="sessions" element={<ClientCasesPage />} />
          <Route
            path="contracts"
            element={
              <RequirePermission permission="contracts.manage">
                <ClientContractsPage />
              </RequirePermission>
            }
          />
          <Route
            path="ndis-funding"
            element={
              <RequirePermission permission="bookings.read">
                <ClientNdisFundingPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route
          path="sessions-calendar"
          element={
            <RequirePermission permission="bookings.read">
              <SessionsCalendarPage />
            </RequirePermission>
          }
        />
        <Route
          path="staff"
          element={
            <RequirePermission permission="staff.manage">
              <StaffListPage />
            </RequirePermission>
          }
        />
        <Route
          path="staff/roles"
          element={
            <RequirePermission permission="roles.manage">
              <RolesPage />
            </RequirePermission>
          }
        />
        <Route
          path="contract-types"
          element={
            <RequirePermission permission="contracts.manage">
              <ContractTypesPage />
            </RequirePermission>
          }
        />
        <Route
          path="contract-types/:typeId"
          element={
            <RequirePermission permission="contracts.manage">
              <ContractTypePage />
            </RequirePermission>
          }
        />
        <Route
          path="invoices"
          element={
            <RequirePermission permission="billing.run">
              <InvoicesPage />
            </RequirePermission>
          }
        />
        <Route
          path="billing-settings"
          element={
            <RequirePermission permission="billing.run">
              <BillingSettingsPage />
            </RequirePermission>
          }
        />
        <Route
          path="invoices/:invoiceId"
          element={
            <RequirePermission permission="billing.run">
              <InvoicePage />
            </RequirePermission>
          }
        />
        <Route
          path="carer-pay"
          element={
            <RequirePermission permission={['billing.run', 'contracts.manage']}>
              <CarerPayPage />
            </RequirePermission>
          }
        />
        <Route
          path="outbox"
          element={
            <RequirePermission permission="bookings.write">
              <OutboxPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route
          path="my-appointments"
          element={
            <RequirePermission permission="appointments.own">
              <MyAppointmentsPage />
            </RequirePermission>
          }
        />
        <Route
          path="my-schedule"
          element={
            <RequirePermission permission="appointments.own">
              <WorkSchedulesPage />
            </RequirePermission>
          }
        />
        <Route
          path="staff/:staffId/schedules"
          element={
            <RequirePermission permission="staff.manage">
              <WorkSchedulesPage />
            </RequirePermission>
          }
        />
        <Route
          path="ndis/catalogue"
          element={
            <RequirePermission permission={['contracts.manage', 'billing.run', 'bookings.write']}>
              <CataloguePage />
            </RequirePermission>
          }
        />
        <Route
          path="ndis/bulk-payments"
          element={
            <RequirePermission permission="billing.run">
              <BulkPaymentsPage />
            </RequirePermission>
          }
        />
        <Route path="my-services" element={<MyServicesPage />} />
        <Route
          path="services"
          element={
            <RequirePermission permission="services.read">
              <AllServicesPage />
            </RequirePermission>
          }
        />
        <Route
          path="services/:serviceId"
          element={
            <RequirePermission permission={['services.read', 'appointments.own']}>
              <ServicePage />
            </RequirePermission>
          }
        />
        <Route
          path="service-plans"
          element={
            <RequirePermission permission={['services.configure', 'services.deploy_plan']}>
              <PlansListPage />
            </RequirePermission>
          }
        />
        <Route
          path="service-plans/new"
          element={
            <RequirePermission permission="services.configure">
              <PlanEditorPage />
            </RequirePermission>
          }
        />
        <Route
          path="service-plans/:planId"
          element={
            <RequirePermission permission="services.configure">
              <PlanEditorPage />
            </RequirePermission>
          }
        />
        <Route
          path="notification-defaults"
          element={
            <RequirePermission permission="scheduling.configure">
              <NotificationDefaultsPage />
            </RequirePermission>
          }
        />
        <Route
          path="appointment-settings"
          element={
            <RequirePermission permission="scheduling.configure">
              <AppointmentSettingsPage />
            </RequirePermission>
          }
        />
        <Route
          path="quick-view"
          element={
            <RequirePermission permission="appointments.own">
              <QuickViewPage />
            </RequirePermission>
          }
        />
        <Route
          path="beds"
          element={
            <RequirePermission permission={['bookings.read', 'bookings.write']}>
              <BedsCalendarPage />
            </RequirePermission>
          }
        />
        <Route
          path="today"
          element={
            <RequirePermission permission="bookings.read">
              <TodayBoardPage />
            </RequirePermission>
          }
        />
        <Route
          path="quick-view/rebook/:bookingId"
          element={
            <RequirePermission permission={['bookings.write', 'appointments.own']}>
              <RebookWizardPage />
            </RequirePermission>
          }
        />
        <Route
          path="billing"
          element={
            <RequirePermission permission="billing.run">
              <BillingHomePage />
            </RequirePermission>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
