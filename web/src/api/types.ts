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
  | 'appointments.own'
  | 'scheduling.configure'
  | 'services.read'
  | 'services.write';

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
  kind: 'adhoc' | 'scheduled';
  /** The scheduled service this booking is an occurrence of. */
  seriesId?: string | null;
  /** A series occurrence edited on its own. */
  isException?: boolean;
  serviceTypeId?: string | null;
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
  /** Soft conflicts overridden when the booking was last scheduled, and why. */
  conflictOverride?: { reason: string; warnings: string[] } | null;
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
  /** Why the booking should go ahead despite its soft conflicts. */
  overrideReason?: string;
};

export type BookingChangePreview = {
  booking: Booking;
  softConflicts: string[];
  conflict: { detail: string; conflictingBookingId: string | null } | null;
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
  /** What happened, in words, built by the server. */
  description: string;
  changes: { field: string; before: string; after: string }[];
  before: unknown;
  after: unknown;
  ip: string | null;
};

export type AssigneeKind = 'staff' | 'role';

/** A staff member, or a role whose holders share the work; null means unassigned. */
export type AssigneeRef = { type: AssigneeKind; id: string };

export type NamedAssignee = AssigneeRef & { name: string };

export type PlanStep = {
  id: string;
  title: string;
  delayDays: number;
  description: string | null;
  activities: string[];
  defaultAssignee: NamedAssignee | null;
};

export type ServicePlan = {
  id: string;
  name: string;
  description: string | null;
  limitConcurrentDeployments: boolean;
  archived: boolean;
  version: number;
  steps: PlanStep[];
  deploymentCount: number;
  updatedAt: string;
};

export type PlanStepInput = {
  id?: string;
  title: string;
  delayDays: number;
  description: string | null;
  activities: string[];
  defaultAssignee: AssigneeRef | null;
};

export type PlanInput = {
  name: string;
  description: string | null;
  limitConcurrentDeployments: boolean;
  steps: PlanStepInput[];
};

export type DeployStepOverride = {
  stepId: string;
  assignee?: AssigneeRef | null;
  dueDate?: string;
  description?: string | null;
  activities?: string[];
};

export type DeployInput = {
  clientId: string;
  startDate: string;
  planWide?: { assignee?: AssigneeRef | null };
  steps?: DeployStepOverride[];
};

export type ServiceStatus = 'open' | 'in_progress' | 'completed' | 'cancelled';

export type DueBucket = 'overdue' | 'today' | 'upcoming' | 'done';

export type ServiceSummary = {
  id: string;
  clientId: string;
  clientName: string;
  title: string;
  dueDate: string;
  dueBucket: DueBucket;
  assignee: NamedAssignee | null;
  status: ServiceStatus;
  deploymentId: string | null;
  stepIndex: number | null;
};

export type ServiceActivity = {
  position: number;
  label: string;
  done: boolean;
  doneBy: { id: string; name: string } | null;
  doneAt: string | null;
};

export type Service = ServiceSummary & {
  description: string | null;
  notes: string | null;
  activities: ServiceActivity[];
  plan: {
    deploymentId: string;
    planId: string;
    planName: string;
    planVersion: number;
    startDate: string;
    services: ServiceSummary[];
  } | null;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
};

export type DeployResult = { deploymentId: string; serviceIds: string[]; firstService: Service };

export type ServiceInput = {
  clientId: string;
  title: string;
  dueDate: string;
  assignee: AssigneeRef | null;
  description: string | null;
  activities: string[];
  notes: string | null;
};

export type ServicePatch = {
  title?: string;
  dueDate?: string;
  assignee?: AssigneeRef | null;
  description?: string | null;
  status?: ServiceStatus;
  notes?: string | null;
};

/** Enough to tell two clients apart: name, date of birth and suburb. */
export type ClientSummary = { id: string; name: string; dateOfBirth: string | null; suburb: string | null };

export type LikelyDuplicates = { ndisNumber: ClientSummary | null; sameNameAndBirth: ClientSummary[] };
