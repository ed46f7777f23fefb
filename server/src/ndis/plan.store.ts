import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { pgErrorCode, type Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { BudgetRef, DateRange, FundingDraw, PeriodRef } from './funding-periods.js';

export type PlanRecord = DateRange & {
  id: string;
  clientId: string;
  management: 'ndia' | 'plan' | 'self';
  planManagerName: string | null;
  planManagerEmail: string | null;
};

export type PlanWrite = Omit<PlanRecord, 'id'>;

export async function insertPlan(tx: Tx, org: string, p: PlanWrite): Promise<string> {
  try {
    const row = await tx
      .insertInto('ndis_plans')
      .values({
        organisation_id: org,
        client_id: p.clientId,
        start_date: p.startDate,
        end_date: p.endDate,
        management: p.management,
        plan_manager_name: p.planManagerName,
        plan_manager_email: p.planManagerEmail,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    if (pgErrorCode(error) === '23P01')
      throw conflict('The client already has an NDIS plan for some of these dates');
    throw error;
  }
}

export async function insertBudget(
  tx: Tx,
  org: string,
  planId: string,
  b: { supportCategory: string; amountMinor: number; serviceTypeIds: string[] },
): Promise<string> {
  const row = await tx
    .insertInto('ndis_plan_budgets')
    .values({
      organisation_id: org,
      plan_id: planId,
      support_category: b.supportCategory,
      amount_minor: b.amountMinor,
      service_type_ids: b.serviceTypeIds,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertPeriod(
  tx: Tx,
  org: string,
  planId: string,
  p: Omit<PeriodRef, 'id'>,
): Promise<string> {
  const row = await tx
    .insertInto('ndis_funding_periods')
    .values({
      organisation_id: org,
      plan_id: planId,
      budget_id: p.budgetId,
      start_date: p.startDate,
      end_date: p.endDate,
      allocation_minor: p.allocationMinor,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function clientPlans(tx: Tx, org: string, clientId: string) {
  const plans = await tx
    .selectFrom('ndis_plans')
    .where('organisation_id', '=', org)
    .where('client_id', '=', clientId)
    .select([
      'id',
      'client_id as clientId',
      'start_date as startDate',
      'end_date as endDate',
      'management',
      'plan_manager_name as planManagerName',
      'plan_manager_email as planManagerEmail',
    ])
    .orderBy('start_date')
    .execute();
  if (plans.length === 0) return [];
  const ids = plans.map((p) => p.id);
  const [budgets, periods] = await Promise.all([
    tx
      .selectFrom('ndis_plan_budgets')
      .where('organisation_id', '=', org)
      .where('plan_id', 'in', ids)
      .select(['id', 'plan_id', 'support_category', 'amount_minor', 'service_type_ids'])
      .orderBy('support_category')
      .execute(),
    tx
      .selectFrom('ndis_funding_periods')
      .where('organisation_id', '=', org)
      .where('plan_id', 'in', ids)
      .select(['id', 'plan_id', 'budget_id', 'start_date', 'end_date', 'allocation_minor'])
      .orderBy('start_date')
      .execute(),
  ]);
  return plans.map((p) => ({
    plan: p as PlanRecord,
    budgets: budgets
      .filter((b) => b.plan_id === p.id)
      .map((b): BudgetRef & { amountMinor: number } => ({
        id: b.id,
        supportCategory: b.support_category,
        serviceTypeIds: b.service_type_ids,
        amountMinor: Number(b.amount_minor),
      })),
    periods: periods
      .filter((x) => x.plan_id === p.id)
      .map(
        (x): PeriodRef => ({
          id: x.id,
          budgetId: x.budget_id,
          startDate: x.start_date,
          endDate: x.end_date,
          allocationMinor: Number(x.allocation_minor),
        }),
      ),
  }));
}

/**
 * Locks the client's funding periods that cover any of `dates` (in id order, so concurrent writers never
 * deadlock), to the end of the transaction: the booking check reads what is committed after the lock, so two
 * bookings that each fit alone but not together are judged one after the other.
 */
export async function lockClientPeriods(tx: Tx, org: string, clientId: string, dates: readonly string[]) {
  if (dates.length === 0) return;
  await sql`SELECT f.id FROM ndis_funding_periods f
    JOIN ndis_plans p ON p.organisation_id = f.organisation_id AND p.id = f.plan_id
    WHERE f.organisation_id = ${org} AND p.client_id = ${clientId}
      AND EXISTS (SELECT 1 FROM unnest(${dates}::date[]) AS d(day) WHERE d.day BETWEEN f.start_date AND f.end_date)
    ORDER BY f.id
    FOR UPDATE OF f`.execute(tx);
}

/** A booked visit with no estimate from a session's services: ndis/ rates it by its contract. */
export type UnratedDraw = {
  bookingId: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  contractId: string | null;
  staffId: string | null;
};

/**
 * The client's draws on funding between two dates (local dates of the booking's zone): what was delivered
 * (delivered records, including cancellation charges), and for a place still booked, the estimate from the
 * session's services (hourly rate × planned duration ÷ ratio, rounded half up per service); a booked visit
 * with no such estimate comes with `unrated` for its contract's price. Claimed: what its claim lines claim
 * (paid lines at the amount paid; rejected lines claim nothing).
 */
export async function clientDraws(
  tx: Tx,
  org: string,
  clientId: string,
  range: DateRange,
): Promise<(FundingDraw & { unrated: UnratedDraw | null })[]> {
  const rows = await sql<{
    booking_id: string;
    date: string;
    service_type_id: string | null;
    status: 'booked' | 'delivered';
    amount: string | null;
    claimed: string | null;
    starts_at: Temporal.Instant;
    ends_at: Temporal.Instant;
    contract_id: string | null;
    staff_id: string | null;
  }>`
    SELECT b.id AS booking_id, (b.starts_at AT TIME ZONE b.time_zone)::date::text AS date, b.service_type_id,
           CASE WHEN d.amount IS NOT NULL THEN 'delivered' ELSE 'booked' END AS status,
           COALESCE(d.amount, e.amount)::text AS amount, c.amount::text AS claimed,
           b.starts_at, b.ends_at, cd.contract_id, ap.staff_id
    FROM booking_participants bp
    JOIN bookings b ON b.organisation_id = bp.organisation_id AND b.id = bp.booking_id
    LEFT JOIN client_deliveries cd ON cd.organisation_id = bp.organisation_id AND cd.participant_id = bp.id
    LEFT JOIN booking_participants ap ON ap.organisation_id = b.organisation_id AND ap.booking_id = b.id
      AND ap.participant_type = 'staff' AND ap.is_lead
    LEFT JOIN LATERAL (
      SELECT sum(ds.amount_minor) AS amount FROM delivered_services ds
      WHERE ds.organisation_id = bp.organisation_id AND ds.participant_id = bp.id) d ON true
    LEFT JOIN LATERAL (
      SELECT sum(COALESCE(cl.paid_amount_minor, cl.amount_minor)) AS amount
      FROM delivered_services ds
      JOIN ndis_claim_lines cl ON cl.organisation_id = ds.organisation_id AND cl.delivered_service_id = ds.id
      WHERE ds.organisation_id = bp.organisation_id AND ds.participant_id = bp.id AND cl.status <> 'rejected') c
      ON true
    LEFT JOIN LATERAL (
      SELECT sum(round(s.hourly_rate_minor * extract(epoch FROM b.ends_at - b.starts_at) / 3600.0 / s.ratio)) AS amount
      FROM booking_services s
      WHERE s.organisation_id = b.organisation_id AND s.booking_id = b.id
        AND (s.client_id IS NULL OR s.client_id = bp.client_id) AND s.hourly_rate_minor IS NOT NULL) e
      ON b.status = 'booked' AND bp.status = 'booked'
    WHERE bp.organisation_id = ${org} AND bp.client_id = ${clientId} AND bp.participant_type = 'client'
      AND (b.starts_at AT TIME ZONE b.time_zone)::date BETWEEN ${range.startDate}::date AND ${range.endDate}::date
      AND (d.amount IS NOT NULL OR (b.status = 'booked' AND bp.status = 'booked'))
    ORDER BY b.starts_at`.execute(tx);
  return rows.rows.map((r) => ({
    bookingId: r.booking_id,
    date: r.date,
    serviceTypeId: r.service_type_id,
    status: r.status,
    amountMinor: Number(r.amount ?? 0),
    claimedMinor: Number(r.claimed ?? 0),
    unrated:
      r.amount === null
        ? {
            bookingId: r.booking_id,
            startsAt: r.starts_at,
            endsAt: r.ends_at,
            contractId: r.contract_id,
            staffId: r.staff_id,
          }
        : null,
  }));
}
