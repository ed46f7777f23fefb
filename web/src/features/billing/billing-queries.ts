import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type BillingSettingsInput,
  billingApi,
  type Invoice,
  type InvoiceFilters,
  type InvoiceRunInput,
} from './billing-api';

export const billingKeys = {
  invoices: ['invoices'] as const,
  list: (filters: InvoiceFilters) => ['invoices', 'list', filters] as const,
  detail: (id: string) => ['invoices', 'detail', id] as const,
  run: (id: string) => ['invoice-runs', id] as const,
  price: (bookingId: string) => ['bookings', 'price', bookingId] as const,
  receivables: ['invoices', 'receivables'] as const,
  settings: ['billing-settings'] as const,
};

/** Under `invoices`, so every issue, pay, void and run refreshes it. */
export function useReceivables() {
  return useQuery({ queryKey: billingKeys.receivables, queryFn: billingApi.receivables });
}

export function useBillingSettings() {
  return useQuery({ queryKey: billingKeys.settings, queryFn: billingApi.settings });
}

export function useSaveBillingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BillingSettingsInput) => billingApi.saveSettings(input),
    onSuccess: (saved) => queryClient.setQueryData(billingKeys.settings, saved),
  });
}

export function useInvoices(filters: InvoiceFilters) {
  return useInfiniteQuery({
    queryKey: billingKeys.list(filters),
    queryFn: ({ pageParam }) => billingApi.invoices(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
}

export function useInvoice(id: string | null) {
  return useQuery({
    queryKey: billingKeys.detail(id ?? ''),
    queryFn: () => billingApi.invoice(id ?? ''),
    enabled: !!id,
  });
}

/** Issue, pay or void: every list and detail may change (a void also creates a credit note). */
export function useInvoiceAction<TArgs>(mutationFn: (args: TArgs) => Promise<Invoice>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: billingKeys.invoices }),
        // Invoiced bookings are frozen; voided ones are freed.
        queryClient.invalidateQueries({ queryKey: ['bookings'] }),
      ]),
  });
}

export function useStartInvoiceRun() {
  return useMutation({ mutationFn: (input: InvoiceRunInput) => billingApi.startRun(input) });
}

/** Polls while the run is queued or running. */
export function useInvoiceRun(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: billingKeys.run(id ?? ''),
    queryFn: async () => {
      const run = await billingApi.run(id ?? '');
      if (run.status === 'completed' || run.status === 'failed')
        await queryClient.invalidateQueries({ queryKey: billingKeys.invoices });
      return run;
    },
    enabled: !!id,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'completed' || status === 'failed' ? false : 500;
    },
  });
}

export function useBookingPrice(bookingId: string, enabled = true) {
  return useQuery({
    queryKey: billingKeys.price(bookingId),
    queryFn: () => billingApi.bookingPrice(bookingId),
    enabled,
    retry: false,
  });
}
