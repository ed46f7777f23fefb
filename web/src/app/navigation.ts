import type { PermissionKey } from '../api/types';

/** `permission`: one key, any of several, or null for everyone signed in. */
export type NavItem = {
  label: string;
  to: string;
  permission: PermissionKey | readonly PermissionKey[] | null;
  end?: boolean;
};

export const NAV_ITEMS: NavItem[] = [
  { label: 'Clients', to: '/clients', permission: 'clients.read' },
  { label: 'Bookings calendar', to: '/sessions-calendar', permission: 'bookings.read' },
  { label: 'My bookings', to: '/my-appointments', permission: 'appointments.own' },
  { label: 'My schedule', to: '/my-schedule', permission: 'appointments.own' },
  { label: 'My services', to: '/my-services', permission: null },
  { label: 'All services', to: '/services', permission: 'services.read' },
  {
    label: 'Service Plans',
    to: '/service-plans',
    permission: ['services.configure', 'services.deploy_plan'],
  },
  { label: 'Contract types', to: '/contract-types', permission: 'contracts.manage' },
  { label: 'Invoices', to: '/invoices', permission: 'billing.run' },
  { label: 'Billing settings', to: '/billing-settings', permission: 'billing.run' },
  { label: 'Carer pay', to: '/carer-pay', permission: ['billing.run', 'contracts.manage'] },
  { label: 'Staff', to: '/staff', permission: 'staff.manage', end: true },
  { label: 'Roles', to: '/staff/roles', permission: 'roles.manage' },
  { label: 'Outbox', to: '/outbox', permission: 'bookings.write' },
  { label: 'Audit', to: '/audit', permission: 'audit.read' },
  { label: 'Notification defaults', to: '/notification-defaults', permission: 'scheduling.configure' },
  { label: 'Beds', to: '/beds', permission: ['bookings.read', 'bookings.write'] },
  { label: 'Quick View', to: '/quick-view', permission: 'appointments.own', end: true },
  { label: 'Today', to: '/today', permission: 'bookings.read' },
  { label: 'Billing', to: '/billing', permission: 'billing.run' },
  {
    label: 'NDIS catalogue',
    to: '/ndis/catalogue',
    permission: ['contracts.manage', 'billing.run', 'bookings.write'],
  },
  { label: 'NDIS bulk payments', to: '/ndis/bulk-payments', permission: 'billing.run' },
];

export function allows(
  can: (permission: PermissionKey) => boolean,
  permission: NavItem['permission'],
): boolean {
  if (permission === null) return true;
  return typeof permission === 'string' ? can(permission) : permission.some((key) => can(key));
}

export function firstAllowedPath(can: (permission: PermissionKey) => boolean): string {
  return NAV_ITEMS.find((item) => allows(can, item.permission))?.to ?? '/my-services';
}

/**
 * Where `/` lands after sign-in, by what the person does: coordinators (who edit bookings) on the Today board,
 * finance on billing, associates and workers on Quick View; anyone else on the first page they may open.
 */
export function homePath(can: (permission: PermissionKey) => boolean): string {
  if (can('bookings.write') && can('bookings.read')) return '/today';
  if (can('billing.run')) return '/billing';
  if (can('appointments.own')) return '/quick-view';
  return firstAllowedPath(can);
}
