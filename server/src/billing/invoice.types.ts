import type { Temporal } from 'temporal-polyfill';
import type { InvoiceKind, InvoiceStatus, TaxCode } from '../contracts/contract-tables.types.js';

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
  clientName: string;
  clientContractId: string | null;
  /** The local authority (or other payer) named on the contract type, when it is not the client. */
  payerName: string | null;
  taxMinor: number;
  issueDate: string | null;
  dueDate: string | null;
  paymentTermsDays: number | null;
  creditForNumber: number | null;
  issuedDetails: IssuedDetails | null;
};

/** Who issued the invoice to whom, as it stood when issued. */
export type IssuedDetails = {
  supplier: {
    legalName: string;
    businessNumber: string | null;
    taxRegistered: boolean;
    currency: 'AUD' | 'GBP';
    address: string;
    email: string | null;
    phone: string | null;
    bankAccountName: string | null;
    bankBranchCode: string | null;
    bankAccountNumber: string | null;
  };
  billTo: {
    /** The local authority (or other payer) when it is not the client. */
    payerName: string | null;
    /** Who the invoice is addressed to: the payer, or the client. */
    name: string;
    address: string | null;
    /** The client's name, unless the contract asks for the local-authority reference instead. */
    clientName: string | null;
    clientReference: string | null;
    ndisNumber: string | null;
  };
  timeZone: string;
};

export type InvoiceLineRecord = {
  position: number;
  bookingId: string | null;
  visitDate: string | null;
  kind: 'time' | 'nonProRata' | 'callOut' | 'mileage' | 'stay';
  minutes: number | null;
  rateMinor: number | null;
  amountMinor: number;
  explanation: string;
  /** The rating engine's LineSource (rule, option, option set); null on lines from before it was kept. */
  source: unknown;
  taxCode: TaxCode;
  taxReason: string | null;
  taxMinor: number;
  serviceName: string | null;
};
