import type { ColumnType, Generated } from 'kysely';
import type { Temporal } from 'temporal-polyfill';

/** Kysely shapes of the NDIS plan tables (migration 0024), merged into `Database`. */

type DefaultTimestamp = ColumnType<Temporal.Instant, string | undefined, string>;
type LocalDate = ColumnType<string, string, string>;
/** bigint money: read as a string by pg (INT8), written as a number. */
type Money = ColumnType<string, number, number>;

export type NdisPlanTable = {
  organisation_id: string;
  id: Generated<string>;
  client_id: string;
  start_date: LocalDate;
  end_date: LocalDate;
  management: 'ndia' | 'plan' | 'self';
  plan_manager_name: string | null;
  plan_manager_email: string | null;
  created_at: DefaultTimestamp;
};

export type NdisPlanBudgetTable = {
  organisation_id: string;
  id: Generated<string>;
  plan_id: string;
  support_category: string;
  amount_minor: Money;
  service_type_ids: ColumnType<string[], string[] | undefined, string[]>;
};

export type NdisFundingPeriodTable = {
  organisation_id: string;
  id: Generated<string>;
  plan_id: string;
  budget_id: string;
  start_date: LocalDate;
  end_date: LocalDate;
  allocation_minor: Money;
};

export type PlanTables = {
  ndis_plans: NdisPlanTable;
  ndis_plan_budgets: NdisPlanBudgetTable;
  ndis_funding_periods: NdisFundingPeriodTable;
};
