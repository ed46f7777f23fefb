import { Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Temporal } from 'temporal-polyfill';
import { EmptyState } from '../../shared/empty-state';
import { ProblemAlert } from '../../shared/problem-alert';
import { type Occupancy, useOccupancy } from './beds-api';

type Site = Occupancy['items'][number];

const monthLabel = (m: string) =>
  Temporal.PlainYearMonth.from(m).toLocaleString('en-AU', {
    month: 'short',
    year: 'numeric',
    calendar: 'iso8601',
  });

/** Utilisation per month as bars (SVG): occupied nights over the nights the beds were in service. */
function UtilisationChart({ site }: { site: Site }) {
  const width = 56 * site.months.length + 40;
  const height = 160;
  return (
    <svg
      width={width}
      height={height + 30}
      role="img"
      aria-label={`Utilisation of ${site.siteName} per month`}
    >
      <line x1={30} x2={width} y1={height} y2={height} stroke="#868e96" />
      {[0, 50, 100].map((p) => (
        <text key={p} x={0} y={height - (p * (height - 10)) / 100 + 4} fontSize={10} fill="#495057">
          {p}%
        </text>
      ))}
      {site.months.map((m, i) => {
        const h = (m.utilisationPercent * (height - 10)) / 100;
        const x = 36 + i * 56;
        return (
          <g key={m.month}>
            <rect x={x} y={height - h} width={40} height={h} fill="#1864ab">
              <title>{`${monthLabel(m.month)}: ${m.utilisationPercent}%`}</title>
            </rect>
            <text x={x + 20} y={height - h - 4} fontSize={10} textAnchor="middle" fill="#212529">
              {m.utilisationPercent}%
            </text>
            <text x={x + 20} y={height + 16} fontSize={10} textAnchor="middle" fill="#495057">
              {monthLabel(m.month)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Occupancy and utilisation per site and month, from this month back five months. */
export function OccupancyReport() {
  const [from] = useState(() =>
    Temporal.Now.plainDateISO().toPlainYearMonth().subtract({ months: 2 }).toString(),
  );
  const report = useOccupancy(from, 6);
  if (report.isPending) return <Loader aria-label="Loading occupancy" />;
  if (report.isError) return <ProblemAlert error={report.error} title="Occupancy couldn't be loaded" />;
  if (report.data.items.length === 0)
    return <EmptyState title="No sites yet">Add a site and its beds first.</EmptyState>;
  return (
    <Stack gap="lg">
      {report.data.items.map((site) => (
        <Paper key={site.siteId} withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {site.siteName} · {site.beds} beds
          </Title>
          <Group align="flex-start" gap="xl" wrap="wrap">
            <UtilisationChart site={site} />
            <Table fz="sm" aria-label={`Occupancy of ${site.siteName}`} w="auto">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Month</Table.Th>
                  <Table.Th>Occupied nights</Table.Th>
                  <Table.Th>Held</Table.Th>
                  <Table.Th>Out of service</Table.Th>
                  <Table.Th>Utilisation</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {site.months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Td>{monthLabel(m.month)}</Table.Td>
                    <Table.Td>
                      {m.occupiedNights} of {m.bedNights}
                    </Table.Td>
                    <Table.Td>{m.heldNights}</Table.Td>
                    <Table.Td>{m.outOfServiceNights}</Table.Td>
                    <Table.Td>{m.utilisationPercent}%</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Group>
          <Text size="xs" c="gray.7" mt="xs">
            Utilisation: occupied nights over the nights the beds were in service.
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
