import { api, type Query } from '../../api/api-client';
import type { components } from '../../api/openapi.gen';

/** Wire shapes of the notification endpoints (see /api/docs: notifications). */
export type OutboxMessage = components['schemas']['OutboxMessage'];
export type OutboxStatus = OutboxMessage['status'];
export type CaughtMail = components['schemas']['CaughtMail'];

export const notificationsApi = {
  outbox: (filters: { status?: OutboxStatus | null; bookingId?: string }) =>
    api.get<{ items: OutboxMessage[] }>('/outbox', { ...filters, limit: 100 } as Query),
  resend: (id: string) => api.post<OutboxMessage>(`/outbox/${id}/resend`),
  caught: () => api.get<CaughtMail>('/mail-catcher'),
};
