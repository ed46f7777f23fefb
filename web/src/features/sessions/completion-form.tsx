import { Button, Divider, Group, Modal, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { type CompletionDraft, initialDraft, toCompletionInput } from './completion-draft';
import { CompletionPreviewSection } from './completion-preview';
import { CompletionTransport } from './completion-transport';
import { CompletionWorkers } from './completion-workers';
import { SessionProblem } from './session-problem';
import { type CompletionInput, type Session, sessionsApi } from './sessions-api';
import { useCompletionPreview, useSessionWrite } from './sessions-queries';

const AREAS = [
  { value: 'auto', label: "From the client's location" },
  { value: 'metro', label: 'Metro (MMM 1–3)' },
  { value: 'regional', label: 'Regional (MMM 4–5)' },
  { value: 'remote', label: 'Remote (MMM 6–7)' },
];

/** Completing a session: actual times, travel, transport and apportionment, with the server's preview first. */
export function CompletionForm({ session, onClose }: { session: Session; onClose: () => void }) {
  const [draft, setDraft] = useState<CompletionDraft>(() => initialDraft(session));
  const input = toCompletionInput(session, draft);
  const [debounced] = useDebouncedValue(input, 400);
  const preview = useCompletionPreview(session.id, debounced);
  const complete = useSessionWrite(session.id, (body: CompletionInput) =>
    sessionsApi.complete(session.id, body),
  );
  const attending = session.clients.filter((c) => c.status === 'booked' || c.status === 'attended');
  const set = (patch: Partial<CompletionDraft>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <Modal opened onClose={onClose} title={`Complete “${session.name}”`} size="80rem">
      <form
        aria-label="Complete the session"
        onSubmit={(event) => {
          event.preventDefault();
          if (!input) return;
          void complete.mutateAsync(input).then(
            (done) => {
              notifications.show({
                color: 'brand',
                title: 'Session completed',
                message: `“${done.name}”: ${done.completion?.delivered.length ?? 0} delivered records written.`,
              });
              onClose();
            },
            () => undefined,
          );
        }}
      >
        <Stack gap="md">
          <Select
            label="Travel area"
            w={280}
            allowDeselect={false}
            data={AREAS}
            value={draft.travelArea}
            onChange={(v) => set({ travelArea: (v ?? 'auto') as CompletionDraft['travelArea'] })}
          />
          <CompletionWorkers
            workers={draft.workers}
            zone={session.timeZone}
            onChange={(workers) => set({ workers })}
          />
          <CompletionTransport
            value={draft.transport}
            onChange={(transport) => set({ transport })}
            workers={draft.workers}
            clients={attending}
          />
          <Divider />
          {preview.isError ? (
            <SessionProblem error={preview.error} title="The preview couldn't be worked out" />
          ) : null}
          {preview.data ? (
            <CompletionPreviewSection
              preview={preview.data}
              portions={draft.portions}
              charged={draft.charged}
              onPortions={(portions) => set({ portions })}
              onCharged={(charged) => set({ charged })}
            />
          ) : preview.isError ? null : (
            <Skeleton height={160} />
          )}
          {complete.isError ? (
            <SessionProblem error={complete.error} title="The session was not completed" />
          ) : null}
          <Group justify="space-between">
            <Text size="xs" c="gray.7">
              {preview.isFetching
                ? 'Updating the preview…'
                : 'The preview shows exactly what completing writes.'}
            </Text>
            <Group>
              <Button variant="default" onClick={onClose}>
                Not now
              </Button>
              <Button type="submit" loading={complete.isPending} disabled={!input || preview.isError}>
                Complete session
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
