import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import { findClient } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { DomainError, type FieldIssue, notFound } from '../shared/domain-error.js';
import { clientFundingConflicts, committedDraws } from './funding-check.action.js';
import { allocateBudget, defaultFundingPeriods, periodStatuses } from './funding-periods.js';
import type { FundingCheckInput, PlanInput } from './plan.schemas.js';
import { clientPlans, insertBudget, insertPeriod, insertPlan } from './plan.store.js';

/**
 * Records a client's NDIS plan with its budgets, and each budget's funding periods (3 months by default from
 * May 2025 plans on), each allocated its pro-rata share of the budget.
 */
export async function createPlan(tx: Tx, actor: Actor, clientId: string, input: PlanInput) {
  const org = actor.organisationId;
  if (!(await findClient(tx, org, clientId))) throw notFound('Client');
  const issues: FieldIssue[] = [];
  if (input.endDate < input.startDate)
    issues.push({ field: 'endDate', reason: 'must not be before the start date' });
  if ((input.management === 'plan') !== (input.planManagerName !== null))
    issues.push({
      field: 'planManagerName',
      reason:
        input.management === 'plan'
          ? 'is required for a plan-managed plan'
          : 'applies only to a plan-managed plan',
    });
  const seen = new Set<string>();
  input.budgets.forEach((b, i) => {
    const key = b.supportCategory.toLowerCase();
    if (seen.has(key))
      issues.push({ field: `budgets.${i}.supportCategory`, reason: 'is already a budget of this plan' });
    seen.add(key);
  });
  if (issues.length > 0) throw new DomainError('invalid', 'The plan is not valid', issues);
  const planId = await insertPlan(tx, org, { clientId, ...input });
  const ranges = defaultFundingPeriods(input, input.periodMonths);
  for (const b of input.budgets) {
    const budgetId = await insertBudget(tx, org, planId, b);
    const allocations = allocateBudget(b.amountMinor, ranges);
    for (const [i, r] of ranges.entries())
      await insertPeriod(tx, org, planId, { ...r, budgetId, allocationMinor: allocations[i]! });
  }
  const after = await clientFunding(tx, actor, clientId);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'ndis_plan',
    entityId: planId,
    after: after.plans.find((p) => p.id === planId),
  });
  return after;
}

/** The client's plans and each funding period's allocation, committed, delivered, claimed, remaining, projection. */
export async function clientFunding(tx: Tx, actor: Actor, clientId: string) {
  const org = actor.organisationId;
  const plans = await clientPlans(tx, org, clientId);
  const out = [];
  for (const p of plans) {
    // Contract-priced visits commit the rating engine's price (session estimates and deliveries as stored).
    const draws = await committedDraws(tx, org, clientId, p.plan);
    out.push({
      ...p.plan,
      budgets: p.budgets.map((b) => ({ ...b, serviceTypeIds: [...b.serviceTypeIds] })),
      periods: periodStatuses(p.periods, p.budgets, draws),
    });
  }
  return { clientId, plans: out };
}

/**
 * The funding check a booking or a series runs before it is written (soft: overridden with a reason): each
 * funding period the occurrences take over its allocation, naming the period, the budget and the shortfall.
 */
export async function checkFunding(tx: Tx, actor: Actor, clientId: string, input: FundingCheckInput) {
  if (!(await findClient(tx, actor.organisationId, clientId))) throw notFound('Client');
  return { conflicts: await clientFundingConflicts(tx, actor.organisationId, clientId, input.occurrences) };
}
