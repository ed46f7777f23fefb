import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { bookingsApi, providersApi, staffApi } from '../../api/endpoints';
import type { Booking, BookingInput, BookingPatch, CompleteVisitInput } from '../../api/types';

export const bookingKeys = {
  all: ['bookings'] as const,
  forClient: (clientId: string) => ['bookings', 'client', clientId] as const,
  detail: (id: string) => ['bookings', 'detail', id] as const,
  mine: ['bookings', 'mine'] as const,
};

export function useClientBookings(clientId: string) {
  return useInfiniteQuery({
    queryKey: bookingKeys.forClient(clientId),
    queryFn: ({ pageParam }) => bookingsApi.listForClient(clientId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useMyAppointments() {
  return useInfiniteQuery({
    queryKey: bookingKeys.mine,
    queryFn: ({ pageParam }) => bookingsApi.mine(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useBooking(id: string | null) {
  return useQuery({
    queryKey: bookingKeys.detail(id ?? ''),
    queryFn: () => bookingsApi.get(id ?? ''),
    enabled: !!id,
  });
}

function useBookingMutation<TArgs>(mutationFn: (args: TArgs) => Promise<Booking>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (booking) => {
      queryClient.setQueryData(bookingKeys.detail(booking.id), booking);
      return queryClient.invalidateQueries({
        queryKey: bookingKeys.all,
        predicate: (query) => query.queryKey[1] !== 'detail',
      });
    },
  });
}

export function useCreateBooking(clientId: string) {
  return useBookingMutation((input: BookingInput) => bookingsApi.create(clientId, input));
}

export function useUpdateBooking(id: string) {
  return useBookingMutation((patch: BookingPatch) => bookingsApi.update(id, patch));
}

export function useCompleteVisit(id: string) {
  return useBookingMutation((input: CompleteVisitInput) => bookingsApi.complete(id, input));
}

export function useCancelBooking(id: string) {
  return useBookingMutation(({ reason, notifyClient }: { reason: string; notifyClient?: boolean }) =>
    bookingsApi.cancel(id, reason, notifyClient),
  );
}

export function useDeleteBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => bookingsApi.remove(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: bookingKeys.all }),
  });
}

/** Who can be assigned: staff who deliver services, plus external providers. Either list may be forbidden. */
export function useAssigneeOptions(enabled: boolean) {
  const staff = useQuery({
    queryKey: ['staff', 'delivers-services'],
    queryFn: () => staffApi.list({ deliversServices: true }, null, 100),
    enabled,
    staleTime: 60_000,
  });
  const providers = useQuery({
    queryKey: ['external-providers'],
    queryFn: () => providersApi.list(),
    enabled,
    staleTime: 60_000,
  });
  return {
    staff: (staff.data?.items ?? []).filter((member) => member.active),
    providers: providers.data ?? [],
    loading: staff.isPending || providers.isPending,
    error: staff.error ?? providers.error,
  };
}
