import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { RequireAuth, RequirePermission } from '../auth/require-auth';
import { MyAppointmentsPage } from '../features/appointments/my-appointments.page';
import { AuditPage } from '../features/audit/audit.page';
import { ClientServiceOrdersPage } from '../features/bookings/client-service-orders.page';
import { ClientDetailedProfilePage } from '../features/clients/client-detailed-profile.page';
import { ClientProfileLayout } from '../features/clients/client-profile.layout';
import { ClientsListPage } from '../features/clients/clients-list.page';
import { LoginPage } from '../features/login/login.page';
import { RolesPage } from '../features/roles/roles.page';
import { StaffListPage } from '../features/staff/staff-list.page';
import { NotFound } from '../shared/not-found';
import { AppLayout } from './app.layout';
import { firstAllowedPath } from './navigation';

function HomeRedirect() {
  const { can } = useAuth();
  return <Navigate to={firstAllowedPath(can)} replace />;
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
          <Route path="service-orders" element={<ClientServiceOrdersPage />} />
        </Route>
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
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
