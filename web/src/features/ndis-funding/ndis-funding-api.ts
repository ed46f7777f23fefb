import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { ResponseBody } from '../../api/types';

export type ClientFunding = ResponseBody<'/api/v1/ndis/clients/{id}/funding', 'get'>;
export type FundingPlan = ClientFunding['plans'][number];

export const useClientFunding = (clientId: string) =>
  useQuery({
    queryKey: ['ndis-funding', clientId],
    queryFn: () => api.get<ClientFunding>(`/ndis/clients/${encodeURIComponent(clientId)}/funding`),
  });
