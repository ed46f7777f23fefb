import { Button, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Temporal } from 'temporal-polyfill';
import { EmptyState } from '../../shared/empty-state';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { ClientPicker } from '../clients/client-picker';
import { staysApi, useStayMutation, useVacancies } from './beds-api';

type Query = { arriveOn: string; leaveOn: string; clientId: string };

/** Free beds for a stay, best fit first, with Book and Hold (the hold's expiry and outcome chosen here). */
export function VacancySearch({ onBooked }: { onBooked: (stayId: string) => void }) {
  const [clientId, setClientId] = useState<string | null>(null);
  const [arriveOn, setArriveOn] = useState('');
  const [leaveOn, setLeaveOn] = useState('');
  const [holdHours, setHoldHours] = useState('48');
  const [query, setQuery] = useState<Query | null>(null);
  const results = useVacancies(query);
  const book = useStayMutation((v: { bedId: string; hold: boolean }) =>
    staysApi.create({
      bedId: v.bedId,
      clientId: query!.clientId,
      arriveOn: query!.arriveOn,
      leaveOn: query!.leaveOn,
      state: v.hold ? 'on_hold' : 'booked',
      hold: v.hold
        ? {
            expiresAt: Temporal.Now.instant()
              .add({ hours: Number(holdHours) })
              .toString(),
            outcome: 'release',
          }
        : null,
    }),
  );
  const ready = clientId !== null && arriveOn !== '' && leaveOn !== '';

  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap">
        <ClientPicker label="Client" value={clientId} onChange={(id) => setClientId(id)} w={260} />
        <LocalDateInput label="Arrives" value={arriveOn} onChange={setArriveOn} w={160} />
        <LocalDateInput label="Leaves" value={leaveOn} onChange={setLeaveOn} w={160} />
        <Select
          label="Holds expire after"
          value={holdHours}
          onChange={(v) => setHoldHours(v ?? '48')}
          data={[
            { value: '24', label: '24 hours' },
            { value: '48', label: '48 hours' },
            { value: '72', label: '72 hours' },
          ]}
          allowDeselect={false}
          w={160}
        />
        <Button disabled={!ready} onClick={() => ready && setQuery({ clientId, arriveOn, leaveOn })}>
          Find beds
        </Button>
      </Group>
      {book.isError ? <ProblemAlert error={book.error} title="The bed was not booked" /> : null}
      {results.isError ? <ProblemAlert error={results.error} title="The search failed" /> : null}
      {query === null ? (
        <EmptyState title="Find a free bed">Choose the client and the nights of the stay.</EmptyState>
      ) : results.isPending ? (
        <Loader aria-label="Searching" />
      ) : results.data?.items.length === 0 ? (
        <EmptyState title="No bed is free for every night">Try other dates, or another site.</EmptyState>
      ) : (
        <Table aria-label="Free beds">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Bed</Table.Th>
              <Table.Th>Where</Table.Th>
              <Table.Th>Fit</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.data?.items.map((v) => (
              <Table.Tr key={v.bed.id}>
                <Table.Td>
                  <Text fw={600}>{v.bed.name}</Text>
                  {v.bed.amenities.length ? <Text size="xs">{v.bed.amenities.join(', ')}</Text> : null}
                </Table.Td>
                <Table.Td>
                  {v.siteName} · {v.roomName}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {v.eligible ? (
                      <Text size="sm" fw={600}>
                        Eligible
                      </Text>
                    ) : (
                      <Text size="sm" fw={600} c="red.9">
                        Not eligible
                      </Text>
                    )}
                    {v.preferredSite ? <Text size="xs">Preferred site</Text> : null}
                    {v.amenitiesMatched.length ? (
                      <Text size="xs">Has {v.amenitiesMatched.join(', ')}</Text>
                    ) : null}
                    {v.problems.map((p) => (
                      <Text key={p.rule} size="xs" c="red.9">
                        {p.reason}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button
                      size="xs"
                      aria-label={`Book ${v.bed.name}`}
                      loading={book.isPending}
                      onClick={() =>
                        book.mutate({ bedId: v.bed.id, hold: false }, { onSuccess: (s) => onBooked(s.id) })
                      }
                    >
                      Book
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Hold ${v.bed.name}`}
                      loading={book.isPending}
                      onClick={() =>
                        book.mutate({ bedId: v.bed.id, hold: true }, { onSuccess: (s) => onBooked(s.id) })
                      }
                    >
                      Hold
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
