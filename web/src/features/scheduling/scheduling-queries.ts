import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { staffApi } from '../../api/endpoints';
import { bookingKeys } from '../bookings/bookings-queries';
import {
  type CalendarQuery,
  calendarApi,
  type LeaveInput,
  leaveApi,
  noticesApi,
  type PreviewInput,
  type ScheduledServiceInput,
  type SeriesEditInput,
  schedulingApi,
} from './scheduling-api';

export const schedulingKeys = {
  serviceTypes: ['service-types'] as const,
  series: (clientId: string) => ['scheduled-services', clientId] as const,
  preview: (input: PreviewInput) => ['scheduled-services', 'preview', input] as const,
  /** Under the bookings key so that every booking change refreshes the calendars too. */
  calendar: (query: CalendarQuery) => ['bookings', 'calendar', query] as const,
  leave: (clientId: string) => ['client-leave', clientId] as const,
  notices: ['notices'] as const,
  deliveringStaff: ['staff', 'delivers-services'] as const,
};

export function useServiceTypes() {
  return useQuery({
    queryKey: schedulingKeys.serviceTypes,
    queryFn: schedulingApi.serviceTypes,
    staleTime: 5 * 60_000,
  });
}

export function useDeliveringStaff() {
  return useQuery({
    queryKey: schedulingKeys.deliveringStaff,
    queryFn: () => staffApi.list({ deliversServices: true }, null, 100),
    staleTime: 60_000,
  });
}

export function useClientSeries(clientId: string) {
  return useQuery({
    queryKey: schedulingKeys.series(clientId),
    queryFn: () => schedulingApi.listForClient(clientId),
  });
}

/** The next occurrences of a rule that isn't saved yet; null input while the form is incomplete. */
export function useOccurrencePreview(input: PreviewInput | null) {
  return useQuery({
    queryKey: schedulingKeys.preview(
      input ?? {
        clientId: '',
        startDate: '',
        startTime: '',
        rrule: '',
        endDate: null,
        durationMinutes: 0,
        count: 0,
      },
    ),
    queryFn: () => schedulingApi.preview(input as PreviewInput),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useCalendar(query: CalendarQuery | null) {
  return useQuery({
    queryKey: schedulingKeys.calendar(query ?? { from: '', to: '', zone: '' }),
    queryFn: ({ signal }) => calendarApi.bookings(query as CalendarQuery, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** After any schedule change: the client's series, every booking list and calendar, and notices. */
function useScheduleInvalidation() {
  const queryClient = useQueryClient();
  return (clientId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['scheduled-services'] }),
      queryClient.invalidateQueries({ queryKey: schedulingKeys.leave(clientId) }),
      queryClient.invalidateQueries({ queryKey: bookingKeys.all }),
      queryClient.invalidateQueries({ queryKey: schedulingKeys.notices }),
    ]);
}

export function useCreateSeries(clientId: string) {
  const invalidate = useScheduleInvalidation();
  return useMutation({
    mutationFn: (input: ScheduledServiceInput) => schedulingApi.create(clientId, input),
    onSuccess: () => invalidate(clientId),
  });
}

export function useActivateSeries(clientId: string) {
  const invalidate = useScheduleInvalidation();
  return useMutation({
    mutationFn: (seriesId: string) => schedulingApi.activate(seriesId),
    onSuccess: () => invalidate(clientId),
  });
}

export function useEditSeries(clientId: string) {
  const invalidate = useScheduleInvalidation();
  return useMutation({
    mutationFn: ({ seriesId, input }: { seriesId: string; input: SeriesEditInput }) =>
      schedulingApi.edit(seriesId, input),
    onSuccess: () => invalidate(clientId),
  });
}

export function useEndSeries(clientId: string) {
  const invalidate = useScheduleInvalidation();
  return useMutation({
    mutationFn: ({ seriesId, endDate }: { seriesId: string; endDate: string | null }) =>
      schedulingApi.end(seriesId, endDate),
    onSuccess: () => invalidate(clientId),
  });
}

export function useClientLeave(clientId: string) {
  return useQuery({ queryKey: schedulingKeys.leave(clientId), queryFn: () => leaveApi.list(clientId) });
}

export function useCreateLeave(clientId: string) {
  const invalidate = useScheduleInvalidation();
  return useMutation({
    mutationFn: (input: LeaveInput) => leaveApi.create(clientId, input),
    onSuccess: () => invalidate(clientId),
  });
}

export function useUpdateLeave(clientId: string) {
  const invalidate = useScheduleInvalidation();
  return useMutation({
    mutationFn: ({ leaveId, input }: { leaveId: string; input: LeaveInput }) =>
      leaveApi.update(leaveId, input),
    onSuccess: () => invalidate(clientId),
  });
}

export function useRemoveLeave(clientId: string) {
  const invalidate = useScheduleInvalidation();
  return useMutation({
    mutationFn: (leaveId: string) => leaveApi.remove(leaveId),
    onSuccess: () => invalidate(clientId),
  });
}

export function useNotices(enabled: boolean) {
  return useQuery({
    queryKey: schedulingKeys.notices,
    queryFn: noticesApi.mine,
    enabled,
    refetchInterval: 60_000,
  });
}

export function useReadNotices() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => noticesApi.read(ids),
    onSuccess: (data) => queryClient.setQueryData(schedulingKeys.notices, data),
  });
}
