import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { plansApi } from '../../api/endpoints';
import type { DeployInput, PlanInput, ServicePlan } from '../../api/types';
import { serviceKeys } from '../services/services-queries';

export const planKeys = {
  all: ['service-plans'] as const,
  list: (includeArchived: boolean) => ['service-plans', 'list', includeArchived] as const,
  detail: (id: string) => ['service-plans', 'detail', id] as const,
};

export function usePlans(includeArchived: boolean, enabled = true) {
  return useQuery({
    queryKey: planKeys.list(includeArchived),
    queryFn: () => plansApi.list(includeArchived),
    enabled,
  });
}

export function usePlan(id: string | null) {
  return useQuery({
    queryKey: planKeys.detail(id ?? ''),
    queryFn: () => plansApi.get(id ?? ''),
    enabled: !!id,
  });
}

function usePlanMutation<TArgs>(mutationFn: (args: TArgs) => Promise<ServicePlan>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (plan) => {
      queryClient.setQueryData(planKeys.detail(plan.id), plan);
      return queryClient.invalidateQueries({ queryKey: ['service-plans', 'list'] });
    },
  });
}

export function useCreatePlan() {
  return usePlanMutation((input: PlanInput) => plansApi.create(input));
}

export function useSavePlan(id: string) {
  return usePlanMutation((input: PlanInput) => plansApi.save(id, input));
}

export function useArchivePlan(id: string) {
  return usePlanMutation((archived: boolean) => (archived ? plansApi.archive(id) : plansApi.restore(id)));
}

export function useDeletePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => plansApi.remove(id),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: planKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: ['service-plans', 'list'] });
    },
  });
}

export function useDeployPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, input }: { planId: string; input: DeployInput }) => plansApi.deploy(planId, input),
    onSuccess: (result) => {
      queryClient.setQueryData(serviceKeys.detail(result.firstService.id), result.firstService);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.all }),
        queryClient.invalidateQueries({
          queryKey: serviceKeys.all,
          predicate: (query) => query.queryKey[1] !== 'detail',
        }),
      ]);
    },
  });
}
