export type RoleKey = 'administrator' | 'coordinator' | 'worker' | 'finance';

export const PERMISSIONS = [
  { key: 'clients.read', label: 'View clients', group: 'Clients' },
  { key: 'clients.write', label: 'Create and edit clients', group: 'Clients' },
  { key: 'bookings.read', label: 'View all bookings', group: 'Bookings' },
  { key: 'bookings.write', label: 'Create and edit bookings', group: 'Bookings' },
  { key: 'bookings.delete', label: 'Delete bookings', group: 'Bookings' },
  { key: 'appointments.own', label: 'See and work own appointments', group: 'Bookings' },
  { key: 'scheduling.configure', label: 'Configure service types and scheduling', group: 'Bookings' },
  { key: 'services.read', label: 'View all services', group: 'Services' },
  { key: 'services.write', label: 'Create and edit services', group: 'Services' },
  { key: 'services.configure', label: 'Configure service plans', group: 'Services' },
  { key: 'services.deploy_plan', label: 'Deploy service plans', group: 'Services' },
  { key: 'contracts.manage', label: 'Manage contracts', group: 'Finance' },
  { key: 'billing.run', label: 'Run billing', group: 'Finance' },
  { key: 'staff.manage', label: 'Manage staff', group: 'Administration' },
  { key: 'roles.manage', label: 'Manage roles', group: 'Administration' },
  { key: 'audit.read', label: 'Read the audit trail', group: 'Administration' },
] as const;

export type Permission = (typeof PERMISSIONS)[number]['key'];

export const PERMISSION_KEYS: readonly Permission[] = PERMISSIONS.map((p) => p.key);

export function isPermission(value: string): value is Permission {
  return (PERMISSION_KEYS as readonly string[]).includes(value);
}

export type BuiltInRole = {
  key: RoleKey;
  name: string;
  description: string;
  permissions: readonly Permission[];
};

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  {
    key: 'administrator',
    name: 'Administrator',
    description: 'Everything, including staff, roles and the audit trail.',
    permissions: PERMISSION_KEYS,
  },
  {
    key: 'coordinator',
    name: 'Coordinator',
    description: 'Runs clients, bookings and service plans day to day.',
    permissions: [
      'clients.read',
      'clients.write',
      'bookings.read',
      'bookings.write',
      'bookings.delete',
      'appointments.own',
      'scheduling.configure',
      'services.read',
      'services.write',
      'services.configure',
      'services.deploy_plan',
    ],
  },
  {
    key: 'worker',
    name: 'Associate/Worker',
    description: 'Sees and works their own appointments.',
    permissions: ['appointments.own'],
  },
  {
    key: 'finance',
    name: 'Finance',
    description: 'Contracts, billing and read access to clients and bookings.',
    permissions: ['clients.read', 'bookings.read', 'contracts.manage', 'billing.run'],
  },
];

/** The Administrator role always holds every permission, so an organisation can never lock itself out. */
export function isLockedRole(key: RoleKey | null): boolean {
  return key === 'administrator';
}
