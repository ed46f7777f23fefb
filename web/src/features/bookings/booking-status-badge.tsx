import { Badge } from '@mantine/core';
import type { BookingStatus } from '../../api/types';

const STYLE: Record<BookingStatus, { color: string; label: string }> = {
  booked: { color: 'blue', label: 'Booked' },
  completed: { color: 'brand', label: 'Completed' },
  cancelled: { color: 'red', label: 'Cancelled' },
};

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { color, label } = STYLE[status];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}
