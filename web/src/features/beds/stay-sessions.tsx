import { Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import { formatInstant } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { bedKeys, type Stay, type StaySessions } from './beds-api';

const STATUS: Record<StaySessions['items'][number]['status'], string> = {
  booked: 'Booked',
  completed: 'Delivered',
  cancelled: 'Cancelled',
};

/** The client's sessions and visits during the stay: ordinary sessions, billed as sessions (not on the stay). */
export function StaySessionsList({ stay, timeZone }: { stay: Stay; timeZone: string }) {
  const sessions = useQuery({
    queryKey: [...bedKeys.stay(stay.id), 'sessions', stay.arriveOn, stay.leaveOn],
    queryFn: () => api.get<StaySessions>(`/stays/${encodeURIComponent(stay.id)}/sessions`),
    enabled: stay.clientId !== null,
  });
  if (stay.clientId === null) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Support during the stay
      </Title>
      {sessions.isPending ? <Loader size="sm" aria-label="Loading the sessions" /> : null}
      {sessions.isError ? (
        <ProblemAlert error={sessions.error} title="The sessions couldn't be loaded" />
      ) : null}
      {sessions.data?.items.length === 0 ? (
        <Text size="sm" c="gray.7">
          No sessions or visits between check-in and check-out.
        </Text>
      ) : null}
      {sessions.data && sessions.data.items.length > 0 ? (
        <Table fz="sm" aria-label="Sessions during the stay">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Session</Table.Th>
              <Table.Th>With</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{formatInstant(s.startsAt, timeZone)}</Table.Td>
                <Table.Td>{s.name ?? 'Visit'}</Table.Td>
                <Table.Td>{s.staffName ?? '—'}</Table.Td>
                <Table.Td>{STATUS[s.status]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <Text size="xs" c="gray.7">
        Billed as sessions on the client’s invoices, not as part of the stay.
      </Text>
    </Stack>
  );
}
