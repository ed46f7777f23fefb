import type { BookingView } from './booking.schemas.js';
import type { BookingRecord } from './booking.types.js';
import { instantToLocal, minutesBetween } from './booking-time.js';

export function toBookingView(b: BookingRecord): BookingView {
  const start = instantToLocal(b.startsAt, b.timeZone);
  const assignee =
    b.staffId !== null
      ? { type: 'staff' as const, id: b.staffId, name: b.staffName ?? '' }
      : b.providerId !== null
        ? { type: 'provider' as const, id: b.providerId, name: b.providerName ?? '' }
        : null;
  return {
    id: b.id,
    clientId: b.clientId,
    kind: b.kind,
    seriesId: b.seriesId,
    isException: b.isException,
    serviceTypeId: b.serviceTypeId,
    name: b.name,
    startsAt: start.offsetIso,
    endsAt: instantToLocal(b.endsAt, b.timeZone).offsetIso,
    timeZone: b.timeZone,
    bookingDate: start.bookingDate,
    startTime: start.startTime,
    durationMinutes: minutesBetween(b.startsAt, b.endsAt),
    assignee,
    notes: b.notes,
    status: b.status,
    cancellationReason: b.cancellationReason,
    conflictOverride:
      b.overrideReason === null ? null : { reason: b.overrideReason, warnings: b.overriddenWarnings },
    createdBy: { id: b.createdById, name: b.createdByName },
    createdAt: b.createdAt.toString(),
    updatedAt: b.updatedAt.toString(),
  };
}

/** "Physio visit, 2026-01-05 09:00–10:00 (Australia/Sydney)": how a conflicting booking is named to the user. */
export function describeBooking(b: BookingRecord): string {
  const start = instantToLocal(b.startsAt, b.timeZone);
  const end = instantToLocal(b.endsAt, b.timeZone);
  return `"${b.name}", ${start.bookingDate} ${start.startTime}–${end.startTime} (${b.timeZone})`;
}
