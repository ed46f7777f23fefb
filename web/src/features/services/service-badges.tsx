import { Badge } from '@mantine/core';
import type { DueBucket, ServiceStatus } from '../../api/types';

const STATUS: Record<ServiceStatus, { color: string; label: string }> = {
  open: { color: 'blue', label: 'Open' },
  in_progress: { color: 'violet', label: 'In progress' },
  completed: { color: 'brand', label: 'Completed' },
  cancelled: { color: 'gray', label: 'Cancelled' },
};

export const STATUS_LABELS: Record<ServiceStatus, string> = {
  open: STATUS.open.label,
  in_progress: STATUS.in_progress.label,
  completed: STATUS.completed.label,
  cancelled: STATUS.cancelled.label,
};

export function ServiceStatusBadge({ status }: { status: ServiceStatus }) {
  const { color, label } = STATUS[status];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}

const BUCKET: Record<Exclude<DueBucket, 'done'>, { color: string; label: string }> = {
  overdue: { color: 'red.9', label: 'Overdue' },
  today: { color: 'orange.9', label: 'Due today' },
  upcoming: { color: 'gray.8', label: 'Upcoming' },
};

/** Nothing for finished services: their due date no longer matters. */
export function DueBucketBadge({ bucket }: { bucket: DueBucket }) {
  if (bucket === 'done') return null;
  const { color, label } = BUCKET[bucket];
  return (
    <Badge color={color} variant={bucket === 'upcoming' ? 'outline' : 'filled'} tt="none">
      {label}
    </Badge>
  );
}
