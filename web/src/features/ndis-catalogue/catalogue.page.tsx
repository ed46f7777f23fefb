import { Badge, Group, Paper, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../shared/empty-state';
import { formatPlainDate } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { formatMoney } from '../../shared/money';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { type SupportItem, useCatalogueItems } from './catalogue-api';
import { CatalogueImportForm } from './catalogue-import-form';

const FLAG_LABELS: [keyof SupportItem['flags'], string][] = [
  ['nonFaceToFace', 'Non-face-to-face'],
  ['providerTravel', 'Provider travel'],
  ['shortNoticeCancellation', 'Short-notice cancellation'],
  ['ndiaRequestedReports', 'NDIA reports'],
];

const price = (item: SupportItem, zone: string) => {
  const p = item.prices[zone] ?? (zone === 'NSW' ? item.prices.NATIONAL : undefined);
  return p === undefined ? '—' : formatMoney(p);
};

/** The NDIS support catalogue: dated items with their price limits and claim flags, and its import. */
export function CataloguePage() {
  const [search, setSearch] = useState('');
  const [on, setOn] = useState<string | null>(null);
  const items = useCatalogueItems({ on, search });
  const list = items.data?.items ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title="NDIS support catalogue"
        description="Support items as the NDIA publishes them, each version with its dates, price limits by state and remoteness, and claim flags."
      />
      <CatalogueImportForm />
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Item number or name"
          w={280}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <LocalDateInput label="In force on" value={on ?? ''} onChange={(value) => setOn(value || null)} />
      </Group>
      {items.isError ? <ProblemAlert error={items.error} title="The catalogue couldn't be loaded" /> : null}
      {items.isPending ? (
        <Skeleton height={200} aria-busy="true" />
      ) : list.length === 0 ? (
        <EmptyState title="No support items">
          Import the NDIA Support Catalogue to claim against its items and price limits.
        </EmptyState>
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table aria-label="Support items" verticalSpacing="xs">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th>Unit</Table.Th>
                <Table.Th>In force</Table.Th>
                <Table.Th ta="right">NSW</Table.Th>
                <Table.Th ta="right">Remote</Table.Th>
                <Table.Th ta="right">Very remote</Table.Th>
                <Table.Th>Claim flags</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {item.number}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {item.name}
                      {item.therapy ? ' · therapy' : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{item.unit}</Table.Td>
                  <Table.Td>
                    {formatPlainDate(item.startsOn)} – {item.endsOn ? formatPlainDate(item.endsOn) : 'open'}
                  </Table.Td>
                  <Table.Td ta="right">{price(item, 'NSW')}</Table.Td>
                  <Table.Td ta="right">{price(item, 'REMOTE')}</Table.Td>
                  <Table.Td ta="right">{price(item, 'VERY_REMOTE')}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {FLAG_LABELS.filter(([k]) => item.flags[k]).map(([k, label]) => (
                        <Badge key={k} size="xs" variant="light">
                          {label}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
