import { api } from './api-client';
import type {
  AuditEvent,
  Booking,
  BookingInput,
  BookingPatch,
  Client,
  ClientInput,
  ClientStatus,
  ExternalProvider,
  Me,
  Page,
  Permission,
  Role,
  RoleInput,
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
  cancel: (id: string, reason: string) =>
    api.post<Booking>(`/bookings/${encodeURIComponent(id)}/cancel`, { reason }),
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

export const auditApi = {
  list: (entityType: string | null, cursor: string | null) =>
    api.get<Page<AuditEvent>>('/audit-events', { entityType, limit: PAGE_SIZE, cursor }),
};
