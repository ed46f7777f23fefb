export type PermissionKey =
  | 'clients.read'
  | 'clients.write'
  | 'staff.manage'
  | 'roles.manage'
  | 'bookings.read'
  | 'bookings.write'
  | 'bookings.delete'
  | 'services.configure'
  | 'services.deploy_plan'
  | 'contracts.manage'
  | 'billing.run'
  | 'audit.read'
  | 'appointments.own';

export type Me = {
  user: { id: string; email: string };
  staff: { id: string; givenName: string; familyName: string; timeZone: string };
  organisation: { id: string; name: string; timeZone: string };
  permissions: string[];
  csrfToken: string;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export type ClientStatus = 'active' | 'inactive';

export type Client = {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  email: string | null;
  phone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  suburb: string | null;
  state: string | null;
  postcode: string | null;
  country: string | null;
  timeZone: string;
  ndisNumber: string | null;
  localAuthorityReference: string | null;
  status: ClientStatus;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ClientInput = Partial<Omit<Client, 'id' | 'createdAt' | 'updatedAt'>>;

export type AssigneeType = 'staff' | 'provider';
export type BookingStatus = 'booked' | 'completed' | 'cancelled';

export type Booking = {
  id: string;
  clientId: string;
  kind: 'adhoc';
  name: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  bookingDate: string;
  startTime: string;
  durationMinutes: number;
  assignee: { type: AssigneeType; id: string; name: string } | null;
  notes: string | null;
  status: BookingStatus;
  cancellationReason: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
};

export type BookingInput = {
  name: string;
  bookingDate: string;
  startTime: string;
  durationMinutes: number;
  assignee: { type: AssigneeType; id: string } | null;
  notes?: string | null;
};

export type BookingPatch = Partial<BookingInput> & { status?: 'booked' | 'completed' };

export type Staff = {
  id: string;
  givenName: string;
  familyName: string;
  email: string;
  phone: string | null;
  timeZone: string;
  deliversServices: boolean;
  active: boolean;
  roles: { id: string; name: string }[];
  userId: string | null;
};

export type StaffInput = {
  givenName: string;
  familyName: string;
  email: string;
  phone?: string | null;
  timeZone: string;
  deliversServices: boolean;
  active?: boolean;
  roleIds: string[];
};

export type ExternalProvider = {
  id: string;
  name: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
};

export type RoleKey = 'administrator' | 'coordinator' | 'worker' | 'finance';

export type Role = {
  id: string;
  name: string;
  description: string | null;
  permissions: string[];
  builtIn: boolean;
  key: RoleKey | null;
};

export type RoleInput = { name: string; description: string | null; permissions: string[] };

export type Permission = { key: string; label: string; group: string };

export type AuditAction = 'create' | 'update' | 'delete' | 'sign_in' | 'sign_in_failed' | 'sign_out';

export type AuditEvent = {
  id: string;
  occurredAt: string;
  actor: { userId: string; label: string } | null;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};
