import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ServiceFilters, servicesApi } from '../../api/endpoints';
import type { Service, ServiceInput, ServicePatch, ServiceStatus } from '../../api/types';

export const serviceKeys = {
  all: ['services'] as const,
  list: (filters: ServiceFilters) => ['services', 'list', filters] as const,
  mine: (statuses: ServiceStatus[]) => ['services', 'mine', statuses] as const,
  forClient: (clientId: string) => ['services', 'client', clientId] as const,
  detail: (id: string) => ['services', 'detail', id] as const,
};

export function useServicesList(filters: ServiceFilters) {
  return useInfiniteQuery({
    queryKey: serviceKeys.list(filters),
    queryFn: ({ pageParam }) => servicesApi.list(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
}

export function useMyServices(statuses: ServiceStatus[]) {
  return useInfiniteQuery({
    queryKey: serviceKeys.mine(statuses),
    queryFn: ({ pageParam }) => servicesApi.mine(statuses, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useClientServices(clientId: string) {
  return useInfiniteQuery({
    queryKey: serviceKeys.forClient(clientId),
    queryFn: ({ pageParam }) => servicesApi.listForClient(clientId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useService(id: string) {
  return useQuery({ queryKey: serviceKeys.detail(id), queryFn: () => servicesApi.get(id) });
}

/** Every change answers the whole service: keep it, and refresh lists (and the siblings in its plan). */
function useServiceMutation<TArgs>(mutationFn: (args: TArgs) => Promise<Service>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (service) => {
      queryClient.setQueryData(serviceKeys.detail(service.id), service);
      return queryClient.invalidateQueries({
        queryKey: serviceKeys.all,
        predicate: (query) => !(query.queryKey[1] === 'detail' && query.queryKey[2] === service.id),
      });
    },
  });
}

export function useCreateService() {
  return useServiceMutation((input: ServiceInput) => servicesApi.create(input));
}

export function useUpdateService(id: string) {
  return useServiceMutation((patch: ServicePatch) => servicesApi.update(id, patch));
}

export function useSetActivity(id: string) {
  return useServiceMutation(({ position, done }: { position: number; done: boolean }) =>
    servicesApi.setActivity(id, position, done),
  );
}
