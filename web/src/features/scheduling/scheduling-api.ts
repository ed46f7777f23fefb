import { api, request } from '../../api/api-client';
import type { components } from '../../api/openapi.gen';
import type { QueryParams, RequestBody, ResponseBody } from '../../api/types';

type Schemas = components['schemas'];

export type ServiceType = ResponseBody<'/api/v1/service-types', 'get'>['items'][number];

export type ScheduledService = Schemas['ScheduledService'];
export type SeriesStatus = ScheduledService['status'];
export type ScheduledServiceInput = RequestBody<'/api/v1/clients/{id}/scheduled-services', 'post'>;
export type SeriesEditInput = RequestBody<'/api/v1/scheduled-services/{id}', 'patch'>;
export type SeriesChanges = SeriesEditInput['changes'];

export type PreviewInput = RequestBody<'/api/v1/scheduled-services/preview', 'post'>;
export type PreviewResult = ResponseBody<'/api/v1/scheduled-services/preview', 'post'>;

export type ScheduleReport = Schemas['ScheduleReport'];
export type OccurrenceOutcome = ScheduleReport['occurrences'][number];
export type OccurrenceAction = OccurrenceOutcome['action'];

export type CalendarResult = ResponseBody<'/api/v1/calendar', 'get'>;
export type CalendarItem = CalendarResult['items'][number];
export type CalendarQuery = QueryParams<'/api/v1/calendar', 'get'>;

export type ClientLeave = Schemas['ClientLeave'];
export type LeaveType = ClientLeave['type'];
export type LeaveInput = RequestBody<'/api/v1/clients/{id}/leave', 'post'>;
export type LeaveReport = ResponseBody<'/api/v1/leave/{id}', 'put'>;
export type LeaveBooking = LeaveReport['suspended'][number];

export type Notice = ResponseBody<'/api/v1/me/notices', 'get'>['items'][number];

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

export type Notices = ResponseBody<'/api/v1/me/notices', 'get'>;

export const noticesApi = {
  mine: () => api.get<Notices>('/me/notices'),
  /** Marks the given notices read, or all of them without ids. */
  read: (ids?: string[]) => api.post<Notices>('/me/notices/read', ids ? { ids } : {}),
};
