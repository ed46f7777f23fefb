import { Alert, Badge, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Temporal } from 'temporal-polyfill';
import { EmptyState } from '../../shared/empty-state';
import { formatInstant } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { todayIn } from '../scheduling/calendar-time';
import { useCancellationReport } from './ndis-cancellations-api';
import { READABLE_TITLE } from './ndis-decision-proof';

const OUTCOME: Record<string, string> = {
  no_show: 'No-show',
  short_notice: 'Short notice',
  in_time: 'In time',
  not_judged: 'Not judged',
};
const REASON: Record<string, string> = { health: 'NSDH', family: 'NSDF', transport: 'NSDT', other: 'NSDO' };

/** A client's cancellations in a period (from the first day, up to the last one excluded), with the alert. */
export function ClientCancellationsReport({ clientId, zone }: { clientId: string; zone: string }) {
  const today = Temporal.PlainDate.from(todayIn(zone));
  const [from, setFrom] = useState(today.subtract({ months: 3 }).toString());
  const [to, setTo] = useState(today.add({ months: 1 }).toString());
  const report = useCancellationReport(clientId, from, to);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Cancellations
      </Title>
      <Group align="flex-end">
        <LocalDateInput label="From" value={from} onChange={setFrom} />
        <LocalDateInput label="Until (not included)" value={to} onChange={setTo} />
      </Group>
      {report.isPending && report.fetchStatus !== 'idle' ? <Skeleton height={80} /> : null}
      {report.isError ? <ProblemAlert error={report.error} title="The report couldn't be loaded" /> : null}
      {report.data ? (
        <>
          <Text size="sm">
            {report.data.counts.short_notice} short notice · {report.data.counts.no_show} no-show ·{' '}
            {report.data.counts.in_time} in time · {report.data.supportsBooked} supports booked
          </Text>
          {report.data.alert ? (
            <Alert color="orange" title="A pattern of cancellations" styles={READABLE_TITLE}>
              {report.data.alert}
            </Alert>
          ) : null}
          {report.data.rows.length === 0 ? (
            <EmptyState title="No cancellations in this period" />
          ) : (
            <Table aria-label="Cancellations" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Support</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data.rows.map((r) => (
                  <Table.Tr key={r.bookingId}>
                    <Table.Td>
                      {r.name}, {formatInstant(r.startsAt, zone)}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={r.outcome === 'in_time' ? 'teal.9' : 'red.9'} tt="none">
                        {OUTCOME[r.outcome]}
                      </Badge>
                      {r.claimable ? ' · claimable' : ''}
                    </Table.Td>
                    <Table.Td>{REASON[r.reasonCode]}</Table.Td>
                    <Table.Td>{r.explanation ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      ) : null}
    </Stack>
  );
}
