import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatPlainDate } from '../../shared/format';
import { type Appointment, CLOSED_LABELS, MODALITY_LABELS, rebookPath, zonedLabel } from './quick-view-api';

export type CardHandlers = {
  onCommence: (a: Appointment) => void;
  onNotes: (a: Appointment) => void;
  onEnd: (a: Appointment, kind: 'cancel' | 'no_show') => void;
  busyId: string | null;
};

function stateLabel(a: Appointment): string | null {
  if (a.closedAs) return CLOSED_LABELS[a.closedAs];
  if (a.status === 'cancelled') return 'Cancelled';
  if (a.signedOffAt) return 'Signed off';
  if (a.completedAt) return 'Completed, to sign off';
  if (a.commencedAt) return 'Commenced';
  return null;
}

/**
 * One appointment as a card (a phone is 390 px wide: no table, nothing that scrolls sideways): the client, the
 * start in the associate's zone and the client's, the modality, and the actions the server offers now.
 */
export function AppointmentCard({ a, handlers }: { a: Appointment; handlers?: CardHandlers }) {
  const state = stateLabel(a);
  const sameZone = a.clientTime?.zone === a.associateTime.zone;
  const can = (action: Appointment['actions'][number]) => a.actions.includes(action);
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="li"
      aria-label={`${a.clientName ?? a.name}, ${a.associateTime.time}`}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600}>{a.clientName ?? 'No client'}</Text>
          <Group gap={4} wrap="wrap">
            <Badge variant="light" color="gray">
              {MODALITY_LABELS[a.modality]}
            </Badge>
            {a.overdue ? (
              <Badge color="red" variant="filled">
                Not completed · {a.daysSinceEnd} days
              </Badge>
            ) : null}
            {state ? <Badge variant="outline">{state}</Badge> : null}
          </Group>
        </Group>
        <Text size="sm" c="gray.7">
          {formatPlainDate(a.associateTime.date)} · {a.name}
          {a.staffName && !handlers ? ` · ${a.staffName}` : ''}
        </Text>
        <Text size="sm" data-testid="appointment-times">
          {zonedLabel(a.associateTime)} {handlers ? 'yours' : 'associate'}
          {a.clientTime && !sameZone
            ? ` · ${zonedLabel(a.clientTime)} client's${a.clientTime.date !== a.associateTime.date ? ` (${formatPlainDate(a.clientTime.date)})` : ''}`
            : a.clientTime
              ? ' · same zone as the client'
              : ''}
        </Text>
        {handlers ? (
          <Group gap="xs" wrap="wrap">
            {can('commence') ? (
              <Button
                size="xs"
                loading={handlers.busyId === a.bookingId}
                onClick={() => handlers.onCommence(a)}
              >
                Commence
              </Button>
            ) : null}
            {can('complete') ? (
              <Button size="xs" onClick={() => handlers.onNotes(a)}>
                {can('sign_off') ? 'Notes & sign off' : 'Complete'}
              </Button>
            ) : null}
            {can('addendum') ? (
              <Button size="xs" variant="light" onClick={() => handlers.onNotes(a)}>
                Notes & addenda
              </Button>
            ) : null}
            {can('rebook') ? (
              <Button size="xs" variant="light" component={Link} to={rebookPath(a.bookingId)}>
                Rebook
              </Button>
            ) : null}
            {can('cancel') ? (
              <Button size="xs" variant="subtle" color="red" onClick={() => handlers.onEnd(a, 'cancel')}>
                Cancel
              </Button>
            ) : null}
            {can('no_show') ? (
              <Button size="xs" variant="default" onClick={() => handlers.onEnd(a, 'no_show')}>
                No-show
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
