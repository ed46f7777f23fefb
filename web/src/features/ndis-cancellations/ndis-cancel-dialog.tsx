import { Button, Checkbox, Group, Loader, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState } from 'react';
import { LocalDateInput } from '../../shared/local-date-input';
import { todayIn, wallClockToInstant } from '../scheduling/calendar-time';
import { SessionProblem } from '../sessions/session-problem';
import type { Session, SessionClient } from '../sessions/sessions-api';
import { useSessionWrite } from '../sessions/sessions-queries';
import {
  type NdisCancellationInput,
  ndisCancellationsApi,
  useNdisCancellationPreview,
} from './ndis-cancellations-api';
import { NdisDecisionProof } from './ndis-decision-proof';

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
 * One client's attendance cancelled under the NDIS rules: who cancelled, when the provider was told (in the
 * session's zone), the reason code and the two attestations. The server judges short notice; the dialog shows
 * its decision and proof (preview) before anything is saved.
 */
export function NdisCancelDialog({
  session,
  client,
  zone,
  onClose,
}: {
  session: Session;
  client: SessionClient;
  zone: string;
  onClose: () => void;
}) {
  const [cancelledBy, setCancelledBy] = useState<string | null>('client');
  const [cancelledByName, setName] = useState('');
  const [date, setDate] = useState(todayIn(zone));
  const [time, setTime] = useState('');
  const [reasonCode, setReason] = useState<string | null>(null);
  const [noShow, setNoShow] = useState(false);
  const [noOtherWork, setNoOtherWork] = useState(false);
  const [workerPaid, setWorkerPaid] = useState(false);
  const [note, setNote] = useState('');
  const notifiedAt =
    /^\d{2}:\d{2}$/.test(time) && date ? wallClockToInstant(`${date}T${time}`, zone).toString() : null;
  const input: NdisCancellationInput | null =
    notifiedAt && reasonCode
      ? {
          cancelledBy: (cancelledBy ?? 'client') as NdisCancellationInput['cancelledBy'],
          cancelledByName: cancelledByName.trim() || null,
          notifiedAt,
          reasonCode: reasonCode as NdisCancellationInput['reasonCode'],
          note: note.trim() || null,
          noShow,
          attestedNoOtherWork: noOtherWork,
          attestedWorkerPaid: workerPaid,
        }
      : null;
  // The name and note do not change the decision: typing them does not ask again.
  const preview = useNdisCancellationPreview(
    session.id,
    client.participantId,
    input ? { ...input, cancelledByName: null, note: null } : null,
  );
  const write = useSessionWrite(
    session.id,
    async (body: NdisCancellationInput) =>
      (await ndisCancellationsApi.record(session.id, client.participantId, body)).session,
  );

  return (
    <Modal opened onClose={onClose} title={`Cancel for ${client.name} (NDIS)`} size="lg">
      <form
        aria-label={`Cancel ${client.name}'s attendance under the NDIS rules`}
        onSubmit={(event) => {
          event.preventDefault();
          if (input) void write.mutateAsync(input).then(onClose, () => undefined);
        }}
      >
        <Stack gap="xs">
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
          <Select label="Reason code" required data={REASONS} value={reasonCode} onChange={setReason} />
          <Checkbox
            label="The client did not show up (a no-show)"
            checked={noShow}
            onChange={(e) => setNoShow(e.currentTarget.checked)}
          />
          <Checkbox
            label="No other billable work could be found for the worker"
            checked={noOtherWork}
            onChange={(e) => setNoOtherWork(e.currentTarget.checked)}
          />
          <Checkbox
            label="The worker is paid for the time"
            checked={workerPaid}
            onChange={(e) => setWorkerPaid(e.currentTarget.checked)}
          />
          <Textarea
            label="Note"
            autosize
            minRows={1}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          {preview.isFetching && !preview.data ? <Loader size="sm" aria-label="Checking the notice" /> : null}
          {preview.isError ? (
            <SessionProblem error={preview.error} title="The notice could not be judged" />
          ) : preview.data && input ? (
            <NdisDecisionProof decision={preview.data} zone={zone} />
          ) : null}
          {write.isError ? (
            <SessionProblem error={write.error} title="The attendance was not cancelled" />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep attending
            </Button>
            <Button
              type="submit"
              color="red.9"
              disabled={!input || !preview.data || preview.isError || preview.isFetching}
              loading={write.isPending}
            >
              Record cancellation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
