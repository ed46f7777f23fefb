import { Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState } from 'react';
import { formatPlainDate, orDash } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { useAddBreak, useBreaks, useRemoveBreak, useSetRegion } from './schedules-api';

// The regions offered here; the server accepts any date-holidays country or state.
const REGIONS = [
  ['AU-ACT', 'Australian Capital Territory'],
  ['AU-NSW', 'New South Wales'],
  ['AU-NT', 'Northern Territory'],
  ['AU-QLD', 'Queensland'],
  ['AU-SA', 'South Australia'],
  ['AU-TAS', 'Tasmania'],
  ['AU-VIC', 'Victoria'],
  ['AU-WA', 'Western Australia'],
  ['NZ', 'New Zealand'],
  ['GB', 'United Kingdom'],
].map(([value, label]) => ({ value: value as string, label: `${label} (${value})` }));

export function HolidayRegion({ staffId, region }: { staffId: string; region: string | null }) {
  const set = useSetRegion(staffId);
  return (
    <Stack gap={4}>
      <Select
        label="Public holidays of"
        description="Blocked automatically in every schedule"
        data={REGIONS}
        value={region}
        placeholder="No region: no holidays blocked"
        clearable
        onChange={(v) => set.mutate(v)}
        maw={360}
      />
      {set.isError ? <ProblemAlert error={set.error} title="The region was not changed" /> : null}
    </Stack>
  );
}

export function BreaksSection({ staffId, timeZone }: { staffId: string; timeZone: string }) {
  const breaks = useBreaks(staffId);
  const add = useAddBreak(staffId);
  const remove = useRemoveBreak(staffId);
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [fromTime, setFromTime] = useState('');
  const [toTime, setToTime] = useState('');
  const [reason, setReason] = useState('');
  const submit = () =>
    add.mutate(
      {
        startsOn,
        endsOn: endsOn || startsOn,
        fromTime: fromTime || null,
        toTime: toTime || null,
        reason: reason || null,
      },
      {
        onSuccess: () => {
          setStartsOn('');
          setEndsOn('');
          setFromTime('');
          setToTime('');
          setReason('');
        },
      },
    );
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Breaks
      </Title>
      <Text size="sm" c="gray.7">
        Whole days, or part of a day with times ({timeZone}). Clients already booked in a break need
        rebooking.
      </Text>
      {add.isError ? <ProblemAlert error={add.error} title="The break was not added" /> : null}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <LocalDateInput label="From" value={startsOn} onChange={setStartsOn} w={150} />
        <TimeInput
          label="at (optional)"
          value={fromTime}
          onChange={(e) => setFromTime(e.currentTarget.value)}
          w={110}
        />
        <LocalDateInput label="To" value={endsOn} onChange={setEndsOn} w={150} />
        <TimeInput
          label="until (optional)"
          value={toTime}
          onChange={(e) => setToTime(e.currentTarget.value)}
          w={110}
        />
        <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={180} />
        <Button onClick={submit} loading={add.isPending} disabled={!startsOn}>
          Add break
        </Button>
      </Group>
      {(breaks.data?.items.length ?? 0) > 0 ? (
        <Table aria-label="Breaks">
          <Table.Tbody>
            {breaks.data?.items.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  {formatPlainDate(b.startsOn)}
                  {b.fromTime ? ` ${b.fromTime}` : ''} – {formatPlainDate(b.endsOn)}
                  {b.toTime ? ` ${b.toTime}` : ''}
                  {b.fromTime ? '' : ' (whole days)'}
                </Table.Td>
                <Table.Td>{orDash(b.reason)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(b.id)}>
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">No breaks.</Text>
      )}
    </Stack>
  );
}
