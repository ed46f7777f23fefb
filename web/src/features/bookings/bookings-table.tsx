import { Anchor, Paper, Table } from '@mantine/core';
import type { Booking } from '../../api/types';
import { formatDuration, formatLocalTime, formatPlainDate } from '../../shared/format';
import { BookingStatusBadge } from './booking-status-badge';

type Props = { bookings: Booking[]; onOpen: (booking: Booking) => void; label: string };

export function BookingsTable({ bookings, onOpen, label }: Props) {
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={860} type="native">
        <Table aria-label={label}>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Booking Date</Table.Th>
              <Table.Th>Start Time</Table.Th>
              <Table.Th>Duration</Table.Th>
              <Table.Th>Assignee</Table.Th>
              <Table.Th>Created By</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bookings.map((booking) => (
              <Table.Tr
                key={booking.id}
                className="clickable-row"
                data-booking-id={booking.id}
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('button')) return;
                  onOpen(booking);
                }}
              >
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    fw={600}
                    c="brand.9"
                    onClick={() => onOpen(booking)}
                    ta="left"
                  >
                    {booking.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatPlainDate(booking.bookingDate)}</Table.Td>
                <Table.Td>{formatLocalTime(booking.startTime, booking.timeZone, booking.startsAt)}</Table.Td>
                <Table.Td>{formatDuration(booking.durationMinutes)}</Table.Td>
                <Table.Td>{booking.assignee?.name ?? 'Open shift'}</Table.Td>
                <Table.Td>{booking.createdBy.name}</Table.Td>
                <Table.Td>
                  <BookingStatusBadge status={booking.status} suspendedByLeave={booking.suspendedByLeave} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
