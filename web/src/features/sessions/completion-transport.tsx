import { ActionIcon, Button, Group, MultiSelect, NumberInput, Select, Stack, Text } from '@mantine/core';
import type { TransportDraft, WorkerDraft } from './completion-draft';

const num = (v: string | number) => (v === '' ? 0 : Number(v));

/** Activity-based transport: a worker drives clients during the session; those carried share its cost. */
export function CompletionTransport({
  value,
  onChange,
  workers,
  clients,
}: {
  value: TransportDraft[];
  onChange: (rows: TransportDraft[]) => void;
  workers: WorkerDraft[];
  clients: { participantId: string; name: string }[];
}) {
  const set = (index: number, patch: Partial<TransportDraft>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const workerOptions = workers.map((w) => ({ value: w.participantId, label: w.name }));
  const clientOptions = clients.map((c) => ({ value: c.participantId, label: c.name }));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Transport during the session
      </Text>
      {value.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are saved
        <Group key={index} gap="xs" align="flex-end" wrap="wrap" data-testid="transport-row">
          <Select
            label="Driver"
            w={170}
            allowDeselect={false}
            data={workerOptions}
            value={row.workerParticipantId}
            onChange={(v) => v && set(index, { workerParticipantId: v })}
          />
          <MultiSelect
            label="Clients carried"
            w={260}
            data={clientOptions}
            value={row.clientParticipantIds}
            onChange={(ids) => set(index, { clientParticipantIds: ids })}
          />
          <NumberInput
            label="Km"
            w={80}
            min={0}
            decimalScale={2}
            value={row.km}
            onChange={(v) => set(index, { km: num(v) })}
          />
          <NumberInput
            label="Minutes"
            w={90}
            min={0}
            value={row.minutes}
            onChange={(v) => set(index, { minutes: num(v) })}
          />
          <Select
            label="Vehicle"
            w={130}
            allowDeselect={false}
            data={[
              { value: 'standard', label: 'Standard' },
              { value: 'modified', label: 'Modified' },
            ]}
            value={row.vehicleType}
            onChange={(v) => set(index, { vehicleType: v === 'modified' ? 'modified' : 'standard' })}
          />
          <NumberInput
            label="Tolls ($)"
            w={90}
            min={0}
            decimalScale={2}
            value={row.tolls}
            onChange={(v) => set(index, { tolls: num(v) })}
          />
          <NumberInput
            label="Parking ($)"
            w={90}
            min={0}
            decimalScale={2}
            value={row.parking}
            onChange={(v) => set(index, { parking: num(v) })}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={`Remove transport ${index + 1}`}
            onClick={() => onChange(value.filter((_, i) => i !== index))}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          disabled={workers.length === 0}
          onClick={() =>
            onChange([
              ...value,
              {
                workerParticipantId: workers[0]?.participantId ?? '',
                km: 0,
                minutes: 0,
                clientParticipantIds: clients.map((c) => c.participantId),
                vehicleType: 'standard',
                tolls: 0,
                parking: 0,
              },
            ])
          }
        >
          Add transport
        </Button>
      </Group>
    </Stack>
  );
}
