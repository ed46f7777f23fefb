import { Badge, Button, Divider, Drawer, Group, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useAuth, useMe } from '../../auth/auth-context';
import { useConfirm } from '../../shared/confirm-dialog';
import { formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import { bookingKeys } from '../bookings/bookings-queries';
import { splitZoned } from '../scheduling/calendar-time';
import { CompletionForm } from './completion-form';
import { SessionClientsSection, SessionWorkersSection } from './session-people-section';
import { SessionProblem } from './session-problem';
import { SessionResourcesSection } from './session-resources-section';
import { type Session, sessionsApi } from './sessions-api';
import { useSession, useSessionWrite } from './sessions-queries';

/** When: in the viewer's zone, with the session's own (the lead client's) beside it where it differs. */
function When({ session, zone }: { session: Session; zone: string }) {
  const mine = splitZoned(session.startsAt, zone);
  const end = splitZoned(session.endsAt, zone);
  const theirs = splitZoned(session.startsAt, session.timeZone);
  return (
    <Text size="sm" data-testid="session-when">
      {formatPlainDate(mine.date)} {mine.time}–{end.time} {mine.zone}
      {session.timeZone !== zone
        ? ` · ${theirs.time} ${theirs.zone} for the client (${session.timeZone})`
        : ''}
    </Text>
  );
}

function CancelWhole({ session, onDone }: { session: Session; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const cancel = useSessionWrite(session.id, (text: string) => sessionsApi.cancel(session.id, text));
  const group = session.category === 'group';
  return (
    <form
      aria-label={group ? 'Cancel the whole group' : 'Cancel the appointment'}
      onSubmit={(event) => {
        event.preventDefault();
        void cancel.mutateAsync(reason.trim()).then(onDone, () => undefined);
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={group ? 'Why is the whole group cancelled? (no one is charged)' : 'Reason for cancelling'}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {cancel.isError ? (
          <SessionProblem error={cancel.error} title="The session was not cancelled" />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Keep it
          </Button>
          <Button type="submit" color="red.9" loading={cancel.isPending}>
            {group ? 'Cancel the whole group' : 'Cancel the appointment'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SessionDetails({ session, onClose }: { session: Session; onClose: () => void }) {
  const me = useMe();
  const { can } = useAuth();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const canWrite = can('bookings.write');
  const [mode, setMode] = useState<'view' | 'cancel' | 'complete'>('view');
  const [problem, setProblem] = useState<unknown>(null);
  const reset = useSessionWrite(session.id, () => sessionsApi.reset(session.id));
  const booked = session.status === 'booked';

  const remove = async () => {
    const ok = await confirm({
      title: `Delete “${session.name}”?`,
      message:
        'Delete is for a session made by mistake: it is removed (the audit trail keeps the whole record).',
      confirmLabel: 'Delete session',
      danger: true,
    });
    if (!ok) return;
    try {
      await sessionsApi.remove(session.id);
      await queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      notifications.show({
        color: 'brand',
        title: 'Session deleted',
        message: `“${session.name}” was deleted.`,
      });
      onClose();
    } catch (error) {
      setProblem(error);
    }
  };

  const resetSession = async () => {
    const ok = await confirm({
      title: `Reset “${session.name}” to booked?`,
      message:
        'Its delivered records and actual times are removed. Refused if any client is already invoiced.',
      confirmLabel: 'Reset to booked',
      danger: true,
    });
    if (ok) await reset.mutateAsync(undefined).catch(() => undefined);
  };

  return (
    <Stack gap="md">
      <Group gap="sm">
        <Badge
          variant="light"
          tt="none"
          color={booked ? 'blue' : session.status === 'completed' ? 'green' : 'gray'}
        >
          {session.status === 'booked'
            ? 'Booked'
            : session.status === 'completed'
              ? 'Completed'
              : 'Cancelled'}
        </Badge>
        <Text size="sm">{session.category === 'group' ? 'Group session' : 'Individual appointment'}</Text>
        {session.seriesId ? <Text size="sm">· repeats</Text> : null}
      </Group>
      <When session={session} zone={me.timeZone} />
      {session.cancellationReason ? <Text size="sm">Cancelled: {session.cancellationReason}</Text> : null}
      {session.services.length ? (
        <Text size="sm">
          Services:{' '}
          {session.services
            .map(
              (s) =>
                `${s.name} 1:${s.ratio}${s.hourlyRateMinor !== null ? ` at ${formatMoney(s.hourlyRateMinor)}/h` : ''}`,
            )
            .join('; ')}
        </Text>
      ) : null}
      <SessionClientsSection session={session} zone={me.timeZone} canWrite={canWrite} />
      <SessionWorkersSection session={session} canWrite={canWrite} />
      <SessionResourcesSection session={session} canWrite={canWrite} />
      {session.completion ? (
        <Stack gap={4}>
          <Title order={3} size="h5">
            Delivered
          </Title>
          {session.completion.delivered.map((d) => (
            <Text key={d.id} size="xs">
              {d.description}: {formatMoney(d.amountMinor)} — {d.explanation}
            </Text>
          ))}
        </Stack>
      ) : null}
      {problem ? <SessionProblem error={problem} title="That didn't work" /> : null}
      {reset.isError ? <SessionProblem error={reset.error} title="The session was not reset" /> : null}
      {canWrite ? (
        <>
          <Divider />
          {mode === 'cancel' ? (
            <CancelWhole session={session} onDone={() => setMode('view')} />
          ) : (
            <Group gap="sm">
              {booked ? <Button onClick={() => setMode('complete')}>Complete…</Button> : null}
              {booked ? (
                <Button variant="outline" color="red.9" onClick={() => setMode('cancel')}>
                  {session.category === 'group' ? 'Cancel the whole group…' : 'Cancel appointment…'}
                </Button>
              ) : null}
              {session.status === 'completed' ? (
                <Button variant="light" loading={reset.isPending} onClick={() => void resetSession()}>
                  Reset to booked
                </Button>
              ) : null}
              {booked && can('bookings.delete') ? (
                <Button variant="subtle" color="red" onClick={() => void remove()}>
                  Delete…
                </Button>
              ) : null}
            </Group>
          )}
        </>
      ) : null}
      {mode === 'complete' ? <CompletionForm session={session} onClose={() => setMode('view')} /> : null}
    </Stack>
  );
}

/** A session (a group, or an appointment with several people) in a drawer, from either calendar. */
export function SessionDrawer({ sessionId, onClose }: { sessionId: string | null; onClose: () => void }) {
  const query = useSession(sessionId);
  return (
    <Drawer
      opened={!!sessionId}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        <Title order={2} size="h3">
          {query.data?.name ?? 'Session'}
        </Title>
      }
    >
      {query.data ? (
        <SessionDetails key={query.data.id} session={query.data} onClose={onClose} />
      ) : query.isError ? (
        <SessionProblem error={query.error} title="This session couldn't be loaded" />
      ) : (
        <Skeleton height={240} />
      )}
    </Drawer>
  );
}
