import type { ColumnType, Generated } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { CarerContractOptions, ContractOptions, OptionSet } from './rating.types.js';

/** Kysely shapes of the contracts-and-billing tables (migrations 0004, 0006, 0010), merged into `Database`. */

type DefaultTimestamp = ColumnType<Temporal.Instant, string | undefined, string>;
type NullableTimestamp = ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
type LocalDate = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;
/** bigint columns are read as strings (see database.ts). */
type BigintMinor = ColumnType<string, number | undefined, number>;

export type ContractCategory = 'private' | 'local_authority' | 'ndis' | 'other';
export type InvoiceKind = 'invoice' | 'credit_note';
export type InvoiceStatus = 'draft' | 'issued' | 'paid' | 'void';
export type CalendarDayKind = 'public_holiday' | 'special_day';

export type ContractTypeTable = {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  category: ContractCategory;
  option_sets: Json<OptionSet<ContractOptions>[]>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** 0010: who pays (a local authority) and why its services carry no GST/VAT. */
  payer_name: ColumnType<string | null, string | null | undefined, string | null>;
  payer_address: ColumnType<string | null, string | null | undefined, string | null>;
  tax_free_reason: ColumnType<string | null, string | null | undefined, string | null>;
};

export type ClientContractTable = {
  organisation_id: string;
  id: Generated<string>;
  client_id: string;
  contract_type_id: string;
  name: string;
  start_date: LocalDate;
  end_date: LocalDate | null;
  is_default: Generated<boolean>;
  option_sets: Json<OptionSet<ContractOptions>[]>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** 0010: payment terms instead of the organisation's. */
  payment_terms_days: ColumnType<number | null, number | null | undefined, number | null>;
};

export type CarerContractTable = {
  organisation_id: string;
  staff_id: string;
  option_sets: Json<OptionSet<CarerContractOptions>[]>;
  updated_at: DefaultTimestamp;
};

export type CalendarDayTable = {
  organisation_id: string;
  id: Generated<string>;
  region: string;
  date: LocalDate;
  kind: CalendarDayKind;
  name: string;
  created_at: DefaultTimestamp;
};

export type InvoiceRunTable = {
  organisation_id: string;
  id: Generated<string>;
  period_from: LocalDate;
  period_to: LocalDate;
  client_id: string | null;
  status: Generated<'queued' | 'running' | 'completed' | 'failed'>;
  invoice_count: Generated<number>;
  booking_count: Generated<number>;
  problems: ColumnType<unknown, string | undefined, string>;
  created_by_user_id: string;
  created_at: DefaultTimestamp;
  client_ids: ColumnType<unknown, string | null | undefined, string | null>;
  clients_done: Generated<number>;
  visits_rated: Generated<number>;
  attempts: Generated<number>;
  locked_until: NullableTimestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  error: string | null;
};

export type InvoiceTable = {
  organisation_id: string;
  id: Generated<string>;
  client_id: string;
  run_id: string | null;
  kind: Generated<InvoiceKind>;
  status: Generated<InvoiceStatus>;
  number: number | null;
  period_from: LocalDate;
  period_to: LocalDate;
  recipient: string;
  uses_local_authority_reference: Generated<boolean>;
  total_minor: BigintMinor;
  credit_for_id: string | null;
  issued_at: NullableTimestamp;
  paid_at: NullableTimestamp;
  voided_at: NullableTimestamp;
  void_reason: string | null;
  created_by_user_id: string;
  created_at: DefaultTimestamp;
  /** 0010 */
  client_contract_id: ColumnType<string | null, string | null | undefined, string | null>;
  tax_minor: ColumnType<string, number | undefined, number>;
  issue_date: ColumnType<string | null, string | null | undefined, string | null>;
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
  payment_terms_days: ColumnType<number | null, number | null | undefined, number | null>;
  issued_details: ColumnType<unknown, string | null | undefined, string | null>;
};

export type InvoiceLineTable = {
  organisation_id: string;
  invoice_id: string;
  position: number;
  booking_id: string | null;
  visit_date: LocalDate | null;
  kind: 'time' | 'nonProRata' | 'callOut' | 'mileage' | 'stay';
  minutes: number | null;
  rate_minor: number | null;
  amount_minor: BigintMinor;
  explanation: string;
  source: ColumnType<unknown, string | null | undefined, string | null>;
  tax_code: ColumnType<TaxCode, TaxCode | undefined, TaxCode>;
  tax_reason: ColumnType<string | null, string | null | undefined, string | null>;
  tax_minor: ColumnType<string, number | undefined, number>;
  service_name: ColumnType<string | null, string | null | undefined, string | null>;
};

/** 'taxable': GST 10% (AUD) or VAT 20% (GBP); 'free': GST-free or VAT-exempt with a reason; 'none': unregistered. */
export type TaxCode = 'taxable' | 'free' | 'none';

export type OrganisationBillingSettingsTable = {
  organisation_id: string;
  legal_name: string;
  currency: 'AUD' | 'GBP';
  business_number: string | null;
  tax_registered: boolean;
  address: string;
  email: string | null;
  phone: string | null;
  payment_terms_days: number;
  bank_account_name: string | null;
  bank_branch_code: string | null;
  bank_account_number: string | null;
  logo: Buffer | null;
  logo_type: 'image/png' | 'image/jpeg' | null;
  updated_at: DefaultTimestamp;
};

/** One row per invoiced client participant (a group is invoiced once per client). */
export type InvoicedBookingTable = {
  organisation_id: string;
  booking_id: string;
  participant_id: string;
  invoice_id: string;
};

export type InvoiceCounterTable = { organisation_id: string; next_number: Generated<number> };

/** Columns 0004 adds to existing tables; intersected with their own table types in `Database`. */
export type ClientRegionColumn = { region: string | null };

export type ContractTables = {
  contract_types: ContractTypeTable;
  client_contracts: ClientContractTable;
  carer_contracts: CarerContractTable;
  calendar_days: CalendarDayTable;
  invoice_runs: InvoiceRunTable;
  invoices: InvoiceTable;
  organisation_billing_settings: OrganisationBillingSettingsTable;
  invoice_lines: InvoiceLineTable;
  invoiced_bookings: InvoicedBookingTable;
  invoice_counters: InvoiceCounterTable;
  clients: ClientRegionColumn;
  invoiced_stay_nights: InvoicedStayNightTable;
};

/** A stay service's night on a live invoice (0027): written by billing's runs, released on void. */
export type InvoicedStayNightTable = {
  organisation_id: string;
  stay_service_id: string;
  night: ColumnType<string, string, string>;
  invoice_id: string;
};
