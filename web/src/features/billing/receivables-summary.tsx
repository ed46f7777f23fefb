import { Paper, SimpleGrid, Skeleton, Table, Text } from '@mantine/core';
import { formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import { ProblemAlert } from '../../shared/problem-alert';
import type { AgingBucket } from './billing-api';
import { useReceivables } from './billing-queries';

const BUCKET_LABEL: Record<AgingBucket, string> = {
  current: 'Not yet due',
  '1-30': '1–30 days overdue',
  '31-60': '31–60 days',
  '61-90': '61–90 days',
  '90+': 'Over 90 days',
};

/** What is owed, from the server (outstanding = issued, unpaid invoices), aged by days past due. */
export function ReceivablesSummary() {
  const query = useReceivables();
  if (query.isPending) return <Skeleton height={120} radius="md" mb="md" />;
  if (query.isError || !query.data)
    return <ProblemAlert error={query.error} title="Receivables couldn’t be loaded" />;
  const r = query.data;
  const cards = [
    { label: 'Issued, awaiting payment', value: r.outstandingMinor, note: `${r.outstandingCount} invoices` },
    { label: 'Overdue', value: r.overdueMinor, note: `${r.overdueCount} invoices` },
    { label: 'Draft', value: r.draftMinor, note: 'not yet issued' },
    { label: 'Paid', value: r.paidMinor, note: 'all time' },
  ];
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 4 }} mb="sm" data-testid="invoice-totals">
        {cards.map((card) => (
          <Paper key={card.label} withBorder radius="md" p="md">
            <Text size="xs" c="gray.7" tt="uppercase" fw={600}>
              {card.label}
            </Text>
            <Text size="xl" fw={700}>
              {formatMoney(card.value)}
            </Text>
            <Text size="xs" c="gray.7">
              {card.note}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Paper withBorder radius="md" mb="md">
        <Table aria-label="Aged receivables" data-testid="aged-receivables">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Aged receivables on {formatPlainDate(r.asOf)}</Table.Th>
              {r.aging.map((b) => (
                <Table.Th key={b.bucket} ta="right">
                  {BUCKET_LABEL[b.bucket]}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>Outstanding</Table.Td>
              {r.aging.map((b) => (
                <Table.Td key={b.bucket} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatMoney(b.totalMinor)}
                  <Text span size="xs" c="gray.7">
                    {' '}
                    ({b.count})
                  </Text>
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>
    </>
  );
}
