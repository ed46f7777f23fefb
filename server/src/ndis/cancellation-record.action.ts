import { Temporal } from 'temporal-polyfill';
import { findBooking } from '../bookings/booking.store.js';
import { findClientBilling, listCalendarDays } from '../contracts/contract.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { cancelAttendance } from '../sessions/cancel-session.action.js';
import type { SessionView } from '../sessions/session.schemas.js';
import { findParticipant } from '../sessions/session-read.store.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { publicHolidays } from '../shared/public-holidays.js';
import type { NdisCancellationInput } from './cancellation.schemas.js';
import { decideSessionCancellation, holidayRegionOf, type StoredDecision } from './cancellation-decision.js';
import { findRuleInForce } from './cancellation-rule.store.js';
import type { Holiday } from './cancellation-rules.js';

type Judged = { shortNotice: boolean; decision: StoredDecision };

/**
 * The holidays of the support's state before the support: per year, the organisation's regional calendar
 * (editable under Calendars; filled by the import) when it holds any public holiday that year, else the bundled
 * date-holidays rules for the state.
 */
async function holidaysBefore(
  tx: Tx,
  org: string,
  region: string | null,
  supportDate: string,
): Promise<Holiday[]> {
  if (region === null) return [];
  // Wide enough for the longest window (60 days, plus weekends and holidays).
  const from = Temporal.PlainDate.from(supportDate).subtract({ days: 120 }).toString();
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(supportDate.slice(0, 4));
  const days = await listCalendarDays(tx, org, {
    region,
    from: `${firstYear}-01-01`,
    to: `${lastYear}-12-31`,
  });
  const own = days.filter((d) => d.kind === 'public_holiday');
  const out: Holiday[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const ownYear = own.filter((d) => d.date.startsWith(`${year}-`));
    const lo = year === firstYear ? from : `${year}-01-01`;
    const hi = year === lastYear ? supportDate : `${year}-12-31`;
    const picked =
      ownYear.length > 0
        ? ownYear.map((d) => ({ date: d.date, name: d.name }))
        : publicHolidays(holidayRegionOf(region), `${year}-01-01`, `${year}-12-31`);
    out.push(...picked.filter((h) => h.date >= lo && h.date <= hi));
  }
  return out;
}

async function judge(
  tx: Tx,
  org: string,
  bookingId: string,
  participantId: string,
  input: Pick<NdisCancellationInput, 'notifiedAt' | 'noShow' | 'attestedNoOtherWork' | 'attestedWorkerPaid'>,
  now: Temporal.Instant,
): Promise<Judged> {
  const booking = await findBooking(tx, org, bookingId);
  if (!booking) throw notFound('Session');
  const p = await findParticipant(tx, org, bookingId, participantId);
  if (p?.type !== 'client') throw notFound('Client of this session');
  const client = await findClientBilling(tx, org, p.subjectId);
  if (!client) throw notFound('Client');
  const notifiedAt = Temporal.Instant.from(input.notifiedAt);
  if (Temporal.Instant.compare(notifiedAt, now) > 0) throw invalid('notifiedAt', 'must not be in the future');
  const zone = booking.timeZone;
  const supportDate = booking.startsAt.toZonedDateTimeISO(zone).toPlainDate().toString();
  const judged = decideSessionCancellation({
    supportStart: booking.startsAt,
    notifiedAt,
    timeZone: zone,
    supportDate,
    orgRule: await findRuleInForce(tx, org, booking.serviceTypeId, supportDate),
    holidays: await holidaysBefore(tx, org, client.region, supportDate),
    regionName: client.region,
    noShow: input.noShow,
    attestedNoOtherWork: input.attestedNoOtherWork,
    attestedWorkerPaid: input.attestedWorkerPaid,
  });
  if (!judged)
    throw conflict(
      `No NDIS cancellation rules are known for a support on ${supportDate} (before 1 July 2019); add the organisation's rule for that date`,
    );
  return judged;
}

/** What recording this cancellation would decide, without recording it (the cancel dialog shows it). */
export async function previewNdisCancellation(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  participantId: string,
  input: NdisCancellationInput,
  now: Temporal.Instant,
): Promise<StoredDecision> {
  return (await judge(tx, actor.organisationId, bookingId, participantId, input, now)).decision;
}

/**
 * Cancels one client's attendance (sessions' use case, one audit event) and stores the NDIS decision with it:
 * the rule in force on the support's date, the deadline, the explanation and the two attestations.
 */
export async function recordNdisCancellation(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  participantId: string,
  input: NdisCancellationInput,
  now: Temporal.Instant,
): Promise<{ decision: StoredDecision; session: SessionView }> {
  const org = actor.organisationId;
  const { shortNotice, decision } = await judge(tx, org, bookingId, participantId, input, now);
  const session = await cancelAttendance(tx, actor, bookingId, participantId, input, now, {
    noShow: input.noShow,
    attestedNoOtherWork: input.attestedNoOtherWork,
    attestedWorkerPaid: input.attestedWorkerPaid,
    shortNotice,
    decision,
  });
  return { decision, session };
}
