import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { RequestBody, ResponseBody } from '../../api/types';

export type QuickView = ResponseBody<'/api/v1/quick-view', 'get'>;
export type Appointment = QuickView['notStarted'][number];
export type AppointmentDetail = ResponseBody<'/api/v1/appointments/{id}', 'get'>;
export type CompleteInput = RequestBody<'/api/v1/appointments/{id}/complete', 'post'>;
export type EndInput = RequestBody<'/api/v1/appointments/{id}/end', 'post'>;
export type TodayBoard = ResponseBody<'/api/v1/today', 'get'>;

const id = encodeURIComponent;
export const quickViewKeys = {
  all: ['quick-view'] as const,
  detail: (bookingId: string) => ['quick-view', 'appointment', bookingId] as const,
  today: ['quick-view', 'today'] as const,
};

/** The wizard's page (§4 of issue 13) owns this route: Rebook hands it the appointment to rebook from. */
export const rebookPath = (bookingId: string) => `/quick-view/rebook/${id(bookingId)}`;

export const MODALITY_LABELS: Record<Appointment['modality'], string> = {
  in_person: 'In person',
  phone: 'Phone',
  video: 'Video',
};
export const OUTCOME_LABELS: Record<NonNullable<AppointmentDetail['outcome']>, string> = {
  continuing: 'Continuing: further sessions planned',
  concluded: 'Concluded: no further sessions',
  referred: 'Referred on to another service',
};
export const CLOSED_LABELS: Record<NonNullable<Appointment['closedAs']>, string> = {
  no_show: 'No-show',
  cancelled_charged: 'Cancelled with charge',
  cancelled_free: 'Cancelled without charge',
};

export function useQuickView() {
  return useQuery({ queryKey: quickViewKeys.all, queryFn: () => api.get<QuickView>('/quick-view') });
}

export function useAppointment(bookingId: string | null) {
  return useQuery({
    queryKey: quickViewKeys.detail(bookingId ?? ''),
    queryFn: () => api.get<AppointmentDetail>(`/appointments/${id(bookingId ?? '')}`),
    enabled: bookingId !== null,
  });
}

export function useTodayBoard() {
  return useQuery({ queryKey: quickViewKeys.today, queryFn: () => api.get<TodayBoard>('/today') });
}

/** Every step changes Quick View, the booking and perhaps a case's ledger: refresh them all. */
function useStep<T>(fn: (input: T) => Promise<AppointmentDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // The step's answer is the appointment itself: shown at once; the lists refresh behind it.
    onSuccess: (detail) => {
      queryClient.setQueryData(quickViewKeys.detail(detail.bookingId), detail);
      void queryClient.invalidateQueries({
        predicate: (q) =>
          (q.queryKey[0] === 'quick-view' && q.queryKey[1] !== 'appointment') ||
          q.queryKey[0] === 'bookings' ||
          q.queryKey[0] === 'cases',
      });
    },
  });
}

export const useCommence = () =>
  useStep((bookingId: string) => api.post<AppointmentDetail>(`/appointments/${id(bookingId)}/commence`, {}));
export const useComplete = () =>
  useStep((v: { bookingId: string; input: CompleteInput }) =>
    api.post<AppointmentDetail>(`/appointments/${id(v.bookingId)}/complete`, v.input),
  );
export const useSignOff = () =>
  useStep((bookingId: string) => api.post<AppointmentDetail>(`/appointments/${id(bookingId)}/sign-off`));
export const useAddendum = () =>
  useStep((v: { bookingId: string; text: string }) =>
    api.post<AppointmentDetail>(`/appointments/${id(v.bookingId)}/addenda`, { text: v.text }),
  );
export const useEndAppointment = () =>
  useStep((v: { bookingId: string; input: EndInput }) =>
    api.post<AppointmentDetail>(`/appointments/${id(v.bookingId)}/end`, v.input),
  );

/** "11:00 AEDT" from a zoned time the server worked out. */
export const zonedLabel = (t: { time: string; abbreviation: string }) => `${t.time} ${t.abbreviation}`;
