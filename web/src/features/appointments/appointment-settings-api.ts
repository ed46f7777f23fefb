import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { RequestBody, ResponseBody } from '../../api/types';

export type AppointmentSettings = ResponseBody<'/api/v1/appointment-settings', 'get'>;
export type RebookingSettings = ResponseBody<'/api/v1/settings/rebooking', 'get'>;

const keys = { appointments: ['settings', 'appointments'], rebooking: ['settings', 'rebooking'] } as const;

/** The two settings of the associate's day: the overdue flag (Quick View) and the retrospective window. */
export function useAppointmentSettings() {
  return useQuery({
    queryKey: keys.appointments,
    queryFn: () => api.get<AppointmentSettings>('/appointment-settings'),
  });
}

export function useRebookingSettings() {
  return useQuery({
    queryKey: keys.rebooking,
    queryFn: () => api.get<RebookingSettings>('/settings/rebooking'),
  });
}

export function useSaveAppointmentSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestBody<'/api/v1/appointment-settings', 'put'>) =>
      api.put<AppointmentSettings>('/appointment-settings', input),
    onSuccess: (saved) => queryClient.setQueryData(keys.appointments, saved),
  });
}

export function useSaveRebookingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestBody<'/api/v1/settings/rebooking', 'put'>) =>
      api.put<RebookingSettings>('/settings/rebooking', input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(keys.rebooking, saved);
      await queryClient.invalidateQueries({ queryKey: ['rebooking'] });
    },
  });
}
