import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { RequestBody, ResponseBody } from '../../api/types';

export type SupportItem = ResponseBody<'/api/v1/ndis/catalogue/items', 'get'>['items'][number];
export type CatalogueImport = ResponseBody<'/api/v1/ndis/catalogue/imports', 'post', 201>;
type ImportInput = RequestBody<'/api/v1/ndis/catalogue/imports', 'post'>;

export function useCatalogueItems(filter: { on: string | null; search: string }) {
  return useQuery({
    queryKey: ['ndis-catalogue', filter],
    queryFn: () =>
      api.get<{ items: SupportItem[] }>('/ndis/catalogue/items', {
        on: filter.on ?? undefined,
        search: filter.search.trim() || undefined,
      }),
  });
}

export function useImportCatalogue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ImportInput) => api.post<CatalogueImport>('/ndis/catalogue/imports', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ndis-catalogue'] }),
  });
}
