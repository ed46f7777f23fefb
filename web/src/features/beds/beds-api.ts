import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { RequestBody, ResponseBody } from '../../api/types';

export type BedsCalendar = ResponseBody<'/api/v1/beds/calendar', 'get'>;
export type Stay = ResponseBody<'/api/v1/stays/{id}', 'get'>;
export type StayState = Stay['state'];
export type StayInput = RequestBody<'/api/v1/stays', 'post'>;
export type StayChange = RequestBody<'/api/v1/stays/{id}', 'patch'>;
export type StayServiceInput = RequestBody<'/api/v1/stays/{id}/services', 'post'>;
export type StaySessions = ResponseBody<'/api/v1/stays/{id}/sessions', 'get'>;
export type ServiceOptions = ResponseBody<'/api/v1/stays/{id}/service-options', 'get'>;
export type Vacancies = ResponseBody<'/api/v1/beds/vacancies', 'get'>;
export type Occupancy = ResponseBody<'/api/v1/beds/occupancy', 'get'>;

const id = encodeURIComponent;
export const bedKeys = {
  all: ['beds'] as const,
  calendar: (from: string, to: string) => ['beds', 'calendar', from, to] as const,
  stay: (stayId: string) => ['beds', 'stay', stayId] as const,
  vacancies: (q: Record<string, string>) => ['beds', 'vacancies', q] as const,
  occupancy: (from: string, months: number) => ['beds', 'occupancy', from, months] as const,
};

export const STATE_LABELS: Record<StayState, string> = {
  enquiry: 'Enquiry',
  on_hold: 'On hold',
  booked: 'Booked',
  checked_in: 'Checked in',
  checked_out: 'Checked out',
  cancelled: 'Cancelled',
};

export function useBedsCalendar(range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: bedKeys.calendar(range?.from ?? '', range?.to ?? ''),
    queryFn: () => api.get<BedsCalendar>('/beds/calendar', range ?? undefined),
    enabled: range !== null,
    placeholderData: (previous) => previous,
  });
}

export function useStay(stayId: string | null) {
  return useQuery({
    queryKey: bedKeys.stay(stayId ?? ''),
    queryFn: () => api.get<Stay>(`/stays/${id(stayId ?? '')}`),
    enabled: stayId !== null,
  });
}

export function useVacancies(q: { arriveOn: string; leaveOn: string; clientId?: string } | null) {
  const query: Record<string, string> = q
    ? { arriveOn: q.arriveOn, leaveOn: q.leaveOn, ...(q.clientId ? { clientId: q.clientId } : {}) }
    : {};
  return useQuery({
    queryKey: bedKeys.vacancies(query),
    queryFn: () => api.get<Vacancies>('/beds/vacancies', query),
    enabled: q !== null,
  });
}

export function useOccupancy(from: string, months: number) {
  return useQuery({
    queryKey: bedKeys.occupancy(from, months),
    queryFn: () => api.get<Occupancy>('/beds/occupancy', { from, months }),
  });
}

/** Every stay write changes the calendar, vacancies and occupancy: refresh all of them. */
export function useStayMutation<T>(fn: (input: T) => Promise<Stay>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: bedKeys.all }),
  });
}

export const staysApi = {
  create: (input: StayInput) => api.post<Stay>('/stays', input),
  change: (stayId: string, input: StayChange) => api.patch<Stay>(`/stays/${id(stayId)}`, input),
  confirm: (stayId: string) => api.post<Stay>(`/stays/${id(stayId)}/confirm`),
  checkIn: (stayId: string) => api.post<Stay>(`/stays/${id(stayId)}/check-in`),
  checkOut: (stayId: string, leaveOn?: string) =>
    api.post<Stay>(`/stays/${id(stayId)}/check-out`, leaveOn ? { leaveOn } : {}),
  cancel: (stayId: string, reason: string) => api.post<Stay>(`/stays/${id(stayId)}/cancel`, { reason }),
  addService: (stayId: string, input: StayServiceInput) =>
    api.post<Stay>(`/stays/${id(stayId)}/services`, input),
};
