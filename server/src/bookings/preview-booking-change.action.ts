import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { DomainError } from '../shared/domain-error.js';
import type { BookingPatch, BookingView } from './booking.schemas.js';
import { loadBookingView } from './read-bookings.action.js';
import { changeBooking } from './save-booking.action.js';

export type BookingChangePreview = {
  booking: BookingView;
  softConflicts: string[];
  conflict: { detail: string; conflictingBookingId: string | null } | null;
};

/** Stands in for the user's reason, so the preview runs past the soft-conflict check and reports them. */
const PREVIEW_REASON = 'preview';

/**
 * What a single-booking change would do: the booking as it would be, the soft conflicts it would need a reason
 * for, and the staff overlap that would refuse it. It makes the change for real, so the caller must roll the
 * transaction back (the route runs it as a dry run).
 */
export async function previewBookingChange(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: BookingPatch,
): Promise<BookingChangePreview> {
  try {
    const booking = await changeBooking(tx, actor, id, {
      ...patch,
      overrideReason: patch.overrideReason ?? PREVIEW_REASON,
    });
    const softConflicts = booking.conflictOverride?.warnings ?? [];
    return {
      booking: { ...booking, conflictOverride: patch.overrideReason ? booking.conflictOverride : null },
      softConflicts,
      conflict: null,
    };
  } catch (error) {
    if (
      !(error instanceof DomainError) ||
      error.kind !== 'conflict' ||
      !('conflictingBookingId' in error.extra)
    )
      throw error;
    return {
      booking: await loadBookingView(tx, actor.organisationId, id),
      softConflicts: [],
      conflict: {
        detail: error.message,
        conflictingBookingId: (error.extra.conflictingBookingId as string | null) ?? null,
      },
    };
  }
}
