import type { BookingView } from './booking.schemas.js';
import type { BookingRecord, ParticipantRecord } from './booking.types.js';
import { instantToLocal, minutesBetween } from './booking-time.js';

/** A booking as the API shows it; `participants` are this booking's, as `listParticipants` reads them. */
export function toBookingView(b: BookingRecord, participants: readonly ParticipantRecord[]): BookingView {
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
    category: b.category,
    capacity: b.capacity,
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
    participants: participants.map((p) => ({
      id: p.id,
      type: p.type,
      subjectId: p.subjectId,
      name: p.name,
      role: p.role,
      lead: p.isLead,
      status: p.status,
      replacesParticipantId: p.replacesParticipantId,
    })),
    notes: b.notes,
    status: b.status,
    cancellationReason: b.cancellationReason,
    suspendedByLeave: b.status === 'cancelled' && b.clientStatus === 'suspended',
    contractId: b.contractId,
    completion:
      b.actualStart !== null && b.actualEnd !== null
        ? {
            actualStart: instantToLocal(b.actualStart, b.timeZone).offsetIso,
            actualEnd: instantToLocal(b.actualEnd, b.timeZone).offsetIso,
            mileage: b.mileage === null ? null : Number(b.mileage),
            note: b.completionNote,
          }
        : null,
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
