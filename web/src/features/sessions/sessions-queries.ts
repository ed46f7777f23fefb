import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { bookingKeys } from '../bookings/bookings-queries';
import { type CompletionInput, type Session, type SessionListQuery, sessionsApi } from './sessions-api';

/** Under the bookings key: a session is a booking, so every booking change refreshes sessions too. */
export const sessionKeys = {
  all: [...bookingKeys.all, 'sessions'] as const,
  list: (query: SessionListQuery) => [...bookingKeys.all, 'sessions', 'list', query] as const,
  one: (id: string) => [...bookingKeys.all, 'sessions', 'one', id] as const,
  preview: (id: string, input: CompletionInput) =>
    [...bookingKeys.all, 'sessions', 'preview', id, input] as const,
};

export function useSessionSummaries(query: SessionListQuery | null) {
  return useQuery({
    queryKey: sessionKeys.list(query ?? { from: '', to: '' }),
    queryFn: ({ signal }) => sessionsApi.list(query as SessionListQuery, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSession(sessionId: string | null) {
  return useQuery({
    queryKey: sessionKeys.one(sessionId ?? ''),
    queryFn: () => sessionsApi.get(sessionId as string),
    enabled: sessionId !== null,
  });
}

/** A write answering the session as it now is: that answer is cached, and the calendars refresh. */
export function useSessionWrite<I>(sessionId: string, write: (input: I) => Promise<Session>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (session) => {
      queryClient.setQueryData(sessionKeys.one(sessionId), session);
      await queryClient.invalidateQueries({
        queryKey: bookingKeys.all,
        predicate: (q) => q.queryKey[2] !== 'one' || q.queryKey[3] !== sessionId,
      });
    },
  });
}

/** What completing would charge, asked again whenever the form's input changes (nothing is written). */
export function useCompletionPreview(sessionId: string, input: CompletionInput | null) {
  return useQuery({
    queryKey: sessionKeys.preview(sessionId, input ?? {}),
    queryFn: () => sessionsApi.preview(sessionId, input as CompletionInput),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The active rooms, vehicles and equipment a session can book. */
export function useResources() {
  return useQuery({ queryKey: ['resources'], queryFn: () => sessionsApi.resources(), staleTime: 60_000 });
}
