import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { RequestBody, ResponseBody } from '../../api/types';

export type RebookingStart = ResponseBody<'/api/v1/bookings/{id}/rebooking', 'get'>;
export type RebookingTime = RequestBody<'/api/v1/cases/{id}/rebooking/preview', 'post'>;
export type RebookingPreview = ResponseBody<'/api/v1/cases/{id}/rebooking/preview', 'post'>;
export type RebookingInput = RequestBody<'/api/v1/cases/{id}/rebooking', 'post'>;
export type RebookingResult = ResponseBody<'/api/v1/cases/{id}/rebooking', 'post', 201>;
export type Participants = ResponseBody<'/api/v1/cases/{id}/rebooking/participants', 'get'>;

const id = encodeURIComponent;

export function useRebookingStart(bookingId: string) {
  return useQuery({
    queryKey: ['rebooking', bookingId],
    queryFn: () => api.get<RebookingStart>(`/bookings/${id(bookingId)}/rebooking`),
  });
}

/** The server's review of the chosen time: both zones, covering lines, balance, daylight-saving warnings. */
export function useRebookingPreview(caseId: string | null, time: RebookingTime | null) {
  return useQuery({
    queryKey: ['rebooking', 'preview', caseId, time],
    queryFn: () => api.post<RebookingPreview>(`/cases/${id(caseId ?? '')}/rebooking/preview`, time),
    enabled: caseId !== null && time !== null,
    placeholderData: keepPreviousData,
  });
}

/** Clients who may join a couple, family or group session (names only), matching the typed words. */
export function useRebookingParticipants(caseId: string | null, q: string) {
  return useQuery({
    queryKey: ['rebooking', 'participants', caseId, q],
    queryFn: () =>
      api.get<Participants>(
        `/cases/${id(caseId ?? '')}/rebooking/participants${q ? `?q=${encodeURIComponent(q)}` : ''}`,
      ),
    enabled: caseId !== null,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

export function useFinaliseRebooking(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RebookingInput) => api.post<RebookingResult>(`/cases/${id(caseId)}/rebooking`, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      await queryClient.invalidateQueries({ queryKey: ['bookings'] });
      await queryClient.invalidateQueries({ queryKey: ['rebooking'] });
    },
  });
}

export const MODALITIES = [
  { value: 'in_person', label: 'In person' },
  { value: 'phone', label: 'Phone' },
  { value: 'video', label: 'Video' },
] as const;
export const PLATFORMS = [
  { value: 'jitsi', label: 'Jitsi Meet (link generated)' },
  { value: 'teams', label: 'Microsoft Teams' },
  { value: 'zoom', label: 'Zoom' },
  { value: 'other', label: 'Other' },
] as const;
export const ATTENDANCE = [
  { value: 'individual', label: 'Individual' },
  { value: 'couple', label: 'Couple' },
  { value: 'family', label: 'Family' },
  { value: 'group', label: 'Group' },
] as const;

/** What the wizard has chosen so far. */
export type Draft = {
  approach: 'manual' | 'retrospective';
  workScheduleId: string | null;
  bookingDate: string;
  startTime: string;
  durationMinutes: number;
  modality: 'in_person' | 'phone' | 'video';
  videoPlatform: 'jitsi' | 'teams' | 'zoom' | 'other';
  meetingLink: string;
  notifyClient: boolean;
  attendance: 'individual' | 'couple' | 'family' | 'group';
  /** The other clients of a couple, family or group session. */
  participants: { id: string; name: string }[];
  confirmed: boolean;
};
