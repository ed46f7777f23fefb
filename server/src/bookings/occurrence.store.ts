import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';
import type { SeriesBooking } from './booking.types.js';
import { LEAVE_REASON } from './booking-write.store.js';

export type { SeriesBooking };

/** The series' bookings whose occurrence starts at or after `from`, by occurrence. */
export async function seriesBookingsFrom(
  tx: Tx,
  organisationId: string,
  seriesId: string,
  from: Temporal.Instant,
  zone: string,
): Promise<SeriesBooking[]> {
  const rows = await tx
    .selectFrom('bookings as b')
    .leftJoin('booking_participants as ap', (j) =>
      j
        .onRef('ap.organisation_id', '=', 'b.organisation_id')
        .onRef('ap.booking_id', '=', 'b.id')
        .on('ap.participant_type', '=', 'staff')
        .on('ap.is_lead', '=', true),
    )
    .where('b.organisation_id', '=', organisationId)
    .where('b.series_id', '=', seriesId)
    .where('b.original_start', '>=', ts(from.toString()))
    .select([
      'b.id',
      'b.original_start',
      'b.starts_at',
      'b.ends_at',
      'ap.staff_id',
      'b.is_exception',
      'b.status',
      'b.cancellation_reason',
    ])
    .orderBy('b.original_start')
    .execute();
  return rows.map((r) => ({
    bookingId: r.id,
    localDate: r.original_start!.toZonedDateTimeISO(zone).toPlainDate().toString(),
    originalStart: r.original_start!,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    staffId: r.staff_id,
    isException: r.is_exception,
    status: r.status,
    cancelledByUser: r.status === 'cancelled' && r.cancellation_reason !== LEAVE_REASON,
  }));
}

/** Moves kept bookings (edited or delivered) to another series, e.g. the later half of a split. */
export async function reassignSeries(tx: Tx, organisationId: string, bookingIds: string[], seriesId: string) {
  if (bookingIds.length === 0) return;
  await tx
    .updateTable('bookings')
    .set({ series_id: seriesId })
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', bookingIds)
    .execute();
}
