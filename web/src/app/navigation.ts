import type { PermissionKey } from '../api/types';

/** `permission`: one key, any of several, or null for everyone signed in. */
/** The headings the main navigation groups its links under, in this order. */
export const NAV_SECTIONS = ['Home', 'Care', 'Billing', 'NDIS', 'Administration'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

/** `permission`: one key, any of several, or null for everyone signed in. */
export type NavItem = {
  label: string;
  to: string;
  permission: PermissionKey | readonly PermissionKey[] | null;
  section: NavSection;
  end?: boolean;
};

export const NAV_ITEMS: NavItem[] = [
  { label: 'Today', to: '/today', permission: 'bookings.read', section: 'Home' },
  { label: 'Quick View', to: '/quick-view', permission: 'appointments.own', end: true, section: 'Home' },
  { label: 'Finance home', to: '/billing', permission: 'billing.run', section: 'Home' },
  { label: 'Clients', to: '/clients', permission: 'clients.read', section: 'Care' },
  { label: 'Bookings calendar', to: '/sessions-calendar', permission: 'bookings.read', section: 'Care' },
  { label: 'My bookings', to: '/my-appointments', permission: 'appointments.own', section: 'Care' },
  { label: 'My schedule', to: '/my-schedule', permission: 'appointments.own', section: 'Care' },
  { label: 'My services', to: '/my-services', permission: null, section: 'Care' },
  { label: 'All services', to: '/services', permission: 'services.read', section: 'Care' },
  {
    label: 'Service Plans',
    to: '/service-plans',
    permission: ['services.configure', 'services.deploy_plan'],
    section: 'Care',
  },
  { label: 'Beds', to: '/beds', permission: ['bookings.read', 'bookings.write'], section: 'Care' },
  { label: 'Invoices', to: '/invoices', permission: 'billing.run', section: 'Billing' },
  {
    label: 'Carer pay',
    to: '/carer-pay',
    permission: ['billing.run', 'contracts.manage'],
    section: 'Billing',
  },
  { label: 'Contract types', to: '/contract-types', permission: 'contracts.manage', section: 'Billing' },
  { label: 'Billing settings', to: '/billing-settings', permission: 'billing.run', section: 'Billing' },
  {
    label: 'NDIS catalogue',
    to: '/ndis/catalogue',
    permission: ['contracts.manage', 'billing.run', 'bookings.write'],
    section: 'NDIS',
  },
  { label: 'NDIS bulk payments', to: '/ndis/bulk-payments', permission: 'billing.run', section: 'NDIS' },
  { label: 'Staff', to: '/staff', permission: 'staff.manage', end: true, section: 'Administration' },
  { label: 'Roles', to: '/staff/roles', permission: 'roles.manage', section: 'Administration' },
  { label: 'Outbox', to: '/outbox', permission: 'bookings.write', section: 'Administration' },
  {
    label: 'Notification defaults',
    to: '/notification-defaults',
    permission: 'scheduling.configure',
    section: 'Administration',
  },
  {
    label: 'Appointment settings',
    to: '/appointment-settings',
    permission: 'scheduling.configure',
    section: 'Administration',
  },
  { label: 'Audit', to: '/audit', permission: 'audit.read', section: 'Administration' },
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
