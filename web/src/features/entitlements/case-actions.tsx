import { Alert, Button, Group, NumberInput, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState } from 'react';
import { ApiError } from '../../api/problem';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { type CaseSummary, useBookSession, useDecide, useRequestExtra } from './entitlements-api';

/** Book the next session on the case; with none left the server asks for a reason, which this form then shows. */
export function BookSessionForm({ summary }: { summary: CaseSummary }) {
  const book = useBookSession(summary.case.clientId, summary.case.id);
  const [date, setDate] = useState('');
  const [start, setStart] = useState('10:00');
  const [minutes, setMinutes] = useState<number>(60);
  const [reason, setReason] = useState('');
  const needsReason =
    book.error instanceof ApiError &&
    (book.error.problem as { needsOverrideReason?: boolean }).needsOverrideReason === true;
  const submit = () =>
    book.mutate(
      {
        name: `Session: ${summary.case.issue}`,
        bookingDate: date,
        startTime: start,
        durationMinutes: minutes,
        ...(reason.trim() ? { entitlementOverrideReason: reason.trim() } : {}),
      },
      { onSuccess: () => setReason('') },
    );
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Book a session
      </Title>
      {book.isError ? <ProblemAlert error={book.error} title="The session was not booked" /> : null}
      {book.isSuccess ? (
        <Alert color="green" variant="light">
          Session booked.
        </Alert>
      ) : null}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <LocalDateInput label="Date (client's zone)" value={date} onChange={setDate} w={160} />
        <TimeInput label="Start" value={start} onChange={(e) => setStart(e.currentTarget.value)} w={110} />
        <NumberInput
          label="Minutes"
          value={minutes}
          min={5}
          max={480}
          onChange={(v) => setMinutes(Number(v) || 60)}
          w={100}
        />
        {needsReason || reason ? (
          <TextInput
            label="Reason to book with none left"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            w={260}
          />
        ) : null}
        <Button onClick={submit} loading={book.isPending} disabled={!date}>
          Book session
        </Button>
      </Group>
    </Stack>
  );
}

export function RequestExtraForm({ summary }: { summary: CaseSummary }) {
  const request = useRequestExtra(summary.case.clientId, summary.case.id);
  const [sessions, setSessions] = useState<number>(2);
  const [justification, setJustification] = useState('');
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Request extra sessions
      </Title>
      {request.isError ? <ProblemAlert error={request.error} title="The request was not made" /> : null}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NumberInput
          label="Sessions (at most 4)"
          value={sessions}
          min={1}
          max={4}
          onChange={(v) => setSessions(Number(v) || 1)}
          w={150}
        />
        <Textarea
          label="Justification"
          description="Sent to the funder without the client's name"
          value={justification}
          onChange={(e) => setJustification(e.currentTarget.value)}
          autosize
          minRows={1}
          w={320}
        />
        <Button
          onClick={() => request.mutate({ sessions, justification })}
          loading={request.isPending}
          disabled={!justification.trim()}
        >
          Send request
        </Button>
      </Group>
    </Stack>
  );
}

/** The funder's outcome, recorded by a coordinator. */
export function DecideRequest({ summary }: { summary: CaseSummary }) {
  const pending = summary.pendingRequest;
  const decide = useDecide(summary.case.clientId);
  const [count, setCount] = useState<number>(pending?.sessions ?? 1);
  if (!pending) return null;
  const send = (outcome: 'approved' | 'modified' | 'declined') =>
    decide.mutate({
      requestId: pending.id,
      input: { outcome, ...(outcome === 'modified' ? { sessions: count } : {}), note: null },
    });
  return (
    <Stack gap="xs">
      {decide.isError ? <ProblemAlert error={decide.error} title="The outcome was not recorded" /> : null}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Button size="xs" onClick={() => send('approved')}>
          Approve {pending.sessions}
        </Button>
        <NumberInput
          aria-label="Modified count"
          value={count}
          min={1}
          max={4}
          onChange={(v) => setCount(Number(v) || 1)}
          w={80}
          size="xs"
        />
        <Button size="xs" variant="light" onClick={() => send('modified')}>
          Approve {count} instead
        </Button>
        <Button size="xs" variant="subtle" color="red" onClick={() => send('declined')}>
          Decline
        </Button>
      </Group>
    </Stack>
  );
}
