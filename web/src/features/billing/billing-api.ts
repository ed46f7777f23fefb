import { api, type Query } from '../../api/api-client';
import type { components } from '../../api/openapi.gen';

/** Wire shapes of the billing endpoints (see /api/docs: invoices, contracts). Money is integer minor units. */

export type InvoiceStatus = 'draft' | 'issued' | 'paid' | 'void';
export type InvoiceKind = 'invoice' | 'credit_note';
export type LineKind = 'time' | 'nonProRata' | 'callOut' | 'mileage' | 'stay';

export type OptionSource =
  /** 'assignment' is the engine's name for the client contract. */
  | { from: 'assignment'; setIndex: number; effectiveFrom: string; inheritance: 'overridden' }
  | { from: 'type'; setIndex: number; effectiveFrom: string; inheritance: 'inherited' }
  | { from: 'default'; inheritance: 'inherited' }
  | { from: 'carerContract'; setIndex: number; effectiveFrom: string };

export type RuleRef =
  | { kind: 'default' }
  | {
      kind: 'range';
      rangeIndex: number;
      when: { kind: string; day?: string };
      from: string;
      to: string;
      windowDate: string;
    };

/** The rating engine's structured reason for one line. */
export type LineSource = {
  date: string;
  rule?: RuleRef;
  period?: { from: string; to: string };
  option: { name: string; source: OptionSource };
  via?: { name: string; source: OptionSource };
};

export type PricedLine = {
  kind: LineKind;
  minutes?: number | null;
  rateMinor?: number | null;
  amountMinor: number;
  explanation: string;
  source?: LineSource | null;
};

export type InvoiceLine = PricedLine & {
  position: number;
  bookingId: string | null;
  visitDate: string | null;
  serviceName: string | null;
  taxCode: 'taxable' | 'free' | 'none';
  taxReason: string | null;
  taxMinor: number;
};

export type Invoice = {
  id: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  number: number | null;
  clientId: string;
  recipient: string;
  usesLocalAuthorityReference: boolean;
  periodFrom: string;
  periodTo: string;
  totalMinor: number;
  runId: string | null;
  creditForId: string | null;
  creditNoteId: string | null;
  issuedAt: string | null;
  paidAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  createdAt: string;
  clientName: string;
  billTo: string;
  payerName: string | null;
  clientContractId: string | null;
  subtotalMinor: number;
  taxMinor: number;
  currency: 'AUD' | 'GBP' | null;
  issueDate: string | null;
  dueDate: string | null;
  paymentTermsDays: number | null;
  overdue: boolean;
  daysOverdue: number;
  creditForNumber: number | null;
};

export type InvoiceDetail = Invoice & { lines: InvoiceLine[] };

export type RunProblem = { bookingId: string; clientId: string; errors: { field: string; reason: string }[] };

export type InvoiceRun = {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  periodFrom: string;
  periodTo: string;
  clientId: string | null;
  clientsTotal: number | null;
  clientsDone: number;
  visitsRated: number;
  invoiceCount: number;
  bookingCount: number;
  invoiceIds: string[];
  problems: RunProblem[];
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type InvoiceRunInput = { periodFrom: string; periodTo: string; clientId?: string };

export type BookingPrice = {
  bookingId: string;
  visitDate: string;
  timeZone: string;
  contract: {
    id: string;
    name: string;
    chosen: 'booking' | 'default';
    contractType: { id: string; name: string };
  };
  totalMinor: number;
  lines: PricedLine[];
  /** NDIS: the support item the visit's band picked and its price-limit check. */
  supportItem?: components['schemas']['SupportItemCheck'] | null;
};

export type InvoiceSort = 'newest' | 'number' | 'issueDate' | 'dueDate' | 'total' | 'billTo';

export type InvoiceFilters = {
  status?: InvoiceStatus | null;
  outstanding?: 'true' | null;
  sort?: InvoiceSort | null;
  order?: 'asc' | 'desc' | null;
  clientId?: string | null;
  periodFrom?: string | null;
  periodTo?: string | null;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export type AgingBucket = 'current' | '1-30' | '31-60' | '61-90' | '90+';

export type Receivables = {
  asOf: string;
  outstandingMinor: number;
  outstandingCount: number;
  overdueMinor: number;
  overdueCount: number;
  draftMinor: number;
  paidMinor: number;
  aging: { bucket: AgingBucket; totalMinor: number; count: number }[];
};

export type BillingSettings = {
  legalName: string;
  currency: 'AUD' | 'GBP';
  businessNumber: string | null;
  taxRegistered: boolean;
  address: string;
  email: string | null;
  phone: string | null;
  paymentTermsDays: number;
  bankAccountName: string | null;
  bankBranchCode: string | null;
  bankAccountNumber: string | null;
  logo: string | null;
  configured: boolean;
  updatedAt: string | null;
};

export type BillingSettingsInput = Omit<BillingSettings, 'configured' | 'updatedAt'>;

export const billingApi = {
  invoices: (filters: InvoiceFilters, cursor: string | null) =>
    api.get<Page<Invoice>>('/invoices', { ...filters, cursor, limit: 50 } as Query),
  invoice: (id: string) => api.get<InvoiceDetail>(`/invoices/${id}`),
  issue: (id: string) => api.post<Invoice>(`/invoices/${id}/issue`),
  pay: (id: string) => api.post<Invoice>(`/invoices/${id}/pay`),
  void: (id: string, reason: string) => api.post<Invoice>(`/invoices/${id}/void`, { reason }),
  startRun: (input: InvoiceRunInput) => api.post<InvoiceRun>('/invoice-runs', input),
  run: (id: string) => api.get<InvoiceRun>(`/invoice-runs/${id}`),
  bookingPrice: (bookingId: string) => api.get<BookingPrice>(`/bookings/${bookingId}/price`),
  receivables: () => api.get<Receivables>('/receivables'),
  settings: () => api.get<BillingSettings>('/billing-settings'),
  saveSettings: (input: BillingSettingsInput) => api.put<BillingSettings>('/billing-settings', input),
};

/** The filtered, sorted list as CSV (same-origin link; the session cookie authorises it). */
export function invoiceListCsvUrl(filters: InvoiceFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return `/api/v1/invoices.csv${query ? `?${query}` : ''}`;
}

export const xeroExportUrl = (from: string, to: string) =>
  `/api/v1/exports/xero-sales-invoices.csv?from=${from}&to=${to}`;

/** Same-origin download links (the session cookie authorises them). */
export const invoicePdfUrl = (id: string) => `/api/v1/invoices/${id}.pdf`;
export const invoiceCsvUrl = (id: string) => `/api/v1/invoices/${id}/lines.csv`;
