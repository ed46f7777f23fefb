import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { RequestBody, ResponseBody } from '../../api/types';

export type ClaimSettings = ResponseBody<'/api/v1/ndis/claim-settings', 'get'>;
export type ClaimPreview = ResponseBody<'/api/v1/ndis/bulk-payments/preview', 'post'>;
export type ClaimExport = ResponseBody<'/api/v1/ndis/bulk-payments', 'post', 201>;
export type ClaimFile = ResponseBody<'/api/v1/ndis/bulk-payments', 'get'>['items'][number];
export type AttentionLine = ResponseBody<'/api/v1/ndis/claims/attention', 'get'>['items'][number];
export type ResultsOutcome = ResponseBody<'/api/v1/ndis/bulk-payments/results', 'post'>;
type Period = RequestBody<'/api/v1/ndis/bulk-payments', 'post'>;
export type DeliveredAs = RequestBody<'/api/v1/ndis/claims/records/{id}/delivered-as', 'put'>['deliveredAs'];

const keys = {
  settings: ['ndis-claim-settings'] as const,
  files: ['ndis-claim-files'] as const,
  attention: ['ndis-claims-attention'] as const,
};

export const useClaimSettings = () =>
  useQuery({ queryKey: keys.settings, queryFn: () => api.get<ClaimSettings>('/ndis/claim-settings') });

export function useSaveClaimSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (s: ClaimSettings) => api.put<ClaimSettings>('/ndis/claim-settings', s),
    onSuccess: (saved) => queryClient.setQueryData(keys.settings, saved),
  });
}

export const usePreviewClaims = () =>
  useMutation({ mutationFn: (p: Period) => api.post<ClaimPreview>('/ndis/bulk-payments/preview', p) });

function useRefreshingMutation<T, R>(fn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.files });
      await queryClient.invalidateQueries({ queryKey: keys.attention });
    },
  });
}

/** Records how a delivered service was provided (it decides the claim type); the preview is then asked again. */
export const useRecordDeliveredAs = () =>
  useMutation({
    mutationFn: (v: { deliveredServiceId: string; deliveredAs: DeliveredAs }) =>
      api.put(`/ndis/claims/records/${encodeURIComponent(v.deliveredServiceId)}/delivered-as`, {
        deliveredAs: v.deliveredAs,
      }),
  });

export const useExportClaims = () =>
  useRefreshingMutation((p: Period) => api.post<ClaimExport>('/ndis/bulk-payments', p));

export const useImportResults = () =>
  useRefreshingMutation((csv: string) => api.post<ResultsOutcome>('/ndis/bulk-payments/results', { csv }));

export const useClaimFiles = () =>
  useQuery({ queryKey: keys.files, queryFn: () => api.get<{ items: ClaimFile[] }>('/ndis/bulk-payments') });

export const useAttention = () =>
  useQuery({
    queryKey: keys.attention,
    queryFn: () => api.get<{ items: AttentionLine[] }>('/ndis/claims/attention'),
  });

export const fileCsvHref = (id: string) => `/api/v1/ndis/bulk-payments/${encodeURIComponent(id)}/file.csv`;
