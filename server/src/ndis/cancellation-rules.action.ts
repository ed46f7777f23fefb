import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { listCalendarDays } from '../contracts/contract.store.js';
import { addCalendarDay } from '../contracts/contracts.action.js';
import type { Actor } from '../identity/actor.js';
import { pgErrorCode, type Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { publicHolidays } from '../shared/public-holidays.js';
import type { CancellationRuleInput } from './cancellation.schemas.js';
import { holidayRegionOf } from './cancellation-decision.js';
import {
  type CancellationRuleRecord,
  deleteCancellationRule,
  insertCancellationRule,
  listCancellationRules,
} from './cancellation-rule.store.js';

export function cancellationRules(tx: Tx, actor: Actor): Promise<CancellationRuleRecord[]> {
  return listCancellationRules(tx, actor.organisationId);
}

/** Adds a dated rule for a service type (or every service): it judges supports from its date on. */
export async function addCancellationRule(
  tx: Tx,
  actor: Actor,
  input: CancellationRuleInput,
): Promise<CancellationRuleRecord> {
  let id: string;
  try {
    id = await insertCancellationRule(tx, actor.organisationId, input);
  } catch (error) {
    const code = pgErrorCode(error);
    if (code === '23505')
      throw conflict(`A cancellation rule for this service already starts on ${input.effectiveFrom}`);
    if (code === '23503') throw invalid('serviceTypeId', 'is not a service type of this organisation');
    throw error;
  }
  const after = { id, ...input };
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'ndis_cancellation_rule',
    entityId: id,
    after,
  });
  return after;
}

export async function removeCancellationRule(tx: Tx, actor: Actor, id: string): Promise<void> {
  const before = await deleteCancellationRule(tx, actor.organisationId, id);
  if (!before) throw notFound('Cancellation rule');
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'delete',
    entityType: 'ndis_cancellation_rule',
    entityId: id,
    before,
  });
}

/**
 * Copies a state's public holidays for a year from date-holidays into the organisation's regional calendar
 * (then edited there like any other day); days already in the calendar are left as they are.
 */
export async function importPublicHolidays(
  tx: Tx,
  actor: Actor,
  region: string,
  year: number,
): Promise<{ added: { date: string; name: string }[]; kept: number }> {
  const source = holidayRegionOf(region);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const known = source ? publicHolidays(source, from, to) : [];
  if (known.length === 0)
    throw invalid(
      'region',
      'is not a state or country whose public holidays are known (for example NSW or AU-VIC)',
    );
  const existing = new Set(
    (await listCalendarDays(tx, actor.organisationId, { region, from, to }))
      .filter((d) => d.kind === 'public_holiday')
      .map((d) => d.date),
  );
  const added: { date: string; name: string }[] = [];
  for (const h of known) {
    if (existing.has(h.date)) continue;
    await addCalendarDay(tx, actor, { region, date: h.date, kind: 'public_holiday', name: h.name });
    added.push(h);
  }
  return { added, kept: existing.size };
}
