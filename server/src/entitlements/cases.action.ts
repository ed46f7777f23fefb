import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import { findClientZone } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { isHolidayRegion } from '../shared/public-holidays.js';
import {
  type CaseInput,
  type CaseRow,
  casesOfClient,
  entriesOf,
  findCase,
  findRequest,
  insertCase,
  insertEntry,
  requestsOf,
} from './case.store.js';
import { balanceIn, windowFor } from './entitlement-rules.js';
import { termsOf, toEntries } from './ledger-view.js';

export async function clientZoneOf(tx: Tx, actor: Actor, clientId: string) {
  const client = await findClientZone(tx, actor.organisationId, clientId);
  if (!client) throw notFound('Client');
  return client;
}

/** A case and its client's zone, locked when the caller is about to write against its balance. */
export async function loadCase(tx: Tx, actor: Actor, caseId: string, forUpdate = false) {
  const c = await findCase(tx, actor.organisationId, caseId, forUpdate);
  if (!c) throw notFound('Case');
  const client = await clientZoneOf(tx, actor, c.clientId);
  return { c, client };
}

/** The balance of the window a session on `day` counts in, with the ledger behind it. */
export async function balanceOn(tx: Tx, actor: Actor, c: CaseRow, day: string) {
  const rows = await entriesOf(tx, actor.organisationId, c.id);
  const entries = toEntries(rows);
  const w = windowFor(termsOf(c), entries, day);
  return {
    rows,
    entries,
    ...('window' in w
      ? { balance: balanceIn(entries, w.window), refusal: null }
      : { balance: null, refusal: w.refusal }),
  };
}

export async function openCase(tx: Tx, actor: Actor, clientId: string, input: CaseInput) {
  await clientZoneOf(tx, actor, clientId);
  if (input.countingWindow === 'per_referral' && input.expiresOn === null)
    throw invalid('expiresOn', 'is needed when sessions count per referral');
  if (input.countingWindow !== 'per_referral' && input.expiresOn !== null)
    throw invalid('expiresOn', 'is only for cases counted per referral');
  if (input.expiresOn !== null && input.expiresOn < input.openedOn)
    throw invalid('expiresOn', 'must not be before the case opens');
  if (!isHolidayRegion(input.funderRegion))
    throw invalid('funderRegion', 'is not a known country or state, e.g. "AU-NSW"');
  const c = await insertCase(tx, actor.organisationId, clientId, input);
  await insertEntry(tx, actor.organisationId, {
    caseId: c.id,
    kind: 'grant',
    sessions: input.allowedSessions,
    reason: `${input.allowedSessions} sessions allotted by ${input.funder} for ${input.issue}${input.countingWindow === 'per_year' ? ', each calendar year' : ''}`,
    bookingId: null,
    effectiveOn: input.openedOn,
    requestId: null,
    overrideReason: null,
    userId: actor.userId,
  });
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'case',
    entityId: c.id,
    after: c,
  });
  return c;
}

export async function clientCases(tx: Tx, actor: Actor, clientId: string) {
  await clientZoneOf(tx, actor, clientId);
  return casesOfClient(tx, actor.organisationId, clientId);
}

/**
 * The session summary: what is left in today's window and every ledger entry with the balance after it, so
 * "why are 2 left?" reads straight off the list.
 */
export async function caseSummary(tx: Tx, actor: Actor, caseId: string, now: Temporal.Instant) {
  const { c, client } = await loadCase(tx, actor, caseId);
  const today = now.toZonedDateTimeISO(client.timeZone).toPlainDate().toString();
  const { rows, balance, refusal } = await balanceOn(tx, actor, c, today);
  const requests = (await requestsOf(tx, actor.organisationId, c.id)).map((r) => ({
    ...r,
    decidedAt: r.decidedAt?.toString() ?? null,
  }));
  let running = 0;
  const ledger = rows.map((r) => {
    running += r.kind === 'use' ? -r.sessions : r.sessions;
    return {
      id: r.id,
      kind: r.kind,
      sessions: r.sessions,
      reason: r.reason,
      bookingId: r.bookingId,
      sessionOn: r.kind === 'grant' ? null : r.effectiveOn,
      overrideReason: r.overrideReason,
      bookingStatus: r.bookingStatus,
      createdAt: r.createdAt.toString(),
      balanceAfter: running,
    };
  });
  return {
    case: c,
    clientName: client.name,
    today,
    balance,
    notBookable: refusal,
    ledger,
    pendingRequest: requests.find((r) => r.status === 'pending') ?? null,
    requests,
  };
}

/**
 * What goes to the funder: the request, the case's terms and its use, under a reference — never the client's
 * name, date of birth, contact details or ids.
 */
export async function funderView(tx: Tx, actor: Actor, requestId: string, now: Temporal.Instant) {
  const r = await findRequest(tx, actor.organisationId, requestId);
  if (!r) throw notFound('Extra-session request');
  const { c, client } = await loadCase(tx, actor, r.caseId);
  const today = now.toZonedDateTimeISO(client.timeZone).toPlainDate().toString();
  const { balance } = await balanceOn(tx, actor, c, today);
  return {
    reference: `ESR-${r.id.slice(0, 8).toUpperCase()}`,
    funder: c.funder,
    issue: c.issue,
    sessionsRequested: r.sessions,
    sessionsGranted: balance?.granted ?? null,
    sessionsUsed: balance ? balance.used - balance.reversed : null,
    justification: r.justification,
    clinicalReview: r.clinicalReview,
    requestedOn: r.requestedOn,
    dueOn: r.dueOn,
  };
}
