import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';
import type { CountingWindow } from './entitlement-rules.js';

export type CaseInput = {
  issue: string;
  funder: string;
  allowedSessions: number;
  countingWindow: CountingWindow;
  openedOn: string;
  expiresOn: string | null;
  lateCancellationCounts: boolean;
  noShowCounts: boolean;
  funderRegion: string;
};

const caseColumns = [
  'id',
  'client_id as clientId',
  'issue',
  'funder',
  'allowed_sessions as allowedSessions',
  'counting_window as countingWindow',
  'opened_on as openedOn',
  'expires_on as expiresOn',
  'late_cancellation_counts as lateCancellationCounts',
  'no_show_counts as noShowCounts',
  'funder_region as funderRegion',
  'status',
  'close_reason as closeReason',
] as const;

export async function insertCase(tx: Tx, organisationId: string, clientId: string, c: CaseInput) {
  return tx
    .insertInto('cases')
    .values({
      organisation_id: organisationId,
      client_id: clientId,
      issue: c.issue,
      funder: c.funder,
      allowed_sessions: c.allowedSessions,
      counting_window: c.countingWindow,
      opened_on: c.openedOn,
      expires_on: c.expiresOn,
      late_cancellation_counts: c.lateCancellationCounts,
      no_show_counts: c.noShowCounts,
      funder_region: c.funderRegion,
    })
    .returning(caseColumns)
    .executeTakeFirstOrThrow();
}

/** `forUpdate` serialises every booking against the case: the balance check and the ledger entry are one step. */
export async function findCase(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = tx
    .selectFrom('cases')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(caseColumns);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export async function casesOfClient(tx: Tx, organisationId: string, clientId: string) {
  return tx
    .selectFrom('cases')
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .select(caseColumns)
    .orderBy('opened_on', 'desc')
    .orderBy('id')
    .execute();
}

export type EntryRow = {
  id: string;
  kind: 'grant' | 'use' | 'reversal';
  sessions: number;
  reason: string;
  bookingId: string | null;
  effectiveOn: string;
  requestId: string | null;
  overrideReason: string | null;
  createdAt: Temporal.Instant;
  bookingStatus: string | null;
  bookingStartsAt: Temporal.Instant | null;
};

export async function entriesOf(tx: Tx, organisationId: string, caseId: string): Promise<EntryRow[]> {
  return tx
    .selectFrom('entitlement_entries as e')
    .leftJoin('bookings as b', (j) =>
      j.onRef('b.organisation_id', '=', 'e.organisation_id').onRef('b.id', '=', 'e.booking_id'),
    )
    .where('e.organisation_id', '=', organisationId)
    .where('e.case_id', '=', caseId)
    .select([
      'e.id',
      'e.kind',
      'e.sessions',
      'e.reason',
      'e.booking_id as bookingId',
      'e.effective_on as effectiveOn',
      'e.request_id as requestId',
      'e.override_reason as overrideReason',
      'e.created_at as createdAt',
      'b.status as bookingStatus',
      'b.starts_at as bookingStartsAt',
    ])
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute() as Promise<EntryRow[]>;
}

export async function insertEntry(
  tx: Tx,
  organisationId: string,
  e: {
    caseId: string;
    kind: 'grant' | 'use' | 'reversal';
    sessions: number;
    reason: string;
    bookingId: string | null;
    effectiveOn: string;
    requestId: string | null;
    overrideReason: string | null;
    userId: string;
    /** A late reschedule's use: the start the session was moved from. */
    rescheduledFrom?: Temporal.Instant | null;
  },
) {
  return tx
    .insertInto('entitlement_entries')
    .values({
      organisation_id: organisationId,
      case_id: e.caseId,
      kind: e.kind,
      sessions: e.sessions,
      reason: e.reason,
      booking_id: e.bookingId,
      effective_on: e.effectiveOn,
      request_id: e.requestId,
      override_reason: e.overrideReason,
      rescheduled_from: e.rescheduledFrom?.toString() ?? null,
      created_by_user_id: e.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

const requestColumns = [
  'id',
  'case_id as caseId',
  'sessions',
  'justification',
  'clinical_review as clinicalReview',
  'requested_on as requestedOn',
  'funder_due_on as funderDueOn',
  'due_on as dueOn',
  'status',
  'granted_sessions as grantedSessions',
  'decision_note as decisionNote',
  'decided_at as decidedAt',
] as const;

export async function requestsOf(tx: Tx, organisationId: string, caseId: string) {
  return tx
    .selectFrom('extra_session_requests')
    .where('organisation_id', '=', organisationId)
    .where('case_id', '=', caseId)
    .select(requestColumns)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findRequest(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = tx
    .selectFrom('extra_session_requests')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(requestColumns);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertRequest(
  tx: Tx,
  organisationId: string,
  r: {
    caseId: string;
    sessions: number;
    justification: string;
    clinicalReview: boolean;
    requestedOn: string;
    funderDueOn: string;
    dueOn: string;
    userId: string;
  },
) {
  return tx
    .insertInto('extra_session_requests')
    .values({
      organisation_id: organisationId,
      case_id: r.caseId,
      sessions: r.sessions,
      justification: r.justification,
      clinical_review: r.clinicalReview,
      requested_on: r.requestedOn,
      funder_due_on: r.funderDueOn,
      due_on: r.dueOn,
      requested_by_user_id: r.userId,
    })
    .returning(requestColumns)
    .executeTakeFirstOrThrow();
}

export async function decideRequest(
  tx: Tx,
  organisationId: string,
  id: string,
  d: {
    status: 'approved' | 'modified' | 'declined';
    grantedSessions: number;
    note: string | null;
    userId: string;
    at: Temporal.Instant;
  },
) {
  await tx
    .updateTable('extra_session_requests')
    .set({
      status: d.status,
      granted_sessions: d.grantedSessions,
      decision_note: d.note,
      decided_by_user_id: d.userId,
      decided_at: d.at.toString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/**
 * The ledger entries (use, reversal) of one booked session, with its case: empty when it is no case's session.
 * `rescheduledFrom` marks the extra uses of late reschedules; the session's own use has none.
 */
export async function sessionEntriesOf(tx: Tx, organisationId: string, bookingId: string) {
  return tx
    .selectFrom('entitlement_entries')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .select([
      'case_id as caseId',
      'kind',
      'effective_on as effectiveOn',
      'rescheduled_from as rescheduledFrom',
    ])
    .orderBy('created_at')
    .execute();
}
