import { Badge } from '@mantine/core';
import type { BookingStatus } from '../../api/types';

const STYLE: Record<BookingStatus, { color: string; label: string }> = {
  booked: { color: 'blue', label: 'Booked' },
  completed: { color: 'brand', label: 'Completed' },
  cancelled: { color: 'red', label: 'Cancelled' },
};

/** A visit cancelled because the client is on leave reads "Suspended (leave)", never "Cancelled". */
export function BookingStatusBadge({
  status,
  suspendedByLeave = false,
}: {
  status: BookingStatus;
  suspendedByLeave?: boolean;
}) {
  const { color, label } = suspendedByLeave ? { color: 'orange', label: 'Suspended (leave)' } : STYLE[status];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}
