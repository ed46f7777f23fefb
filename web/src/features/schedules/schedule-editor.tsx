import { ActionIcon, Button, Group, Modal, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState } from 'react';
import { minorToInput, moneyError, parseMoney } from '../../shared/money';
import { ProblemAlert } from '../../shared/problem-alert';
import {
  SCHEDULE_TYPES,
  useSaveSchedule,
  WEEKDAYS,
  type WorkSchedule,
  type WorkScheduleInput,
} from './schedules-api';

type Line = WorkScheduleInput['lines'][number] & { key: number };
let nextKey = 0;

/** Add or edit one work schedule: its name, type, pay rate and weekly lines. */
export function ScheduleEditor({
  staffId,
  timeZone,
  schedule,
  onClose,
}: {
  staffId: string;
  timeZone: string;
  schedule: WorkSchedule | null;
  onClose: () => void;
}) {
  const [name, setName] = useState(schedule?.name ?? '');
  const [type, setType] = useState<WorkScheduleInput['type']>(schedule?.type ?? 'adhoc');
  const [rate, setRate] = useState(minorToInput(schedule?.payRateMinor));
  const [active, setActive] = useState(schedule?.active ?? true);
  const [lines, setLines] = useState<Line[]>(
    () =>
      schedule?.lines.map((l) => ({ ...l, key: nextKey++ })) ?? [
        { weekday: 1, startsAt: '09:00', endsAt: '14:00', key: nextKey++ },
      ],
  );
  const save = useSaveSchedule(staffId);
  const rateMinor = rate.trim() === '' ? null : parseMoney(rate);
  const update = (key: number, change: Partial<Line>) =>
    setLines((current) => current.map((l) => (l.key === key ? { ...l, ...change } : l)));

  const submit = () =>
    save.mutate(
      {
        id: schedule?.id ?? null,
        input: {
          name,
          type,
          payRateMinor: rateMinor,
          active,
          lines: lines.map(({ key: _key, ...l }) => l),
        },
      },
      { onSuccess: onClose },
    );

  return (
    <Modal
      opened
      onClose={onClose}
      title={schedule ? `Edit ${schedule.name}` : 'New work schedule'}
      size="lg"
    >
      <Stack gap="sm">
        {save.isError ? <ProblemAlert error={save.error} title="The schedule was not saved" /> : null}
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Group grow align="flex-start">
          <Select
            label="Type"
            data={SCHEDULE_TYPES.map((t) => ({ value: t.value, label: t.label }))}
            value={type}
            onChange={(v) => v && setType(v as WorkScheduleInput['type'])}
            allowDeselect={false}
          />
          <TextInput
            label="Pay rate per hour"
            description="Paid for sessions booked on this schedule"
            leftSection="$"
            value={rate}
            onChange={(e) => setRate(e.currentTarget.value)}
            error={rate.trim() !== '' && rateMinor === null ? moneyError() : undefined}
          />
        </Group>
        <Switch
          label="Active (offered when finding a time)"
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <Text size="sm" fw={600}>
          Available
        </Text>
        <Text size="xs" c="gray.7">
          Weekly times in {timeZone}.
        </Text>
        {lines.map((l) => (
          <Group key={l.key} gap="xs" wrap="wrap">
            <Select
              aria-label="Day"
              data={WEEKDAYS.map((d, i) => ({ value: String(i + 1), label: d }))}
              value={String(l.weekday)}
              onChange={(v) => v && update(l.key, { weekday: Number(v) })}
              w={90}
              allowDeselect={false}
            />
            <TimeInput
              aria-label="From"
              value={l.startsAt}
              onChange={(e) => update(l.key, { startsAt: e.currentTarget.value })}
              w={110}
            />
            <Text size="sm">to</Text>
            <TimeInput
              aria-label="To"
              value={l.endsAt}
              onChange={(e) => update(l.key, { endsAt: e.currentTarget.value })}
              w={110}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${WEEKDAYS[l.weekday - 1]} ${l.startsAt}`}
              onClick={() => setLines((current) => current.filter((x) => x.key !== l.key))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group justify="space-between">
          <Button
            variant="subtle"
            onClick={() =>
              setLines((c) => [...c, { weekday: 1, startsAt: '09:00', endsAt: '17:00', key: nextKey++ }])
            }
          >
            Add a line
          </Button>
          <Button
            onClick={submit}
            loading={save.isPending}
            disabled={rate.trim() !== '' && rateMinor === null}
          >
            Save schedule
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
