import { ScrollArea, Table, Text } from '@mantine/core';
import type { BedsCalendar } from './beds-api';

/** Beds occupied each night, per site: "3/5" under each day of the calendar's range. */
export function OccupancyStrip({ data }: { data: BedsCalendar | undefined }) {
  if (!data || data.sites.length === 0) return null;
  const days = [...new Set(data.occupancy.map((o) => o.date))];
  return (
    <ScrollArea type="auto">
      <Table withTableBorder withColumnBorders fz="xs" aria-label="Occupancy per night">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Occupied per night</Table.Th>
            {days.map((d) => (
              <Table.Th key={d}>{Number(d.slice(8))}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.sites.map((site) => (
            <Table.Tr key={site.id}>
              <Table.Th scope="row">
                <Text size="xs" fw={600}>
                  {site.name}
                </Text>
              </Table.Th>
              {days.map((d) => {
                const o = data.occupancy.find((x) => x.date === d && x.siteId === site.id);
                return <Table.Td key={d}>{o ? `${o.occupied}/${o.beds}` : ''}</Table.Td>;
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
