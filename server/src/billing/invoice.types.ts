import type { Temporal } from 'temporal-polyfill';
import type { InvoiceKind, InvoiceStatus } from '../contracts/contract-tables.types.js';

export type InvoiceRecord = {
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
  issuedAt: Temporal.Instant | null;
  paidAt: Temporal.Instant | null;
  voidedAt: Temporal.Instant | null;
  voidReason: string | null;
  createdAt: Temporal.Instant;
};

export type InvoiceLineRecord = {
  position: number;
  bookingId: string | null;
  visitDate: string | null;
  kind: 'time' | 'nonProRata' | 'callOut' | 'mileage';
  minutes: number | null;
  rateMinor: number | null;
  amountMinor: number;
  explanation: string;
  /** The rating engine's LineSource (rule, option, option set); null on lines from before it was kept. */
  source: unknown;
};
