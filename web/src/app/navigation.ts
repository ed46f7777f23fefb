import type { PermissionKey } from '../api/types';

export type NavItem = { label: string; to: string; permission: PermissionKey; end?: boolean };

export const NAV_ITEMS: NavItem[] = [
  { label: 'Clients', to: '/clients', permission: 'clients.read' },
  { label: 'My appointments', to: '/my-appointments', permission: 'appointments.own' },
  { label: 'Staff', to: '/staff', permission: 'staff.manage', end: true },
  { label: 'Roles', to: '/staff/roles', permission: 'roles.manage' },
  { label: 'Audit', to: '/audit', permission: 'audit.read' },
];

export function firstAllowedPath(can: (permission: PermissionKey) => boolean): string {
  return NAV_ITEMS.find((item) => can(item.permission))?.to ?? '/my-appointments';
}
