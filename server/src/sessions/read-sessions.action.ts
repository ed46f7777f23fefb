import { Temporal } from 'temporal-polyfill';
import { findBookings } from '../bookings/booking.store.js';
import { toViews } from '../bookings/read-bookings.action.js';
import { loadSessionParts } from '../bookings/session-parts.store.js';
import { type Actor, can } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { calendarTimes } from '../shared/time/calendar-times.js';
import type { SessionListQuery, SessionSummary, SessionView } from './session.schemas.js';
import { organisationZone, sessionSummaries } from './session-read.store.js';
import { toSessionView } from './session-view.js';

/** The most sessions one calendar read returns. */
const MAX_SESSIONS = 2000;
const MAX_DAYS = 42;

/**
 * Items grouped by their booking once: a calendar week holds thousands of sessions (filtering every part per
 * session was quadratic).
 */
function groupByBooking<T>(items: readonly T[], bookingOf: (item: T) => string | undefined) {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = bookingOf(item);
    if (key === undefined) continue;
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

/** Sessions as the API shows them, with one query per part for all of them. */
export async function loadSessionViews(tx: Tx, organisationId: string, ids: readonly string[]) {
  const rows = await findBookings(tx, organisationId, ids);
  const views = await toViews(tx, organisationId, rows);
  const parts = await loadSessionParts(tx, organisationId, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const grouped = {
    services: groupByBooking(parts.services, (s) => parts.serviceBookingIds.get(s.id)),
    serviceTypes: groupByBooking(parts.serviceTypes, (t) => t.bookingId),
    participants: groupByBooking(parts.participants, (p) => p.bookingId),
    completions: groupByBooking(parts.completions, (c) => c.bookingId),
    delivered: groupByBooking(parts.delivered, (d) => d.bookingId),
  };
  return views.map((v) =>
    toSessionView(
      v,
      {
        services: grouped.services.get(v.id) ?? [],
        serviceTypes: grouped.serviceTypes.get(v.id) ?? [],
        participants: grouped.participants.get(v.id) ?? [],
        completions: grouped.completions.get(v.id) ?? [],
        delivered: grouped.delivered.get(v.id) ?? [],
      },
      byId.get(v.id)!.startsAt,
    ),
  );
}

/** The session as the API shows it; it must exist. */
export async function loadSession(tx: Tx, organisationId: string, id: string): Promise<SessionView> {
  const [view] = await loadSessionViews(tx, organisationId, [id]);
  if (!view) throw notFound('Session');
  return view;
}

/** Workers without bookings.read reach only sessions they take part in; anything else looks absent. */
export async function visibleSession(tx: Tx, actor: Actor, id: string): Promise<SessionView> {
  const view = await loadSession(tx, actor.organisationId, id);
  const takesPart = view.workers.some((w) => w.type === 'staff' && w.subjectId === actor.staffId);
  if (!can(actor, 'bookings.read') && !takesPart) throw notFound('Session');
  return view;
}

/**
 * The sessions calendar between two local dates (the organisation's zone), with names and counts. More than
 * `limit` sessions is refused with a 422 naming the dates, never cut short without a word.
 */
export async function listSessions(
  tx: Tx,
  actor: Actor,
  q: SessionListQuery,
  limit = MAX_SESSIONS,
): Promise<SessionSummary[]> {
  if (q.to < q.from) throw invalid('to', 'must not be before from');
  const days = Temporal.PlainDate.from(q.from).until(Temporal.PlainDate.from(q.to)).days;
  if (days > MAX_DAYS) throw invalid('to', `must be at most ${MAX_DAYS} days after from`);
  const zone = await organisationZone(tx, actor.organisationId);
  const from = Temporal.PlainDate.from(q.from).toZonedDateTime(zone).toInstant();
  const to = Temporal.PlainDate.from(q.to).add({ days: 1 }).toZonedDateTime(zone).toInstant();
  const own = !can(actor, 'bookings.read');
  const rows = await sessionSummaries(
    tx,
    actor.organisationId,
    from,
    to,
    { ...q, ...(own ? { staffId: actor.staffId } : {}) },
    limit + 1,
  );
  if (rows.length > limit)
    throw invalid(
      'to',
      `takes in more than ${limit.toLocaleString('en-AU')} sessions: choose fewer days, or one worker, client or service type`,
    );
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    name: r.name,
    status: r.status,
    startsAt: calendarTimes(r.timeZone, r.startsEpoch).withOffset,
    endsAt: calendarTimes(r.timeZone, r.endsEpoch).withOffset,
    timeZone: r.timeZone,
    seriesId: r.seriesId,
    capacity: r.capacity,
    placesTaken: r.clients.filter((c) => c.status === 'booked' || c.status === 'attended').length,
    clients: r.clients,
    workers: r.workers,
    serviceTypeIds:
      r.serviceTypeId === null || r.tagIds.includes(r.serviceTypeId)
        ? r.tagIds
        : [r.serviceTypeId, ...r.tagIds],
  }));
}
