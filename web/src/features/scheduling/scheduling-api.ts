import { api, request } from '../../api/api-client';
import type { BookingStatus } from '../../api/types';

export type ServiceType = { id: string; name: string; colour: string; active: boolean };

export type SeriesStatus = 'draft' | 'active' | 'ended';

export type ScheduledService = {
  id: string;
  clientId: string;
  serviceType: { id: string; name: string };
  name: string;
  timeZone: string;
  startDate: string;
  startTime: string;
  rrule: string;
  recurrence: string;
  endDate: string | null;
  durationMinutes: number;
  assignee: { id: string; name: string } | null;
  notes: string | null;
  status: SeriesStatus;
  splitFromId: string | null;
  generatedUntil: string | null;
};

export type ScheduledServiceInput = {
  serviceTypeId: string;
  name: string;
  startDate: string;
  startTime: string;
  rrule: string;
  endDate: string | null;
  durationMinutes: number;
  /** null: an open shift. */
  staffId: string | null;
  notes: string | null;
  status: 'draft' | 'active';
};

export type SeriesChanges = Partial<
  Pick<
    ScheduledServiceInput,
    'serviceTypeId' | 'name' | 'startTime' | 'rrule' | 'endDate' | 'durationMinutes' | 'staffId' | 'notes'
  >
>;

export type SeriesEditInput = { scope: 'series' | 'following'; fromDate?: string; changes: SeriesChanges };

export type PreviewInput = {
  clientId: string;
  startDate: string;
  startTime: string;
  rrule: string;
  endDate: string | null;
  durationMinutes: number;
  count: number;
};

export type PreviewResult = { timeZone: string; occurrences: { startsAt: string; endsAt: string }[] };

export type OccurrenceAction = 'create' | 'update' | 'delete' | 'keep' | 'suspend' | 'restore';

export type OccurrenceOutcome = {
  localDate: string;
  startsAt: string;
  endsAt: string;
  action: OccurrenceAction;
  bookingId: string | null;
  result: 'done' | 'conflict' | 'kept';
  reason?: string;
  conflictingBookingId?: string;
  warnings?: string[];
};

export type ScheduleReport = {
  preview: boolean;
  series: ScheduledService | null;
  occurrences: OccurrenceOutcome[];
  summary: { done: number; conflicts: number; kept: number };
};

export type CalendarItem = {
  id: string;
  name: string;
  kind: 'adhoc' | 'scheduled';
  status: BookingStatus;
  /** Wall clock in the requested zone, YYYY-MM-DDTHH:MM. */
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
  client: { id: string; name: string };
  staff: { id: string; name: string } | null;
  providerName: string | null;
  serviceType: { id: string; name: string; colour: string } | null;
  seriesId: string | null;
  isException: boolean;
};

export type CalendarQuery = {
  from: string;
  to: string;
  zone: string;
  staffId?: string;
  unassigned?: boolean;
  clientId?: string;
  serviceTypeId?: string;
  status?: string;
};

export type CalendarResult = { timeZone: string; items: CalendarItem[]; truncated: boolean };

export type LeaveType = 'hospital' | 'respite' | 'social_leave' | 'holiday' | 'transition_care' | 'other';

export type ClientLeave = {
  id: string;
  clientId: string;
  type: LeaveType;
  startsOn: string;
  endsOn: string | null;
  note: string | null;
};

export type LeaveInput = { type: LeaveType; startsOn: string; endsOn: string | null; note: string | null };

export type LeaveBooking = { bookingId: string; name: string; startsAt: string };

export type LeaveReport = {
  leave: ClientLeave | null;
  suspended: LeaveBooking[];
  restored: LeaveBooking[];
  notRestored: (LeaveBooking & { reason: string })[];
};

export type Notice = { id: string; message: string; bookingId: string | null; createdAt: string };

const id = encodeURIComponent;
const withPreview = (path: string, preview: boolean) => (preview ? `${path}?preview=true` : path);

export const schedulingApi = {
  serviceTypes: async () => (await api.get<{ items: ServiceType[] }>('/service-types')).items,
  preview: (input: PreviewInput) => api.post<PreviewResult>('/scheduled-services/preview', input),
  listForClient: async (clientId: string) =>
    (await api.get<{ items: ScheduledService[] }>(`/clients/${id(clientId)}/scheduled-services`)).items,
  create: (clientId: string, input: ScheduledServiceInput, preview = false) =>
    api.post<ScheduleReport>(withPreview(`/clients/${id(clientId)}/scheduled-services`, preview), input),
  activate: (seriesId: string, preview = false) =>
    api.post<ScheduleReport>(withPreview(`/scheduled-services/${id(seriesId)}/activate`, preview)),
  edit: (seriesId: string, input: SeriesEditInput, preview = false) =>
    api.patch<ScheduleReport>(withPreview(`/scheduled-services/${id(seriesId)}`, preview), input),
  end: (seriesId: string, endDate: string | null, preview = false) =>
    api.post<ScheduleReport>(withPreview(`/scheduled-services/${id(seriesId)}/end`, preview), { endDate }),
};

export const calendarApi = {
  bookings: (query: CalendarQuery, signal?: AbortSignal) =>
    api.get<CalendarResult>('/calendar', { ...query }, signal),
  createClientFeed: (clientId: string) =>
    api.post<{ url: string; createdAt: string }>(`/clients/${id(clientId)}/calendar-feed`),
  revokeClientFeed: (clientId: string) => api.delete(`/clients/${id(clientId)}/calendar-feed`),
};

export const leaveApi = {
  list: async (clientId: string) =>
    (await api.get<{ items: ClientLeave[] }>(`/clients/${id(clientId)}/leave`)).items,
  create: (clientId: string, input: LeaveInput) =>
    api.post<LeaveReport>(`/clients/${id(clientId)}/leave`, input),
  update: (leaveId: string, input: LeaveInput) => api.put<LeaveReport>(`/leave/${id(leaveId)}`, input),
  remove: (leaveId: string) => request<LeaveReport>('DELETE', `/leave/${id(leaveId)}`),
};

export const noticesApi = {
  mine: async () => (await api.get<{ items: Notice[] }>('/me/notices')).items,
};
