import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatInstant, fullName } from '../../shared/format';
import { ClientPicker } from '../clients/client-picker';
import { NdisCancelDialog } from '../ndis-cancellations/ndis-cancel-dialog';
import { useDeliveringStaff } from '../scheduling/scheduling-queries';
import { CancelAttendanceForm } from './cancel-attendance-form';
import { SessionProblem } from './session-problem';
import { type AddClientInput, type Session, sessionsApi } from './sessions-api';
import { useSessionWrite } from './sessions-queries';

const STATUS_WORDS: Record<string, string> = {
  booked: 'Booked',
  attended: 'Attended',
  absent: 'Absent',
  cancelled: 'Cancelled',
  suspended: 'On leave',
};

/** A session's clients: each one's attendance (cancel one), and a client added (the server holds capacity). */
export function SessionClientsSection({
  session,
  zone,
  canWrite,
}: {
  session: Session;
  zone: string;
  canWrite: boolean;
}) {
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [ndisCancelling, setNdisCancelling] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ id: string; name: string } | null>(null);
  const [scope, setScope] = useState<AddClientInput['scope']>('this');
  const add = useSessionWrite(session.id, (input: AddClientInput) =>
    sessionsApi.addClient(session.id, input),
  );
  const booked = session.status === 'booked';
  const chosen = session.clients.find((c) => c.participantId === cancelling) ?? null;
  const ndisChosen = session.clients.find((c) => c.participantId === ndisCancelling) ?? null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Clients{session.capacity ? ` · ${session.placesTaken} of ${session.capacity} places` : ''}
      </Title>
      <Table aria-label="Clients of the session" verticalSpacing={4}>
        <Table.Tbody>
          {session.clients.map((client) => (
            <Table.Tr key={client.participantId}>
              <Table.Td>
                {client.name}
                {client.lead ? ' (lead)' : ''}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={client.status === 'cancelled' ? 'gray' : 'brand'} tt="none">
                  {STATUS_WORDS[client.status] ?? client.status}
                </Badge>
                {client.cancellation ? (
                  <Text size="xs" c="gray.7">
                    By {client.cancellation.cancelledByName ?? client.cancellation.cancelledBy}, told{' '}
                    {formatInstant(client.cancellation.notifiedAt, zone)} ({client.cancellation.noticeHours} h
                    notice), {client.cancellation.reasonCode}
                    {client.cancellation.note ? `: ${client.cancellation.note}` : ''}
                  </Text>
                ) : null}
                {client.cancellation?.ndis ? (
                  <Text size="xs" c="gray.7">
                    NDIS: {client.cancellation.ndis.explanation}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">
                {canWrite && booked && client.status === 'booked' ? (
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => setCancelling(client.participantId)}
                  >
                    Cancel attendance…
                  </Button>
                ) : null}
                {canWrite && booked && client.status === 'booked' ? (
                  <Button
                    size="compact-xs"
                    variant="default"
                    ml={4}
                    onClick={() => setNdisCancelling(client.participantId)}
                  >
                    Cancel for this client (NDIS)…
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {chosen ? (
        <CancelAttendanceForm
          session={session}
          client={chosen}
          zone={zone}
          onDone={() => setCancelling(null)}
        />
      ) : null}
      {ndisChosen ? (
        <NdisCancelDialog
          session={session}
          client={ndisChosen}
          zone={zone}
          onClose={() => setNdisCancelling(null)}
        />
      ) : null}
      {canWrite && booked ? (
        <Group align="flex-end" gap="xs">
          <ClientPicker
            label="Add a client"
            w={240}
            value={adding?.id ?? null}
            selectedName={adding?.name}
            onChange={(id, name) => setAdding(id ? { id, name: name ?? '' } : null)}
          />
          {session.seriesId ? (
            <Select
              label="For"
              w={200}
              allowDeselect={false}
              data={[
                { value: 'this', label: 'This session only' },
                { value: 'following', label: 'This and following' },
              ]}
              value={scope}
              onChange={(value) => setScope(value === 'following' ? 'following' : 'this')}
            />
          ) : null}
          <Button
            variant="light"
            disabled={!adding}
            loading={add.isPending}
            onClick={() =>
              adding &&
              void add.mutateAsync({ clientId: adding.id, contractId: null, scope }).then(
                () => setAdding(null),
                () => undefined,
              )
            }
          >
            Add client
          </Button>
        </Group>
      ) : null}
      {add.isError ? <SessionProblem error={add.error} title="The client was not added" /> : null}
    </Stack>
  );
}

/** A session's workers: another staff member takes a worker's place, or a worker is added. */
export function SessionWorkersSection({ session, canWrite }: { session: Session; canWrite: boolean }) {
  const staff = useDeliveringStaff();
  const [changing, setChanging] = useState<string | null>(null);
  const options = (staff.data?.items ?? [])
    .filter((m) => m.active)
    .map((m) => ({ value: m.id, label: fullName(m) }));
  const change = useSessionWrite(
    session.id,
    ({ participantId, staffId }: { participantId: string; staffId: string }) =>
      sessionsApi.changeWorker(session.id, participantId, staffId),
  );
  const add = useSessionWrite(session.id, (staffId: string) =>
    sessionsApi.addWorker(session.id, { staffId, lead: false }),
  );
  const booked = session.status === 'booked';
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Workers
      </Title>
      {session.workers.length === 0 ? <Text size="sm">No worker yet (an open shift).</Text> : null}
      {session.workers.map((worker) => (
        <Group key={worker.participantId} gap="xs" justify="space-between">
          <Text size="sm">
            {worker.name}
            {worker.lead ? ' (lead)' : ''}
            {worker.status === 'cancelled' ? ' · cancelled' : ''}
          </Text>
          {canWrite && booked && worker.type === 'staff' ? (
            changing === worker.participantId ? (
              <Select
                aria-label={`Worker instead of ${worker.name}`}
                placeholder="Choose who instead"
                w={220}
                searchable
                data={options.filter((o) => o.value !== worker.subjectId)}
                onChange={(staffId) =>
                  staffId &&
                  void change.mutateAsync({ participantId: worker.participantId, staffId }).then(
                    () => setChanging(null),
                    () => undefined,
                  )
                }
              />
            ) : (
              <Button size="compact-xs" variant="default" onClick={() => setChanging(worker.participantId)}>
                Change worker…
              </Button>
            )
          ) : null}
        </Group>
      ))}
      {canWrite && booked ? (
        <Select
          label="Add a worker"
          placeholder="Choose a worker"
          w={240}
          searchable
          value={null}
          data={options.filter((o) => !session.workers.some((w) => w.subjectId === o.value))}
          onChange={(staffId) => staffId && void add.mutateAsync(staffId).catch(() => undefined)}
        />
      ) : null}
      {change.isError ? <SessionProblem error={change.error} title="The worker was not changed" /> : null}
      {add.isError ? <SessionProblem error={add.error} title="The worker was not added" /> : null}
    </Stack>
  );
}
