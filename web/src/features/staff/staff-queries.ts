import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { rolesApi, type StaffFilters, staffApi } from '../../api/endpoints';
import type { StaffInput } from '../../api/types';

export function useStaffList(filters: StaffFilters) {
  return useInfiniteQuery({
    queryKey: ['staff', 'list', filters],
    queryFn: ({ pageParam }) => staffApi.list(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
}

export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => rolesApi.list() });
}

export function useSaveStaff(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StaffInput) => (id ? staffApi.update(id, input) : staffApi.create(input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}
