import { ActionIcon, Button, Fieldset, Group, NumberInput, Select, Stack } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { type LegDraft, newLeg, type WorkerDraft } from './completion-draft';

const LEGS = [
  { value: 'to', label: 'To the session' },
  { value: 'from', label: 'From the session' },
  { value: 'between', label: 'Between appointments' },
];

const num = (v: string | number) => (v === '' ? 0 : Number(v));

function LegRow({
  leg,
  label,
  onChange,
  onRemove,
}: {
  leg: LegDraft;
  label: string;
  onChange: (leg: LegDraft) => void;
  onRemove: () => void;
}) {
  const set = (patch: Partial<LegDraft>) => onChange({ ...leg, ...patch });
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid="travel-leg">
      <Select
        label="Leg"
        w={170}
        allowDeselect={false}
        data={LEGS}
        value={leg.leg}
        onChange={(v) => set({ leg: (v ?? 'to') as LegDraft['leg'] })}
      />
      <NumberInput
        label="Minutes"
        w={90}
        min={0}
        value={leg.minutes}
        onChange={(v) => set({ minutes: num(v) })}
      />
      <NumberInput
        label="Km"
        w={90}
        min={0}
        decimalScale={2}
        value={leg.km}
        onChange={(v) => set({ km: num(v) })}
      />
      <Select
        label="Vehicle"
        w={120}
        allowDeselect={false}
        data={[
          { value: 'own', label: 'Own car' },
          { value: 'company', label: 'Company car' },
        ]}
        value={leg.vehicle}
        onChange={(v) => set({ vehicle: v === 'company' ? 'company' : 'own' })}
      />
      <NumberInput
        label="Tolls ($)"
        w={90}
        min={0}
        decimalScale={2}
        value={leg.tolls}
        onChange={(v) => set({ tolls: num(v) })}
      />
      <NumberInput
        label="Parking ($)"
        w={90}
        min={0}
        decimalScale={2}
        value={leg.parking}
        onChange={(v) => set({ parking: num(v) })}
      />
      <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Remove ${label}`} onClick={onRemove}>
        ✕
      </ActionIcon>
    </Group>
  );
}

/** Per worker: the actual start and end (in the session's zone) and the travel legs they drove. */
export function CompletionWorkers({
  workers,
  zone,
  onChange,
}: {
  workers: WorkerDraft[];
  zone: string;
  onChange: (workers: WorkerDraft[]) => void;
}) {
  const set = (index: number, patch: Partial<WorkerDraft>) =>
    onChange(workers.map((w, i) => (i === index ? { ...w, ...patch } : w)));
  return (
    <Stack gap="sm">
      {workers.map((worker, index) => (
        <Fieldset
          key={worker.participantId}
          legend={worker.name}
          aria-label={`Times and travel of ${worker.name}`}
        >
          <Stack gap="xs">
            <Group gap="xs" align="flex-end">
              <TimeInput
                label="Actual start"
                description={zone}
                w={130}
                required
                value={worker.start}
                onChange={(e) => set(index, { start: e.currentTarget.value })}
              />
              <TimeInput
                label="Actual end"
                description={zone}
                w={130}
                required
                value={worker.end}
                onChange={(e) => set(index, { end: e.currentTarget.value })}
              />
            </Group>
            {worker.travel.map((leg, legIndex) => (
              <LegRow
                // biome-ignore lint/suspicious/noArrayIndexKey: legs have no identity before they are saved
                key={legIndex}
                leg={leg}
                label={`travel leg ${legIndex + 1} of ${worker.name}`}
                onChange={(next) =>
                  set(index, { travel: worker.travel.map((l, i) => (i === legIndex ? next : l)) })
                }
                onRemove={() => set(index, { travel: worker.travel.filter((_, i) => i !== legIndex) })}
              />
            ))}
            <Group>
              <Button
                size="xs"
                variant="light"
                onClick={() => set(index, { travel: [...worker.travel, newLeg()] })}
              >
                Add travel for {worker.name}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      ))}
    </Stack>
  );
}
