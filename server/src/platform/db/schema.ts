import type { ColumnType, Generated } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { PlanStep, ServiceStatus } from '../../plans/plan.types.js';

/** timestamptz: read as Temporal.Instant (see database.ts), written as ISO 8601 strings. */
export type Timestamp = ColumnType<Temporal.Instant, string, string>;
type DefaultTimestamp = ColumnType<Temporal.Instant, string | undefined, string>;
/** date: read as 'YYYY-MM-DD' text (see database.ts type parser). */
type LocalDate = ColumnType<string, string, string>;
type NullableInstant = ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;

export type OrganisationTable = {
  id: Generated<string>;
  name: string;
  time_zone: string;
  /** ISO 3166 code: phone numbers and addresses are checked for this country unless a client says otherwise. */
  country: Generated<string>;
  scheduling_horizon_weeks: Generated<number>;
  created_at: DefaultTimestamp;
};

export type SignInAttemptTable = {
  id: Generated<string>;
  email: string;
  ip: string;
  /** null: the password is still being checked. */
  succeeded: boolean | null;
  attempted_at: DefaultTimestamp;
};

export type StaffTable = {
  organisation_id: string;
  id: Generated<string>;
  given_name: string;
  family_name: string;
  email: string;
  phone: string | null;
  time_zone: string;
  delivers_services: boolean;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** A date-holidays region ("AU-NSW"); written by availability/. */
  holiday_region: ColumnType<string | null, string | null | undefined, string | null>;
};

export type UserTable = {
  organisation_id: string;
  id: Generated<string>;
  staff_id: string;
  email: string;
  password_hash: string;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  /** The user's own zone for calendars; null: the organisation's. */
  time_zone: ColumnType<string | null, string | null | undefined, string | null>;
};

export type SessionTable = {
  organisation_id: string;
  token_hash: Buffer;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
};

import type { RoleKey } from '../../identity/permissions.js';

export type { RoleKey };

export type RoleTable = {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  description: string | null;
  key: RoleKey | null;
  permissions: string[];
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type StaffRoleTable = { organisation_id: string; staff_id: string; role_id: string };

export type ClientTable = {
  organisation_id: string;
  id: Generated<string>;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  date_of_birth: LocalDate | null;
  email: string | null;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  suburb: string | null;
  state: string | null;
  postcode: string | null;
  country: string | null;
  time_zone: string;
  ndis_number: string | null;
  local_authority_reference: string | null;
  status: 'active' | 'inactive';
  notes: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** The client's location band, Modified Monash Model 1-7 (migration 0015): a session's travel area. */
  mmm_band: number | null;
};

export type ExternalProviderTable = {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  created_at: DefaultTimestamp;
};

import type { BookingStatus } from '../../bookings/booking-rules.js';

export type { BookingStatus };

export type BookingTable = {
  organisation_id: string;
  id: Generated<string>;
  kind: Generated<'adhoc' | 'scheduled'>;
  category: Generated<'visit' | 'group' | 'stay'>;
  capacity: number | null;
  name: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  time_zone: string;
  notes: string | null;
  status: Generated<BookingStatus>;
  cancellation_reason: string | null;
  created_by_user_id: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  series_id: string | null;
  original_start: ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
  is_exception: Generated<boolean>;
  service_type_id: string | null;
  sequence: Generated<number>;
};

export type ParticipantType = 'client' | 'staff' | 'provider' | 'resource';
export type ParticipantStatus = 'booked' | 'attended' | 'absent' | 'cancelled' | 'suspended';

export type BookingParticipantTable = {
  organisation_id: string;
  id: Generated<string>;
  booking_id: string;
  participant_type: ParticipantType;
  client_id: string | null;
  staff_id: string | null;
  provider_id: string | null;
  resource_id: string | null;
  role: string | null;
  is_lead: Generated<boolean>;
  status: Generated<ParticipantStatus>;
  suspended_by_leave_id: string | null;
  replaces_participant_id: string | null;
  /** A client's cancellation (migration 0015): who, when the provider was told, why. */
  cancelled_by: 'client' | 'representative' | 'provider' | null;
  cancelled_by_name: string | null;
  notified_at: NullableInstant;
  cancellation_code: 'health' | 'family' | 'transport' | 'other' | null;
  cancellation_note: string | null;
  cancellation_recorded_at: NullableInstant;
  /** A worker's actual times at the session. */
  actual_start: NullableInstant;
  actual_end: NullableInstant;
  /** Set by a trigger from the booking's period; never written by code. */
  period: ColumnType<string, never, never>;
  created_at: DefaultTimestamp;
  /** The NDIS decision on a client's cancellation (migration 0024): no-show, attestations, the proof. */
  no_show: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  attested_no_other_work: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  attested_worker_paid: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  short_notice: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  cancellation_decision: ColumnType<unknown, string | null | undefined, string | null>;
};

export type ClientDeliveryTable = {
  organisation_id: string;
  participant_id: string;
  booking_id: string;
  client_id: string;
  contract_id: string | null;
  actual_start: ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
  actual_end: ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
  /** numeric(8,2): read as text to keep it exact. */
  mileage: ColumnType<string | null, string | null | undefined, string | null>;
  override_reason: string | null;
  overridden_warnings: Generated<string[]>;
  /** What the person completing the visit wrote (0013). */
  completion_note: ColumnType<string | null, string | null | undefined, string | null>;
};

export type ResourceTable = {
  organisation_id: string;
  id: Generated<string>;
  kind: 'site' | 'room' | 'bed' | 'vehicle' | 'equipment';
  name: string;
  parent_id: string | null;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
};

export type ServiceTypeTable = {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  colour: Generated<string>;
  active: Generated<boolean>;
};

export type ScheduledServiceTable = {
  organisation_id: string;
  id: Generated<string>;
  client_id: string;
  service_type_id: string;
  name: string;
  time_zone: string;
  start_date: LocalDate;
  start_time: string;
  rrule: string;
  end_date: LocalDate | null;
  duration_minutes: number;
  staff_id: string | null;
  notes: string | null;
  status: Generated<'draft' | 'active' | 'ended'>;
  split_from_id: string | null;
  /** The client contract the series' visits are charged on (0013); null: the contract in force. */
  contract_id: ColumnType<string | null, string | null | undefined, string | null>;
  generated_until: ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
  created_by_user_id: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** A recurring session (migration 0015): a group, its capacity, its services and tags. */
  category: Generated<'visit' | 'group'>;
  capacity: number | null;
  session_template: ColumnType<unknown | null, string | null | undefined, string | null>;
};

/** Who takes part in a recurring session beyond its lead client and worker, from a date. */
export type SeriesParticipantTable = {
  organisation_id: string;
  id: Generated<string>;
  series_id: string;
  participant_type: 'client' | 'staff' | 'resource';
  client_id: string | null;
  staff_id: string | null;
  resource_id: string | null;
  contract_id: string | null;
  role: string | null;
  from_date: LocalDate;
  until_date: LocalDate | null;
};

export type BookingServiceTable = {
  organisation_id: string;
  id: Generated<string>;
  booking_id: string;
  source: 'contract' | 'adhoc';
  client_id: string | null;
  contract_id: string | null;
  name: string;
  support_item: string | null;
  ratio: number;
  hourly_rate_minor: number | null;
  is_primary: boolean;
  position: number;
};

export type BookingServiceTypeTable = {
  organisation_id: string;
  booking_id: string;
  service_type_id: string;
};

export type BookingCompletionTable = {
  organisation_id: string;
  booking_id: string;
  travel_area: 'metro' | 'regional' | 'remote';
  completed_at: DefaultTimestamp;
  completed_by_user_id: string;
};

export type BookingTravelTable = {
  organisation_id: string;
  id: Generated<string>;
  booking_id: string;
  staff_participant_id: string;
  kind: 'to' | 'from' | 'between' | 'transport';
  minutes: number;
  /** numeric(8,2) as text. */
  km: ColumnType<string, string, string>;
  vehicle: 'own' | 'company' | 'standard' | 'modified';
  tolls_minor: number;
  parking_minor: number;
  client_participant_ids: string[];
};

export type DeliveredServiceTable = {
  organisation_id: string;
  id: Generated<string>;
  booking_id: string;
  participant_id: string;
  client_id: string;
  service_id: string | null;
  staff_participant_id: string | null;
  kind: 'service' | 'travel' | 'transport' | 'expense' | 'cancellation';
  description: string;
  /** numeric(10,2) as text. */
  quantity: ColumnType<string, string, string>;
  unit: 'minutes' | 'km' | 'dollars';
  rate_minor: number | null;
  portion_basis_points: number | null;
  amount_minor: number;
  explanation: string;
  position: number;
};

export type ClientLeaveTable = {
  organisation_id: string;
  id: Generated<string>;
  client_id: string;
  type: 'hospital' | 'respite' | 'social_leave' | 'holiday' | 'transition_care' | 'other';
  starts_on: LocalDate;
  ends_on: LocalDate | null;
  note: string | null;
  created_by_user_id: string;
  created_at: DefaultTimestamp;
};

export type NoticeTable = {
  organisation_id: string;
  id: Generated<string>;
  staff_id: string;
  message: string;
  booking_id: string | null;
  created_at: DefaultTimestamp;
  read_at: ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
  /** An overdue task's notice (0028): the service and the due date it missed; one per person and due date. */
  service_id: ColumnType<string | null, string | null | undefined, string | null>;
  service_due_date: ColumnType<string | null, string | null | undefined, string | null>;
};

export type StaffWorkingHoursTable = {
  organisation_id: string;
  staff_id: string;
  weekday: number;
  starts_at: string;
  ends_at: string;
};

export type StaffLeaveTable = {
  organisation_id: string;
  id: Generated<string>;
  staff_id: string;
  starts_on: LocalDate;
  ends_on: LocalDate;
  reason: string | null;
};

export type WorkScheduleTable = {
  organisation_id: string;
  id: Generated<string>;
  staff_id: string;
  name: string;
  schedule_type: 'adhoc' | 'open' | 'rapid_response';
  pay_rate_minor: number | null;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
};

export type WorkScheduleLineTable = {
  organisation_id: string;
  schedule_id: string;
  weekday: number;
  starts_at: string;
  ends_at: string;
};

export type StaffBreakTable = {
  organisation_id: string;
  id: Generated<string>;
  staff_id: string;
  starts_on: LocalDate;
  ends_on: LocalDate;
  from_time: string | null;
  to_time: string | null;
  reason: string | null;
};

export type CaseTable = {
  organisation_id: string;
  id: Generated<string>;
  client_id: string;
  issue: string;
  funder: string;
  allowed_sessions: number;
  counting_window: 'rolling_12_months' | 'per_year' | 'per_referral';
  opened_on: LocalDate;
  expires_on: ColumnType<string | null, string | null | undefined, string | null>;
  late_cancellation_counts: Generated<boolean>;
  no_show_counts: Generated<boolean>;
  funder_region: Generated<string>;
  status: Generated<'open' | 'closed'>;
  created_at: DefaultTimestamp;
  closed_at: ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
  close_reason: string | null;
  closed_by_user_id: string | null;
};

export type ExtraSessionRequestTable = {
  organisation_id: string;
  id: Generated<string>;
  case_id: string;
  sessions: number;
  justification: string;
  clinical_review: boolean;
  requested_on: LocalDate;
  funder_due_on: LocalDate;
  due_on: LocalDate;
  status: Generated<'pending' | 'approved' | 'modified' | 'declined'>;
  granted_sessions: number | null;
  decision_note: string | null;
  requested_by_user_id: string;
  decided_by_user_id: string | null;
  created_at: DefaultTimestamp;
  decided_at: ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
};

export type EntitlementEntryTable = {
  organisation_id: string;
  id: Generated<string>;
  case_id: string;
  kind: 'grant' | 'use' | 'reversal';
  sessions: number;
  reason: string;
  booking_id: string | null;
  effective_on: LocalDate;
  request_id: string | null;
  override_reason: string | null;
  /** A late reschedule's use: the start the session was moved from (migration 0029). */
  rescheduled_from: ColumnType<Temporal.Instant | null, string | null | undefined, never>;
  created_by_user_id: string;
  created_at: DefaultTimestamp;
};

export type CalendarFeedTable = {
  organisation_id: string;
  token_hash: Buffer;
  subject_type: 'staff' | 'client';
  subject_id: string;
  created_at: DefaultTimestamp;
  revoked_at: ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
};

import type { AuditAction } from '../../audit/audit.types.js';

export type { AuditAction };

export type AuditEventTable = {
  organisation_id: string;
  id: Generated<string>;
  occurred_at: DefaultTimestamp;
  actor_user_id: string | null;
  actor_label: string | null;
  action: AuditAction;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  /** Set by the database (trigger audit_events_chain): position, previous hash and own hash. */
  seq: Generated<string>;
  prev_hash: Generated<Buffer | null>;
  hash: Generated<Buffer>;
};

export type ServicePlanTable = {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  description: string | null;
  limit_concurrent: boolean;
  current_version: Generated<number>;
  archived: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type ServicePlanVersionTable = {
  organisation_id: string;
  plan_id: string;
  version: number;
  name: string;
  description: string | null;
  limit_concurrent: boolean;
  steps: ColumnType<PlanStep[], string, string>;
  created_by_user_id: string;
  created_at: DefaultTimestamp;
};

export type PlanDeploymentTable = {
  organisation_id: string;
  id: Generated<string>;
  plan_id: string;
  plan_version: number;
  client_id: string;
  start_date: LocalDate;
  limit_concurrent: boolean;
  active: Generated<boolean>;
  created_by_user_id: string;
  created_at: DefaultTimestamp;
};

export type ServiceTable = {
  organisation_id: string;
  id: Generated<string>;
  client_id: string;
  title: string;
  due_date: LocalDate;
  assignee_staff_id: string | null;
  assignee_role_id: string | null;
  description: string | null;
  status: Generated<ServiceStatus>;
  notes: string | null;
  deployment_id: string | null;
  step_index: number | null;
  created_by_user_id: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type ServiceActivityTable = {
  organisation_id: string;
  service_id: string;
  position: number;
  label: string;
  done: Generated<boolean>;
  done_by_user_id: string | null;
  done_at: ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
};

export type Database = {
  organisations: OrganisationTable;
  sign_in_attempts: SignInAttemptTable;
  staff: StaffTable;
  users: UserTable;
  sessions: SessionTable;
  roles: RoleTable;
  staff_roles: StaffRoleTable;
  clients: ClientTable;
  external_providers: ExternalProviderTable;
  bookings: BookingTable;
  booking_participants: BookingParticipantTable;
  client_deliveries: ClientDeliveryTable;
  resources: ResourceTable;
  booking_services: BookingServiceTable;
  booking_service_types: BookingServiceTypeTable;
  booking_completions: BookingCompletionTable;
  booking_travel: BookingTravelTable;
  delivered_services: DeliveredServiceTable;
  series_participants: SeriesParticipantTable;
  audit_events: AuditEventTable;
  service_plans: ServicePlanTable;
  service_plan_versions: ServicePlanVersionTable;
  plan_deployments: PlanDeploymentTable;
  services: ServiceTable;
  service_activities: ServiceActivityTable;
  service_types: ServiceTypeTable;
  scheduled_services: ScheduledServiceTable;
  client_leave: ClientLeaveTable;
  notices: NoticeTable;
  calendar_feeds: CalendarFeedTable;
  staff_working_hours: StaffWorkingHoursTable;
  staff_leave: StaffLeaveTable;
  work_schedules: WorkScheduleTable;
  work_schedule_lines: WorkScheduleLineTable;
  staff_breaks: StaffBreakTable;
  cases: CaseTable;
  extra_session_requests: ExtraSessionRequestTable;
  entitlement_entries: EntitlementEntryTable;
} & import('../../contracts/contract-tables.types.js').ContractTables &
  import('../../notifications/notification-tables.types.js').NotificationTables &
  import('../../accommodation/accommodation-tables.types.js').AccommodationTables &
  import('../../entitlements/rebooking-tables.types.js').RebookingTables &
  import('../../appointments/appointment-tables.types.js').AppointmentTables &
  import('../../ndis/cancellation-tables.types.js').CancellationTables &
  import('../../ndis/plan-tables.types.js').PlanTables &
  import('../../ndis/catalogue-tables.types.js').NdisCatalogueTables;
