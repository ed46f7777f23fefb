import type { ColumnType, Generated } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { ItemUnit, PriceZone, TimeBand } from './catalogue.types.js';

/** Kysely shapes of the NDIS catalogue and claim tables (migration 0023), merged into `Database`. */

type DefaultTimestamp = ColumnType<Temporal.Instant, string | undefined, string>;
type NullableTimestamp = ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
type LocalDate = ColumnType<string, string, string>;
type Opt<T> = ColumnType<T, T | undefined, T>;

export type NdisSupportItemTable = {
  organisation_id: string;
  id: Generated<string>;
  number: string;
  name: string;
  unit: ItemUnit;
  registration_group_number: string | null;
  registration_group_name: string | null;
  support_category_number: string | null;
  support_category_name: string | null;
  quote: Opt<boolean>;
  starts_on: LocalDate;
  ends_on: ColumnType<string | null, string | null, string | null>;
  non_face_to_face: Opt<boolean>;
  provider_travel: Opt<boolean>;
  short_notice_cancellation: Opt<boolean>;
  ndia_requested_reports: Opt<boolean>;
  irregular_sil: Opt<boolean>;
  therapy: Opt<boolean>;
  item_type: string | null;
  source: string | null;
  created_at: DefaultTimestamp;
};

export type NdisSupportItemPriceTable = {
  organisation_id: string;
  support_item_id: string;
  zone: PriceZone;
  price_minor: number;
};

export type NdisTimeBandItemTable = {
  organisation_id: string;
  family: string;
  band: TimeBand;
  item_number: string;
};

export type NdisClaimSettingsTable = {
  organisation_id: string;
  registration_number: string | null;
  abn: string | null;
  price_limit_mode: Opt<'warn' | 'refuse'>;
  gst_code: Opt<'P1' | 'P2' | 'P5'>;
  suffixed_items_from: ColumnType<string, string | undefined, string>;
  non_labour_travel_item: string | null;
  transport_item: string | null;
  funding_overrun_mode: Opt<'override' | 'refuse'>;
  updated_at: DefaultTimestamp;
};

export type NdisClaimFileTable = {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  row_count: number;
  registration_number: string;
  period_from: LocalDate;
  period_to: LocalDate;
  created_by_user_id: string;
  created_at: DefaultTimestamp;
  results_imported_at: NullableTimestamp;
};

export type NdisClaimLineTable = {
  organisation_id: string;
  id: Generated<string>;
  file_id: string;
  delivered_service_id: string | null;
  client_id: string;
  position: number;
  ndis_number: string;
  delivered_from: LocalDate;
  delivered_to: LocalDate;
  support_number: string;
  claim_reference: string;
  quantity_hundredths: number | null;
  hours_minutes: number | null;
  unit_price_minor: number;
  amount_minor: number;
  gst_code: 'P1' | 'P2' | 'P5';
  claim_type: 'CANC' | 'REPW' | 'TRAN' | 'NF2F' | null;
  cancellation_reason: 'NSDH' | 'NSDF' | 'NSDT' | 'NSDO' | null;
  abn: string;
  explanation: string;
  warning: string | null;
  status: Opt<'exported' | 'paid' | 'rejected'>;
  paid_amount_minor: number | null;
  capped_price_minor: number | null;
  payment_request_number: string | null;
  error_message: string | null;
  result_at: NullableTimestamp;
};

/** How a delivered service record was provided, for its claim type (migration 0032). */
export type NdisRecordClaimTypeTable = {
  organisation_id: string;
  delivered_service_id: string;
  claim_type: 'NF2F' | 'REPW';
  set_by_user_id: string;
  set_at: DefaultTimestamp;
};

export type NdisCatalogueTables = {
  ndis_support_items: NdisSupportItemTable;
  ndis_support_item_prices: NdisSupportItemPriceTable;
  ndis_time_band_items: NdisTimeBandItemTable;
  ndis_claim_settings: NdisClaimSettingsTable;
  ndis_claim_files: NdisClaimFileTable;
  ndis_claim_lines: NdisClaimLineTable;
  ndis_record_claim_types: NdisRecordClaimTypeTable;
};
