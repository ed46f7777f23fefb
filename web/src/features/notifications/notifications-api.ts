import { api, type Query } from '../../api/api-client';
import type { components } from '../../api/openapi.gen';

/** Wire shapes of the notification endpoints (see /api/docs: notifications). */
export type OutboxMessage = components['schemas']['OutboxMessage'];
export type OutboxStatus = OutboxMessage['status'];
export type CaughtMail = components['schemas']['CaughtMail'];

export type NotificationChoice = components['schemas']['NotificationChoice'];
export type ServiceDefault = components['schemas']['NotificationServiceDefault'];
export type ChoiceQuery = { bookingId?: string; clientId?: string; serviceTypeId?: string };

export type NotificationPreference = components['schemas']['NotificationPreference'];
export type PreferenceInput = {
  recipient: 'client' | 'contact';
  contactName: string | null;
  email: string | null;
  phone: string | null;
  channel: 'email' | 'sms';
  timeZone: string | null;
  optedIn: boolean;
  quietStart: string | null;
  quietEnd: string | null;
};

export const notificationsApi = {
  preferences: (clientId: string) =>
    api.get<NotificationPreference[]>(`/clients/${clientId}/notification-preferences`),
  addPreference: (clientId: string, input: PreferenceInput) =>
    api.post<NotificationPreference>(`/clients/${clientId}/notification-preferences`, input),
  removePreference: (clientId: string, id: string) =>
    api.delete(`/clients/${clientId}/notification-preferences/${id}`),
  outbox: (filters: { status?: OutboxStatus | null; bookingId?: string }) =>
    api.get<{ items: OutboxMessage[] }>('/outbox', { ...filters, limit: 100 } as Query),
  resend: (id: string) => api.post<OutboxMessage>(`/outbox/${id}/resend`),
  caught: () => api.get<CaughtMail>('/mail-catcher'),
  /** The server's answer to "notify the client?" for a booking (or a new one for a client), and who would hear. */
  choice: (q: ChoiceQuery) => api.get<NotificationChoice>('/notification-choice', q as Query),
  defaults: () => api.get<ServiceDefault[]>('/notification-defaults'),
  setDefault: (serviceTypeId: string, input: { notifyClient: boolean; reminderMinutes: number | null }) =>
    api.put<ServiceDefault[]>(`/notification-defaults/${encodeURIComponent(serviceTypeId)}`, input),
};
