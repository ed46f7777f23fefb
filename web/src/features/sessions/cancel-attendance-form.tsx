import { Button, Group, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState } from 'react';
import { LocalDateInput } from '../../shared/local-date-input';
import { todayIn, wallClockToInstant } from '../scheduling/calendar-time';
import { SessionProblem } from './session-problem';
import type { CancelAttendanceInput, Session, SessionClient } from './sessions-api';
import { sessionsApi } from './sessions-api';
import { useSessionWrite } from './sessions-queries';

const WHO = [
  { value: 'client', label: 'The client' },
  { value: 'representative', label: 'Their representative' },
  { value: 'provider', label: 'The provider (us)' },
];

const REASONS = [
  { value: 'health', label: 'Health (NSDH)' },
  { value: 'family', label: 'Family (NSDF)' },
  { value: 'transport', label: 'Transport (NSDT)' },
  { value: 'other', label: 'Other (NSDO)' },
];

/**
 * One client's attendance cancelled, the others go ahead: who cancelled, when the provider was told (date and
 * time, in the viewer's zone) and why. Whether it is charged is the NDIS short-notice rule's, on the server.
 */
export function CancelAttendanceForm({
  session,
  client,
  zone,
  onDone,
}: {
  session: Session;
  client: SessionClient;
  zone: string;
  onDone: () => void;
}) {
  const [cancelledBy, setCancelledBy] = useState<string | null>('client');
  const [cancelledByName, setName] = useState('');
  const [date, setDate] = useState(todayIn(zone));
  const [time, setTime] = useState('');
  const [reasonCode, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const write = useSessionWrite(session.id, (input: CancelAttendanceInput) =>
    sessionsApi.cancelAttendance(session.id, client.participantId, input),
  );

  return (
    <form
      aria-label={`Cancel ${client.name}'s attendance`}
      onSubmit={(event) => {
        event.preventDefault();
        const notifiedAt =
          /^\d{2}:\d{2}$/.test(time) && date ? wallClockToInstant(`${date}T${time}`, zone) : null;
        void write
          .mutateAsync({
            cancelledBy: (cancelledBy ?? 'client') as CancelAttendanceInput['cancelledBy'],
            cancelledByName: cancelledByName.trim() || null,
            notifiedAt: notifiedAt?.toString() ?? '',
            reasonCode: (reasonCode ?? '') as CancelAttendanceInput['reasonCode'],
            note: note.trim() || null,
          })
          .then(onDone, () => undefined);
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h5">
          Cancel {client.name}'s attendance
        </Title>
        <Group grow align="flex-start">
          <Select
            label="Who cancelled"
            required
            allowDeselect={false}
            data={WHO}
            value={cancelledBy}
            onChange={setCancelledBy}
          />
          <TextInput
            label="Their name"
            value={cancelledByName}
            onChange={(e) => setName(e.currentTarget.value)}
          />
        </Group>
        <Group grow align="flex-start">
          <LocalDateInput label="Provider told on" required value={date} onChange={setDate} />
          <TimeInput
            label="At"
            required
            description={zone}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
          />
        </Group>
        <Select label="Reason" required data={REASONS} value={reasonCode} onChange={setReason} />
        <Textarea
          label="Note"
          autosize
          minRows={1}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {write.isError ? (
          <SessionProblem error={write.error} title="The attendance was not cancelled" />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Keep attending
          </Button>
          <Button type="submit" color="red.9" loading={write.isPending}>
            Cancel attendance
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
