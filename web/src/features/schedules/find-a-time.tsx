import { Badge, Group, NumberInput, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useAuth } from '../../auth/auth-context';
import { formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import { ProblemAlert } from '../../shared/problem-alert';
import { ClientPicker } from '../clients/client-picker';
import { typeLabel, useSlots } from './schedules-api';

/** The associate's free times for a session, in their zone and (with a client chosen) the client's. */
export function FindATime({ staffId }: { staffId: string }) {
  const [duration, setDuration] = useState<number>(60);
  const [days, setDays] = useState<number>(14);
  const [clientId, setClientId] = useState<string | null>(null);
  const { can } = useAuth();
  const slots = useSlots(staffId, {
    durationMinutes: duration,
    days,
    stepMinutes: 30,
    clientId: clientId ?? undefined,
  });
  const data = slots.data;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Find a time
      </Title>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NumberInput
          label="Session (minutes)"
          value={duration}
          min={5}
          max={480}
          step={5}
          onChange={(v) => setDuration(Number(v) || 60)}
          w={150}
        />
        <NumberInput
          label="Next days"
          value={days}
          min={1}
          max={62}
          onChange={(v) => setDays(Number(v) || 14)}
          w={110}
        />
        {can('clients.read') ? (
          <ClientPicker
            label="Client (for their time zone)"
            value={clientId}
            onChange={(v) => setClientId(v)}
            w={260}
          />
        ) : null}
      </Group>
      {slots.isError ? <ProblemAlert error={slots.error} title="The free times couldn't be loaded" /> : null}
      {slots.isPending ? <Skeleton height={120} /> : null}
      {data ? (
        <>
          {data.holidays.length > 0 ? (
            <Text size="sm" c="gray.7">
              Public holidays blocked:{' '}
              {data.holidays.map((h) => `${h.name} (${formatPlainDate(h.date)})`).join(', ')}
            </Text>
          ) : null}
          {data.items.length === 0 ? (
            <Text size="sm">No free time in the next {days} days.</Text>
          ) : (
            <div style={{ overflowX: 'auto' }}>
              <Table aria-label="Available times" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Your time ({data.staffTimeZone})</Table.Th>
                    {data.clientTimeZone ? <Table.Th>Client's time ({data.clientTimeZone})</Table.Th> : null}
                    <Table.Th>Schedule</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.slice(0, 200).map((s) => (
                    <Table.Tr key={`${s.scheduleId}-${s.startsAt}`}>
                      <Table.Td>
                        {formatPlainDate(s.staffLocal.date)} {s.staffLocal.time}
                      </Table.Td>
                      {s.clientLocal ? (
                        <Table.Td>
                          {formatPlainDate(s.clientLocal.date)} {s.clientLocal.time}
                        </Table.Td>
                      ) : null}
                      <Table.Td>
                        <Group gap={6}>
                          <Badge variant="light" color="green">
                            Available
                          </Badge>
                          <Text size="sm">
                            {s.scheduleName} · {typeLabel(s.scheduleType)} · {formatMoney(s.payRateMinor)}/h
                          </Text>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </>
      ) : null}
    </Stack>
  );
}
