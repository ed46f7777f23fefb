import { Alert, Badge, Button, Drawer, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useAuth, useMe } from '../../auth/auth-context';
import { formatInstant, formatPlainDate } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { STATE_LABELS, type Stay, staysApi, useStay, useStayMutation } from './beds-api';
import { StayServices } from './stay-services';
import { StaySessionsList } from './stay-sessions';

/** Confirm, check in, check out (early frees the nights after) or cancel, as the stay's state allows. */
function StayActions({ stay }: { stay: Stay }) {
  const [leaveOn, setLeaveOn] = useState('');
  const [reason, setReason] = useState('');
  const act = useStayMutation((run: () => Promise<Stay>) => run());
  const client = stay.kind === 'client_stay';
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {client && (stay.state === 'enquiry' || stay.state === 'on_hold') ? (
          <Button onClick={() => act.mutate(() => staysApi.confirm(stay.id))} loading={act.isPending}>
            Confirm booking
          </Button>
        ) : null}
        {client && stay.state === 'booked' ? (
          <Button onClick={() => act.mutate(() => staysApi.checkIn(stay.id))} loading={act.isPending}>
            Check in
          </Button>
        ) : null}
      </Group>
      {client && stay.state === 'checked_in' ? (
        <Group align="flex-end" gap="xs">
          <LocalDateInput label="Left on" value={leaveOn} onChange={setLeaveOn} w={160} />
          <Button
            onClick={() => act.mutate(() => staysApi.checkOut(stay.id, leaveOn || undefined))}
            loading={act.isPending}
          >
            Check out
          </Button>
        </Group>
      ) : null}
      {['enquiry', 'on_hold', 'booked'].includes(stay.state) ? (
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Reason to cancel"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            w={240}
          />
          <Button
            color="red.9"
            variant="outline"
            disabled={reason.trim() === ''}
            onClick={() => act.mutate(() => staysApi.cancel(stay.id, reason))}
          >
            Cancel stay
          </Button>
        </Group>
      ) : null}
      {act.isError ? <ProblemAlert error={act.error} title="The stay was not changed" /> : null}
    </Stack>
  );
}

export function StayDrawer({ stayId, onClose }: { stayId: string | null; onClose: () => void }) {
  const { can } = useAuth();
  const me = useMe();
  const stay = useStay(stayId);
  const s = stay.data;
  return (
    <Drawer opened={stayId !== null} onClose={onClose} position="right" size="lg" title="Stay">
      {stay.isPending ? <Loader aria-label="Loading the stay" /> : null}
      {stay.isError ? <ProblemAlert error={stay.error} title="The stay couldn't be loaded" /> : null}
      {s ? (
        <Stack gap="md">
          <Group gap="sm">
            <Text fw={700} size="lg">
              {s.kind === 'out_of_service' ? 'Out of service' : (s.clientName ?? 'Block booking')}
            </Text>
            <Badge variant="light" data-testid="stay-state">
              {STATE_LABELS[s.state]}
            </Badge>
          </Group>
          <Text size="sm">
            {formatPlainDate(s.arriveOn)} to {formatPlainDate(s.leaveOn)} · {s.nights}{' '}
            {s.nights === 1 ? 'night' : 'nights'}
            {s.plannedLeaveOn ? ` (booked to ${formatPlainDate(s.plannedLeaveOn)})` : ''}
          </Text>
          {s.hold ? (
            <Text size="sm">
              Held until {formatInstant(s.hold.expiresAt, me.timeZone)}; then the bed is{' '}
              {s.hold.outcome === 'release' ? 'released' : `back to ${s.hold.revertsTo ?? 'an enquiry'}`}.
            </Text>
          ) : null}
          {s.cancelReason ? <Text size="sm">Cancelled: {s.cancelReason}</Text> : null}
          {s.eligibilityOverrideReason ? (
            <Text size="sm">Booked although not eligible: {s.eligibilityOverrideReason}</Text>
          ) : null}
          {s.warnings.map((w) => (
            <Alert key={w} color="yellow" variant="light" title="Short-term accommodation limit">
              {w}
            </Alert>
          ))}
          {can('bookings.write') ? <StayActions stay={s} /> : null}
          <StayServices stay={s} canWrite={can('bookings.write')} />
          <StaySessionsList stay={s} timeZone={me.timeZone} />
        </Stack>
      ) : null}
    </Drawer>
  );
}
