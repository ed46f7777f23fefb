import { Alert, Button, FileInput, Group, Modal, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/problem';
import { useConfirm } from '../../shared/confirm-dialog';
import { formatInstant } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import {
  type AppointmentDetail,
  type CompleteInput,
  OUTCOME_LABELS,
  useAddendum,
  useAppointment,
  useComplete,
  useSignOff,
} from './quick-view-api';

const FIELD_WORDS: Record<string, string> = {
  notes: 'Session notes',
  notesFile: 'The notes file',
  outcome: 'The outcome',
  text: 'The addendum',
};

/** The server's reason for one field (a predicate, "must be…"), made a sentence naming the field. */
function reasonFor(error: unknown, field: string): string | null {
  if (!isApiError(error)) return null;
  const found = error.fieldErrors.find((e) => e.field.replace(/^body[./]/, '').split('.')[0] === field);
  return found ? `${FIELD_WORDS[field] ?? field} ${found.reason}` : null;
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function CompleteForm({ detail }: { detail: AppointmentDetail }) {
  const complete = useComplete();
  const [notes, setNotes] = useState(detail.notes ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<CompleteInput['outcome'] | null>(detail.outcome);
  const [outcomeMissing, setOutcomeMissing] = useState(false);
  const submit = async () => {
    if (!outcome) {
      setOutcomeMissing(true);
      return;
    }
    const input: CompleteInput = { outcome, notes: notes.trim() === '' ? null : notes };
    if (file) input.notesFile = { name: file.name, type: file.type, contentBase64: await toBase64(file) };
    complete.mutate({ bookingId: detail.bookingId, input });
  };
  const fieldErrors = isApiError(complete.error) && complete.error.fieldErrors.length > 0;
  return (
    <Stack
      component="form"
      aria-label="Complete appointment"
      gap="sm"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Textarea
        label="Session notes"
        description="Type the notes, or upload them as a PDF or Word file below (or both)"
        autosize
        minRows={4}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={
          reasonFor(complete.error, 'notes') && !reasonFor(complete.error, 'notesFile')
            ? reasonFor(complete.error, 'notes')
            : null
        }
      />
      <FileInput
        label="Notes file"
        description={
          detail.notesFile
            ? `Uploaded: ${detail.notesFile.name}. A new file replaces it.`
            : 'PDF or Word (.pdf, .doc, .docx), at most 5 MB'
        }
        accept=".pdf,.doc,.docx,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        value={file}
        onChange={setFile}
        clearable
        error={reasonFor(complete.error, 'notesFile')}
      />
      <Select
        label="Outcome"
        withAsterisk
        data={Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }))}
        value={outcome}
        onChange={(v) => {
          setOutcome(v as CompleteInput['outcome'] | null);
          setOutcomeMissing(false);
        }}
        error={outcomeMissing ? 'Choose the outcome of the session' : reasonFor(complete.error, 'outcome')}
      />
      {complete.error && !fieldErrors ? (
        <ProblemAlert error={complete.error} title="The appointment couldn't be completed" />
      ) : null}
      <Group justify="flex-end">
        <Button type="submit" loading={complete.isPending}>
          {detail.completedAt ? 'Save notes' : 'Complete'}
        </Button>
      </Group>
    </Stack>
  );
}

function SignedOff({ detail }: { detail: AppointmentDetail }) {
  const addendum = useAddendum();
  const [text, setText] = useState('');
  return (
    <Stack gap="sm">
      <Alert color="gray" variant="light" title="Signed off">
        This record is frozen. A correction is added as an addendum; the notes themselves never change.
      </Alert>
      <Text size="sm" fw={600}>
        Outcome
      </Text>
      <Text size="sm">{detail.outcome ? OUTCOME_LABELS[detail.outcome] : '—'}</Text>
      <Text size="sm" fw={600}>
        Session notes
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} aria-label="Session notes">
        {detail.notes ?? '—'}
      </Text>
      {detail.notesFile ? (
        <a href={`/api/v1/appointments/${detail.bookingId}/notes-file`}>Download {detail.notesFile.name}</a>
      ) : null}
      <Text size="sm" fw={600}>
        Addenda
      </Text>
      {detail.addenda.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet.
        </Text>
      ) : (
        <Stack component="ol" gap="xs" aria-label="Addenda" style={{ paddingLeft: 20, margin: 0 }}>
          {detail.addenda.map((a) => (
            <li key={a.id}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {a.text}
              </Text>
              <Text size="xs" c="gray.7">
                {a.byName}, {formatInstant(a.createdAt, detail.associateTime.zone)}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      <Paper withBorder p="sm" radius="md">
        <Stack
          component="form"
          aria-label="Add an addendum"
          gap="xs"
          onSubmit={(e) => {
            e.preventDefault();
            addendum.mutate({ bookingId: detail.bookingId, text }, { onSuccess: () => setText('') });
          }}
        >
          <Textarea
            label="Addendum"
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={reasonFor(addendum.error, 'text')}
          />
          {addendum.error && !reasonFor(addendum.error, 'text') ? (
            <ProblemAlert error={addendum.error} title="The addendum couldn't be added" />
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={addendum.isPending}>
              Add addendum
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

/** Notes and outcome of one appointment: completing it, signing it off, and addenda afterwards. */
export function AppointmentNotesModal({
  bookingId,
  onClose,
}: {
  bookingId: string | null;
  onClose: () => void;
}) {
  const query = useAppointment(bookingId);
  const signOff = useSignOff();
  const confirm = useConfirm();
  const detail = query.data;
  useEffect(() => {
    if (bookingId === null) signOff.reset();
  }, [bookingId, signOff.reset]);
  const title = detail ? `${detail.clientName ?? detail.name} · ${detail.associateTime.date}` : 'Appointment';
  return (
    <Modal
      opened={bookingId !== null}
      onClose={onClose}
      title={title}
      size="lg"
      // Below the app's confirmation dialog (Mantine's default 200), which asks before sign-off.
      zIndex={190}
    >
      {query.isPending ? <Text size="sm">Loading…</Text> : null}
      {query.isError ? <ProblemAlert error={query.error} title="The appointment couldn't be loaded" /> : null}
      {detail && detail.signedOffAt === null ? (
        <Stack gap="md">
          <CompleteForm key={`${detail.bookingId}:${detail.completedAt ?? ''}`} detail={detail} />
          {detail.actions.includes('sign_off') ? (
            <Paper withBorder p="sm" radius="md">
              <Stack gap="xs">
                <Text size="sm">
                  Completed. Sign off when the notes are final: the record is then frozen.
                </Text>
                {signOff.error ? <ProblemAlert error={signOff.error} title="Couldn't sign off" /> : null}
                <Group justify="flex-end">
                  <Button
                    loading={signOff.isPending}
                    onClick={async () => {
                      const yes = await confirm({
                        title: 'Sign off this appointment?',
                        message: 'The notes and outcome are frozen from now on; corrections become addenda.',
                        confirmLabel: 'Sign off',
                      });
                      if (yes) signOff.mutate(detail.bookingId);
                    }}
                  >
                    Sign off
                  </Button>
                </Group>
              </Stack>
            </Paper>
          ) : null}
        </Stack>
      ) : null}
      {detail && detail.signedOffAt !== null ? <SignedOff detail={detail} /> : null}
    </Modal>
  );
}
