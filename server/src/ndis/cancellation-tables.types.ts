import type { ColumnType, Generated } from 'kysely';
import type { Temporal } from 'temporal-polyfill';

/** Kysely shapes of the NDIS cancellation tables (migration 0024), merged into `Database`. */

type DefaultTimestamp = ColumnType<Temporal.Instant, string | undefined, string>;

export type NdisCancellationRuleTable = {
  organisation_id: string;
  id: Generated<string>;
  service_type_id: string | null;
  effective_from: ColumnType<string, string, string>;
  support_class: 'support_worker' | 'other' | 'custom';
  kind: 'clearBusinessDays' | 'clearDays' | null;
  days: number | null;
  reading: 'calendar' | 'hours' | null;
  opens_at: string | null;
  closes_at: string | null;
  claim_percent: number | null;
  created_at: DefaultTimestamp;
};

export type CancellationTables = {
  ndis_cancellation_rules: NdisCancellationRuleTable;
};
