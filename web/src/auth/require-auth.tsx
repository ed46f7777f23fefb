import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { PermissionKey } from '../api/types';
import { NoAccess } from '../shared/no-access';
import { useAuth } from './auth-context';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) {
    return (
      <Center h="100vh" aria-busy="true">
        <Loader aria-label="Loading Carebook" />
      </Center>
    );
  }
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

export function RequirePermission({
  permission,
  children,
}: {
  /** One key, or several of which any will do. */
  permission: PermissionKey | readonly PermissionKey[];
  children: ReactNode;
}) {
  const { can } = useAuth();
  const allowed = typeof permission === 'string' ? can(permission) : permission.some((key) => can(key));
  return allowed ? children : <NoAccess />;
}
