import { Alert, Text } from '@mantine/core';
import type { ApiError } from '../../api/problem';
import { formatDuration, formatLocalTime, formatPlainDate } from '../../shared/format';
import { useBooking } from './bookings-queries';

/** Shown beside the booking form when the server answers 409: names the booking that's in the way. */
export function ConflictAlert({ error }: { error: ApiError }) {
  const conflictingId = error.problem.conflictingBookingId ?? null;
  const conflicting = useBooking(conflictingId);
  const booking = conflicting.data;
  return (
    <Alert
      color="orange"
      variant="light"
      role="alert"
      title="This time clashes with another booking"
      data-testid="booking-conflict"
    >
      <Text size="sm">{error.problem.detail ?? 'The assignee is already booked at that time.'}</Text>
      {booking ? (
        <Text size="sm" mt={6}>
          Conflicting booking: <strong>{booking.name}</strong> on {formatPlainDate(booking.bookingDate)} at{' '}
          {formatLocalTime(booking.startTime, booking.timeZone, booking.startsAt)} for{' '}
          {formatDuration(booking.durationMinutes)}
          {booking.assignee ? ` (${booking.assignee.name})` : ''}.
        </Text>
      ) : conflictingId ? (
        <Text size="xs" c="gray.7" mt={6}>
          Conflicting booking ID: {conflictingId}
        </Text>
      ) : null}
    </Alert>
  );
}
