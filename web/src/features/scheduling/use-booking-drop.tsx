import type { Calendar } from '@event-calendar/core';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { bookingsApi } from '../../api/endpoints';
import { type ApiError, isApiError, softConflictsOf } from '../../api/problem';
import type { Booking, BookingPatch } from '../../api/types';
import { formatPlainDate } from '../../shared/format';
import { itemOf, UNASSIGNED_RESOURCE } from './calendar-events';
import { toClientLocal, wallClockOf } from './calendar-time';
import type { BookingMove } from './move-booking-modal';

export const PROVIDER_RESOURCE = 'external-provider';

export type PendingMove = { info: Calendar.EventDropInfo; move: BookingMove };

/** Where the booking was before a move: the patch that puts it back. */
function undoPatch(booking: Booking, move: BookingMove): BookingPatch {
  const patch: BookingPatch = { bookingDate: booking.bookingDate, startTime: booking.startTime };
  if (move.staffId !== undefined)
    patch.assignee = booking.assignee ? { type: booking.assignee.type, id: booking.assignee.id } : null;
  return patch;
}

async function undo(booking: Booking, move: BookingMove, refresh: () => Promise<unknown>) {
  const id = `undo-${booking.id}`;
  notifications.hide(`moved-${booking.id}`);
  try {
    try {
      await bookingsApi.update(booking.id, undoPatch(booking, move));
    } catch (error) {
      // The old slot may warn now (e.g. the worker is on leave since); putting it back is still what was asked.
      if (!softConflictsOf(error)) throw error;
      await bookingsApi.update(booking.id, {
        ...undoPatch(booking, move),
        overrideReason: 'Undo of a move on the bookings calendar',
      });
    }
    notifications.show({
      id,
      color: 'brand',
      title: 'Move undone',
      message: `“${booking.name}” is back on ${formatPlainDate(booking.bookingDate)} at ${booking.startTime}.`,
    });
  } catch (error) {
    notifications.show({
      id,
      color: 'red',
      title: 'The move could not be undone',
      message: error instanceof Error ? error.message : 'Something went wrong.',
    });
  }
  await refresh();
}

/**
 * Dragging on the bookings calendar: every drop asks for confirmation (MoveBookingModal: the scope for a series
 * occurrence, soft conflicts with a reason); a one-off booking's move can then be undone from the notice.
 */
export function useBookingDrop({
  zone,
  staffLabel,
  refresh,
}: {
  zone: string;
  staffLabel: (id: string) => string | null;
  refresh: () => Promise<unknown>;
}) {
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [conflict, setConflict] = useState<ApiError | null>(null);

  const onDrop = async (info: Calendar.EventDropInfo) => {
    const item = itemOf(info.event);
    const newResource = info.newResource?.id as string | undefined;
    if (newResource === PROVIDER_RESOURCE) {
      info.revert();
      notifications.show({
        color: 'orange',
        title: 'Not moved',
        message: 'Assign an external provider from the booking itself.',
      });
      return;
    }
    const staffId =
      newResource === undefined ? undefined : newResource === UNASSIGNED_RESOURCE ? null : newResource;
    setConflict(null);
    try {
      // The booking's own zone (the client's) is what PATCH /bookings/:id reads dates and times in.
      const booking = await bookingsApi.get(item.id);
      const local = toClientLocal(wallClockOf(info.event.start), zone, booking.timeZone);
      setPending({
        info,
        move: { booking, ...local, staffId, staffLabel: staffId ? staffLabel(staffId) : null },
      });
    } catch (error) {
      info.revert();
      if (isApiError(error) && error.status === 409) setConflict(error);
      else
        notifications.show({
          color: 'red',
          title: 'The booking was not moved',
          message: error instanceof Error ? error.message : 'Something went wrong.',
        });
    }
  };

  const cancelMove = () => {
    pending?.info.revert();
    setPending(null);
  };

  const moved = (title: string, message: string) => {
    const move = pending?.move;
    setPending(null);
    void refresh();
    if (!move) return;
    const oneOff = !move.booking.seriesId;
    notifications.show({
      id: `moved-${move.booking.id}`,
      color: 'brand',
      title,
      autoClose: oneOff ? 12_000 : 5_000,
      message: oneOff ? (
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm">{message}</Text>
          <Button size="compact-sm" variant="light" onClick={() => void undo(move.booking, move, refresh)}>
            Undo
          </Button>
        </Group>
      ) : (
        message
      ),
    });
  };

  return { onDrop, pending, cancelMove, moved, conflict, clearConflict: () => setConflict(null) };
}
