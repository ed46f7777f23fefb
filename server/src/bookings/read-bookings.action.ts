import type { Temporal } from 'temporal-polyfill';
import { type Actor, can } from '../identity/actor.js';
import { findClientZone } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { notFound } from '../shared/domain-error.js';
import type { BookingView } from './booking.schemas.js';
import {
  type BookingListFilter,
  type BookingRecord,
  findBooking,
  listClientBookings,
  listStaffBookings,
} from './booking.store.js';
import { toBookingView } from './booking-view.js';
import { listParticipants, type ParticipantRecord } from './participant.store.js';

/** Views of many bookings with one query for all their participants. */
export async function toViews(
  tx: Tx,
  organisationId: string,
  rows: readonly BookingRecord[],
): Promise<BookingView[]> {
  const participants = await listParticipants(
    tx,
    organisationId,
    rows.map((r) => r.id),
  );
  const byBooking = new Map<string, ParticipantRecord[]>();
  for (const p of participants) {
    const list = byBooking.get(p.bookingId);
    if (list) list.push(p);
    else byBooking.set(p.bookingId, [p]);
  }
  return rows.map((r) => toBookingView(r, byBooking.get(r.id) ?? []));
}

/** The booking as the API shows it; it must exist. */
export async function loadBookingView(tx: Tx, organisationId: string, id: string): Promise<BookingView> {
  const row = await findBooking(tx, organisationId, id);
  if (!row) throw notFound('Booking');
  return (await toViews(tx, organisationId, [row]))[0]!;
}

/** Workers without bookings.read reach only bookings they take part in; anything else looks absent. */
export async function visibleBooking(tx: Tx, actor: Actor, id: string): Promise<BookingView> {
  const row = await findBooking(tx, actor.organisationId, id);
  if (!row) throw notFound('Booking');
  const view = (await toViews(tx, actor.organisationId, [row]))[0]!;
  const takesPart = view.participants.some((p) => p.type === 'staff' && p.subjectId === actor.staffId);
  if (!can(actor, 'bookings.read') && !takesPart) throw notFound('Booking');
  return view;
}

/** The client's Service Orders (ad-hoc bookings), newest first. */
export async function listServiceOrders(
  tx: Tx,
  actor: Actor,
  clientId: string,
  f: BookingListFilter,
): Promise<BookingView[]> {
  if (!(await findClientZone(tx, actor.organisationId, clientId))) throw notFound('Client');
  return toViews(tx, actor.organisationId, await listClientBookings(tx, actor.organisationId, clientId, f));
}

/** The signed-in staff member's appointments from `from` on, soonest first. */
export async function listMyAppointments(
  tx: Tx,
  actor: Actor,
  from: Temporal.Instant,
  f: BookingListFilter,
): Promise<BookingView[]> {
  return toViews(
    tx,
    actor.organisationId,
    await listStaffBookings(tx, actor.organisationId, actor.staffId, from, f),
  );
}
