import { api } from './api-client';
import type {
  AuditEvent,
  Booking,
  BookingChangePreview,
  BookingInput,
  BookingPatch,
  Client,
  ClientInput,
  ClientStatus,
  CompleteVisitInput,
  CompletionPreview,
  DeployInput,
  DeployResult,
  ExternalProvider,
  LikelyDuplicates,
  Me,
  Page,
  Permission,
  PlanInput,
  Role,
  RoleInput,
  Service,
  ServiceInput,
  ServicePatch,
  ServicePlan,
  ServiceStatus,
  ServiceSummary,
  Staff,
  StaffInput,
} from './types';

export const PAGE_SIZE = 25;

/** Collection endpoints answer `{ items }`; tolerate a bare array too. */
async function itemsOf<T>(promise: Promise<{ items: T[] } | T[]>): Promise<T[]> {
  const body = await promise;
  return Array.isArray(body) ? body : body.items;
}

export const authApi = {
  me: () => api.get<Me>('/me'),
  login: (email: string, password: string) => api.post<Me>('/auth/login', { email, password }),
  logout: () => api.post<void>('/auth/logout'),
};

export type ClientFilters = { q?: string; status?: ClientStatus | '' };

export const clientsApi = {
  list: (filters: ClientFilters, cursor: string | null) =>
    api.get<Page<Client>>('/clients', { ...filters, limit: PAGE_SIZE, cursor }),
  get: (id: string) => api.get<Client>(`/clients/${encodeURIComponent(id)}`),
  create: (input: ClientInput) => api.post<Client>('/clients', input),
  update: (id: string, input: ClientInput) => api.patch<Client>(`/clients/${encodeURIComponent(id)}`, input),
  /** The server's duplicate rules: who has this NDIS number, who shares this name and date of birth. */
  likelyDuplicates: (q: {
    givenName?: string;
    familyName?: string;
    dateOfBirth?: string;
    ndisNumber?: string;
    excludeId?: string;
  }) => api.get<LikelyDuplicates>('/clients/likely-duplicates', q),
};

export const bookingsApi = {
  listForClient: (clientId: string, cursor: string | null) =>
    api.get<Page<Booking>>(`/clients/${encodeURIComponent(clientId)}/service-orders`, {
      limit: PAGE_SIZE,
      cursor,
    }),
  create: (clientId: string, input: BookingInput) =>
    api.post<Booking>(`/clients/${encodeURIComponent(clientId)}/service-orders`, input),
  get: (id: string) => api.get<Booking>(`/bookings/${encodeURIComponent(id)}`),
  update: (id: string, patch: BookingPatch) =>
    api.patch<Booking>(`/bookings/${encodeURIComponent(id)}`, patch),
  /** What `update` would do, without doing it. */
  previewChange: (id: string, patch: BookingPatch) =>
    api.post<BookingChangePreview>(`/bookings/${encodeURIComponent(id)}/preview-change`, patch),
  /** `notifyClient` only when the person changed the box (else the server's rule decides). */
  cancel: (id: string, reason: string, notifyClient?: boolean) =>
    api.post<Booking>(`/bookings/${encodeURIComponent(id)}/cancel`, {
      reason,
      ...(notifyClient === undefined ? {} : { notifyClient }),
    }),
  /** Completes a visit with what happened, or corrects a completed one. */
  complete: (id: string, input: CompleteVisitInput) =>
    api.post<Booking>(`/bookings/${encodeURIComponent(id)}/complete`, input),
  /** What completing with these times will bill (the server's rating engine). */
  completionPreview: (id: string, input: CompleteVisitInput) =>
    api.post<CompletionPreview>(`/bookings/${encodeURIComponent(id)}/complete/preview`, input),
  remove: (id: string) => api.delete(`/bookings/${encodeURIComponent(id)}`),
  mine: (cursor: string | null) => api.get<Page<Booking>>('/me/appointments', { limit: PAGE_SIZE, cursor }),
};

export type StaffFilters = { q?: string; deliversServices?: boolean };

export const staffApi = {
  list: (filters: StaffFilters, cursor: string | null, limit = PAGE_SIZE) =>
    api.get<Page<Staff>>('/staff', { ...filters, limit, cursor }),
  get: (id: string) => api.get<Staff>(`/staff/${encodeURIComponent(id)}`),
  create: (input: StaffInput) => api.post<Staff>('/staff', input),
  update: (id: string, input: Partial<StaffInput>) =>
    api.patch<Staff>(`/staff/${encodeURIComponent(id)}`, input),
};

export const providersApi = {
  list: () => itemsOf(api.get<Page<ExternalProvider>>('/external-providers', { limit: 100 })),
};

export const rolesApi = {
  list: () => itemsOf(api.get<Page<Role>>('/roles', { limit: 100 })),
  create: (input: RoleInput) => api.post<Role>('/roles', input),
  update: (id: string, input: Partial<RoleInput>) =>
    api.patch<Role>(`/roles/${encodeURIComponent(id)}`, input),
  remove: (id: string) => api.delete(`/roles/${encodeURIComponent(id)}`),
  permissions: () => itemsOf(api.get<{ items: Permission[] }>('/permissions')),
};

export type AuditFilters = {
  entityType?: string;
  clientId?: string;
  staffId?: string;
  actorUserId?: string;
  occurredFrom?: string;
  occurredTo?: string;
};

export const auditApi = {
  list: (filters: AuditFilters, cursor: string | null) =>
    api.get<Page<AuditEvent>>('/audit-events', { ...filters, limit: PAGE_SIZE, cursor }),
  /** The CSV download of the same filters, as a link the browser follows with the session cookie. */
  csvUrl: (filters: AuditFilters) => {
    const params = new URLSearchParams(
      Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    const query = params.toString();
    return `/api/v1/audit-events.csv${query ? `?${query}` : ''}`;
  },
};

const planPath = (id: string) => `/service-plans/${encodeURIComponent(id)}`;

export const plansApi = {
  list: (includeArchived: boolean) =>
    itemsOf(api.get<{ items: ServicePlan[] }>('/service-plans', { includeArchived })),
  get: (id: string) => api.get<ServicePlan>(planPath(id)),
  create: (input: PlanInput) => api.post<ServicePlan>('/service-plans', input),
  /** Saves the whole plan as a new version. */
  save: (id: string, input: PlanInput) => api.put<ServicePlan>(planPath(id), input),
  archive: (id: string) => api.post<ServicePlan>(`${planPath(id)}/archive`),
  restore: (id: string) => api.post<ServicePlan>(`${planPath(id)}/restore`),
  remove: (id: string) => api.delete(planPath(id)),
  deploy: (id: string, input: DeployInput) => api.post<DeployResult>(`${planPath(id)}/deploy`, input),
};

export type ServiceFilters = {
  clientId?: string;
  assigneeStaffId?: string;
  /** Comma-separated statuses, e.g. 'open,in_progress'. */
  status?: string;
  dueFrom?: string;
  dueTo?: string;
};

const servicePath = (id: string) => `/services/${encodeURIComponent(id)}`;

export const servicesApi = {
  list: (filters: ServiceFilters, cursor: string | null) =>
    api.get<Page<ServiceSummary>>('/services', { ...filters, limit: PAGE_SIZE, cursor }),
  mine: (statuses: ServiceStatus[], cursor: string | null) =>
    api.get<Page<ServiceSummary>>('/me/services', { status: statuses.join(','), limit: 100, cursor }),
  listForClient: (clientId: string, cursor: string | null) =>
    api.get<Page<ServiceSummary>>(`/clients/${encodeURIComponent(clientId)}/services`, {
      limit: PAGE_SIZE,
      cursor,
    }),
  get: (id: string) => api.get<Service>(servicePath(id)),
  create: (input: ServiceInput) => api.post<Service>('/services', input),
  update: (id: string, patch: ServicePatch) => api.patch<Service>(servicePath(id), patch),
  setActivity: (id: string, position: number, done: boolean) =>
    api.put<Service>(`${servicePath(id)}/activities/${position}`, { done }),
};
