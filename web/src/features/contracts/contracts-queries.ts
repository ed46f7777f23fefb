import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/problem';
import {
  type CalendarDayInput,
  type ContractInput,
  type ContractTypeInput,
  contractsApi,
  type OptionSet,
} from './contracts-api';

export const contractKeys = {
  types: ['contract-types'] as const,
  type: (id: string) => ['contract-types', id] as const,
  client: (clientId: string) => ['client-contracts', clientId] as const,
  region: (clientId: string) => ['client-region', clientId] as const,
  timeline: (contractId: string, from: string, to: string) =>
    ['contract-timeline', contractId, from, to] as const,
  carer: (staffId: string) => ['carer-contract', staffId] as const,
  calendar: ['calendar-days'] as const,
};

export function useContractTypes(enabled = true) {
  return useQuery({ queryKey: contractKeys.types, queryFn: contractsApi.types, enabled });
}

export function useContractType(id: string | null) {
  return useQuery({
    queryKey: contractKeys.type(id ?? ''),
    queryFn: () => contractsApi.type(id ?? ''),
    enabled: !!id,
  });
}

export function useSaveContractType(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ContractTypeInput) =>
      id ? contractsApi.saveType(id, input) : contractsApi.createType(input),
    onSuccess: (saved) => {
      queryClient.setQueryData(contractKeys.type(saved.id), saved);
      // Client contracts inherit from the type: their timelines change with it.
      void queryClient.invalidateQueries({ queryKey: ['contract-timeline'] });
      return queryClient.invalidateQueries({ queryKey: contractKeys.types, exact: true });
    },
  });
}

export function useClientContracts(clientId: string) {
  return useQuery({
    queryKey: contractKeys.client(clientId),
    queryFn: () => contractsApi.clientContracts(clientId),
  });
}

export function useSaveContract(clientId: string, contractId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ContractInput) =>
      contractId
        ? contractsApi.saveContract(contractId, input)
        : contractsApi.createContract(clientId, input),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['contract-timeline', saved.id] });
      void queryClient.invalidateQueries({ queryKey: contractKeys.types });
      return queryClient.invalidateQueries({ queryKey: contractKeys.client(clientId) });
    },
  });
}

export function useMakeDefaultContract(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contractId: string) => contractsApi.makeDefault(contractId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contractKeys.client(clientId) }),
  });
}

export function useContractTimeline(contractId: string, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: contractKeys.timeline(contractId, from, to),
    queryFn: () => contractsApi.timeline(contractId, { from, to }),
    enabled: enabled && from !== '' && to !== '' && from < to,
    placeholderData: (previous) => previous,
  });
}

export function useClientRegion(clientId: string) {
  return useQuery({
    queryKey: contractKeys.region(clientId),
    queryFn: () => contractsApi.clientRegion(clientId),
  });
}

export function useSetClientRegion(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (region: string | null) => contractsApi.setClientRegion(clientId, region),
    onSuccess: (saved) => queryClient.setQueryData(contractKeys.region(clientId), saved),
  });
}

/** The staff member's carer contract, or null when they have none yet (the API answers 404). */
export function useCarerContract(staffId: string) {
  return useQuery({
    queryKey: contractKeys.carer(staffId),
    queryFn: async () => {
      try {
        return await contractsApi.carerContract(staffId);
      } catch (error) {
        if (isApiError(error) && error.status === 404 && /carer contract/i.test(error.message)) return null;
        throw error;
      }
    },
  });
}

export function useSaveCarerContract(staffId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (optionSets: OptionSet[]) => contractsApi.saveCarerContract(staffId, optionSets),
    onSuccess: (saved) => queryClient.setQueryData(contractKeys.carer(staffId), saved),
  });
}

export function useCalendarDays() {
  return useQuery({ queryKey: contractKeys.calendar, queryFn: () => contractsApi.calendarDays() });
}

export function useAddCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CalendarDayInput) => contractsApi.addCalendarDay(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contractKeys.calendar }),
  });
}

export function useRemoveCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => contractsApi.removeCalendarDay(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contractKeys.calendar }),
  });
}
