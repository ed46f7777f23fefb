import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { RequestBody, ResponseBody } from '../../api/types';

export type Case = ResponseBody<'/api/v1/clients/{id}/cases', 'get'>['items'][number];
export type CaseInput = RequestBody<'/api/v1/clients/{id}/cases', 'post'>;
export type CaseSummary = ResponseBody<'/api/v1/cases/{id}', 'get'>;
export type CaseSessionInput = RequestBody<'/api/v1/cases/{id}/sessions', 'post'>;
export type DecisionInput = RequestBody<'/api/v1/extra-session-requests/{id}/decision', 'post'>;

const id = encodeURIComponent;
const keys = {
  cases: (clientId: string) => ['clients', clientId, 'cases'] as const,
  summary: (caseId: string) => ['cases', caseId] as const,
};

export const WINDOW_LABELS: Record<Case['countingWindow'], string> = {
  rolling_12_months: '12 months from the first session',
  per_year: 'Each calendar year',
  per_referral: 'Until the referral expires',
};

export function useCases(clientId: string) {
  return useQuery({
    queryKey: keys.cases(clientId),
    queryFn: () => api.get<{ items: Case[] }>(`/clients/${id(clientId)}/cases`),
  });
}

export function useCaseSummary(caseId: string | null) {
  return useQuery({
    queryKey: keys.summary(caseId ?? ''),
    queryFn: () => api.get<CaseSummary>(`/cases/${id(caseId ?? '')}`),
    enabled: caseId !== null,
  });
}

/** Every write changes the ledger, and bookings too: refresh the case, the client's cases and bookings. */
function useCaseMutation<T, R>(clientId: string, fn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      await queryClient.invalidateQueries({ queryKey: ['clients', clientId] });
      await queryClient.invalidateQueries({ queryKey: ['bookings'] });
    },
  });
}

export const useOpenCase = (clientId: string) =>
  useCaseMutation(clientId, (input: CaseInput) => api.post<Case>(`/clients/${id(clientId)}/cases`, input));
export const useBookSession = (clientId: string, caseId: string) =>
  useCaseMutation(clientId, (input: CaseSessionInput) => api.post(`/cases/${id(caseId)}/sessions`, input));
export const useEndSession = (clientId: string, caseId: string) =>
  useCaseMutation(clientId, (v: { bookingId: string; outcome: 'cancelled' | 'no_show'; reason: string }) =>
    api.post<{ sessionUsed: boolean; lateNotice: boolean }>(
      `/cases/${id(caseId)}/sessions/${id(v.bookingId)}/end`,
      {
        outcome: v.outcome,
        reason: v.reason,
      },
    ),
  );
export const useRequestExtra = (clientId: string, caseId: string) =>
  useCaseMutation(clientId, (input: { sessions: number; justification: string }) =>
    api.post(`/cases/${id(caseId)}/extra-session-requests`, input),
  );
export const useDecide = (clientId: string) =>
  useCaseMutation(clientId, (v: { requestId: string; input: DecisionInput }) =>
    api.post(`/extra-session-requests/${id(v.requestId)}/decision`, v.input),
  );
