import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { RequestBody, ResponseBody } from '../../api/types';

const CANCEL = '/api/v1/ndis/sessions/{id}/clients/{participantId}/cancellation';
export type NdisCancellationInput = RequestBody<typeof CANCEL, 'post'>;
export type NdisCancellationResult = ResponseBody<typeof CANCEL, 'post'>;
export type NdisDecision = NdisCancellationResult['decision'];
export type CancellationReport = ResponseBody<'/api/v1/ndis/clients/{id}/cancellations', 'get'>;

const id = encodeURIComponent;
const at = (sessionId: string, participantId: string) =>
  `/ndis/sessions/${id(sessionId)}/clients/${id(participantId)}`;

export const ndisCancellationsApi = {
  preview: (sessionId: string, participantId: string, input: NdisCancellationInput) =>
    api.post<NdisDecision>(`${at(sessionId, participantId)}/cancellation-preview`, input),
  record: (sessionId: string, participantId: string, input: NdisCancellationInput) =>
    api.post<NdisCancellationResult>(`${at(sessionId, participantId)}/cancellation`, input),
  report: (clientId: string, from: string, to: string) =>
    api.get<CancellationReport>(`/ndis/clients/${id(clientId)}/cancellations`, { from, to }),
};

/** What recording would decide, asked again whenever the form's input changes (nothing is written). */
export function useNdisCancellationPreview(
  sessionId: string,
  participantId: string,
  input: NdisCancellationInput | null,
) {
  return useQuery({
    queryKey: ['ndis-cancellation-preview', sessionId, participantId, input],
    queryFn: () => ndisCancellationsApi.preview(sessionId, participantId, input as NdisCancellationInput),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useCancellationReport(clientId: string, from: string, to: string) {
  return useQuery({
    queryKey: ['ndis-cancellation-report', clientId, from, to],
    queryFn: () => ndisCancellationsApi.report(clientId, from, to),
    enabled: from !== '' && to !== '' && from < to,
    retry: false,
  });
}
