import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { QueryParams, RequestBody, ResponseBody } from '../../api/types';

export type SchedulesView = ResponseBody<'/api/v1/staff/{id}/work-schedules', 'get'>;
export type WorkSchedule = SchedulesView['items'][number];
export type WorkScheduleInput = RequestBody<'/api/v1/staff/{id}/work-schedules', 'post'>;
export type StaffBreak = ResponseBody<'/api/v1/staff/{id}/breaks', 'get'>['items'][number];
export type BreakInput = RequestBody<'/api/v1/staff/{id}/breaks', 'post'>;
export type SlotsView = ResponseBody<'/api/v1/staff/{id}/available-slots', 'get'>;
export type SlotQuery = QueryParams<'/api/v1/staff/{id}/available-slots', 'get'>;

const id = encodeURIComponent;
export const scheduleKeys = {
  all: (staffId: string) => ['staff', staffId, 'schedules'] as const,
  breaks: (staffId: string) => ['staff', staffId, 'schedules', 'breaks'] as const,
  slots: (staffId: string, q: SlotQuery) => ['staff', staffId, 'schedules', 'slots', q] as const,
};

export const SCHEDULE_TYPES = [
  { value: 'adhoc', label: 'Ad hoc' },
  { value: 'open', label: 'Open (telehealth)' },
  { value: 'rapid_response', label: 'Rapid response' },
] as const;
export const typeLabel = (type: string) => SCHEDULE_TYPES.find((t) => t.value === type)?.label ?? type;
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function useSchedules(staffId: string) {
  return useQuery({
    queryKey: scheduleKeys.all(staffId),
    queryFn: () => api.get<SchedulesView>(`/staff/${id(staffId)}/work-schedules`),
  });
}

export function useBreaks(staffId: string) {
  return useQuery({
    queryKey: scheduleKeys.breaks(staffId),
    queryFn: () => api.get<{ items: StaffBreak[] }>(`/staff/${id(staffId)}/breaks`),
  });
}

export function useSlots(staffId: string, q: SlotQuery | null) {
  return useQuery({
    queryKey: scheduleKeys.slots(staffId, q ?? {}),
    queryFn: () => api.get<SlotsView>(`/staff/${id(staffId)}/available-slots`, q ?? {}),
    enabled: q !== null,
  });
}

/** Any change to schedules, breaks or the region changes the free times too: refresh them all. */
function useScheduleMutation<T, R>(staffId: string, fn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scheduleKeys.all(staffId) }),
  });
}

export const useSaveSchedule = (staffId: string) =>
  useScheduleMutation(staffId, (v: { id: string | null; input: WorkScheduleInput }) =>
    v.id
      ? api.put<WorkSchedule>(`/work-schedules/${id(v.id)}`, v.input)
      : api.post<WorkSchedule>(`/staff/${id(staffId)}/work-schedules`, v.input),
  );
export const useRemoveSchedule = (staffId: string) =>
  useScheduleMutation(staffId, (scheduleId: string) => api.delete(`/work-schedules/${id(scheduleId)}`));
export const useAddBreak = (staffId: string) =>
  useScheduleMutation(staffId, (input: BreakInput) =>
    api.post<StaffBreak>(`/staff/${id(staffId)}/breaks`, input),
  );
export const useRemoveBreak = (staffId: string) =>
  useScheduleMutation(staffId, (breakId: string) => api.delete(`/staff-breaks/${id(breakId)}`));
export const useSetRegion = (staffId: string) =>
  useScheduleMutation(staffId, (holidayRegion: string | null) =>
    api.put<{ holidayRegion: string | null }>(`/staff/${id(staffId)}/holiday-region`, { holidayRegion }),
  );
