/**
 * The API's shapes, as named aliases over the types generated from the server's OpenAPI document
 * (`openapi.gen.ts`, `npm run api:types`). Nothing here is written by hand except the aliases themselves, so a
 * change to a server schema shows up as a type error where the web app relies on the old shape.
 */
import type { components, paths } from './openapi.gen';

type Schemas = components['schemas'];

type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];

/** The JSON body an operation reads. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The JSON body an operation answers with the given success status. */
export type ResponseBody<P extends keyof paths, M extends keyof paths[P], S extends number = 200> =
  Operation<P, M> extends { responses: { [K in S]: { content: { 'application/json': infer R } } } }
    ? R
    : never;

/** The query parameters an operation reads. */
export type QueryParams<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type PermissionKey = Schemas['PermissionKeyInput'];

export type Me = Schemas['Me'];

export type Page<T> = { items: T[]; nextCursor: string | null };

export type Client = Schemas['Client'];
export type ClientStatus = Client['status'];
export type ClientInput = RequestBody<'/api/v1/clients/{id}', 'patch'>;

export type Booking = Schemas['Booking'];
export type AssigneeType = NonNullable<Booking['assignee']>['type'];
export type BookingStatus = Booking['status'];
export type BookingInput = RequestBody<'/api/v1/clients/{id}/service-orders', 'post'>;
export type BookingChangePreview = ResponseBody<'/api/v1/bookings/{id}/preview-change', 'post'>;
export type BookingPatch = RequestBody<'/api/v1/bookings/{id}', 'patch'>;
export type CompleteVisitInput = NonNullable<RequestBody<'/api/v1/bookings/{id}/complete', 'post'>>;
export type CompletionPreview = Schemas['CompletionPreview'];
export type ContractCheck = Schemas['ContractCheck'];
export type RepricePreview = Schemas['RepricePreview'];

export type Staff = Schemas['Staff'];
export type StaffInput = RequestBody<'/api/v1/staff', 'post'>;

export type ExternalProvider = Schemas['ExternalProvider'];

export type Role = Schemas['Role'];
/** The built-in roles' keys; the document types `Role.key` as a string. */
export type RoleKey = 'administrator' | 'coordinator' | 'worker' | 'finance';
export type RoleInput = RequestBody<'/api/v1/roles', 'post'>;

export type Permission = ResponseBody<'/api/v1/permissions', 'get'>['items'][number];

export type AuditEvent = Schemas['AuditEvent'];
export type AuditAction = AuditEvent['action'];

export type ServicePlan = Schemas['ServicePlan'];
export type PlanStep = ServicePlan['steps'][number];
/** A staff member, or a role whose holders share the work; null means unassigned. */
export type AssigneeRef = Omit<NonNullable<PlanStep['defaultAssignee']>, 'name'>;
export type AssigneeKind = AssigneeRef['type'];
export type NamedAssignee = NonNullable<PlanStep['defaultAssignee']>;

export type PlanInput = RequestBody<'/api/v1/service-plans', 'post'>;
export type PlanStepInput = PlanInput['steps'][number];

export type DeployInput = RequestBody<'/api/v1/service-plans/{id}/deploy', 'post'>;
export type DeployStepOverride = NonNullable<DeployInput['steps']>[number];
export type DeployResult = ResponseBody<'/api/v1/service-plans/{id}/deploy', 'post', 201>;

export type ServiceSummary = Schemas['ServiceSummary'];
export type ServiceStatus = ServiceSummary['status'];
export type DueBucket = ServiceSummary['dueBucket'];
export type Service = Schemas['Service'];
export type ServiceActivity = Service['activities'][number];
export type ServiceInput = RequestBody<'/api/v1/services', 'post'>;
export type ServicePatch = RequestBody<'/api/v1/services/{id}', 'patch'>;

export type ClientSummary = Schemas['ClientSummary'];
export type LikelyDuplicates = Schemas['LikelyDuplicates'];
