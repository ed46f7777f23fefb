import {
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../shared/empty-state';
import { formatPlainDate } from '../../shared/format';
import { LoadMore } from '../../shared/load-more';
import { formatMoney } from '../../shared/money';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { ClientPicker } from '../clients/client-picker';
import type { Invoice, InvoiceFilters, InvoiceStatus } from './billing-api';
import { invoiceTitle, STATUS_STYLE } from './billing-format';
import { useInvoices } from './billing-queries';
import { BillingRunModal } from './billing-run-modal';
import { InvoiceStatusBadge } from './invoice-status-badge';

function Totals({ invoices }: { invoices: Invoice[] }) {
  const sums = useMemo(() => {
    const by: Record<InvoiceStatus, number> = { draft: 0, issued: 0, paid: 0, void: 0 };
    for (const invoice of invoices) by[invoice.status] += invoice.totalMinor;
    return by;
  }, [invoices]);
  const items: { label: string; value: number }[] = [
    { label: 'Draft', value: sums.draft },
    { label: 'Issued, awaiting payment', value: sums.issued },
    { label: 'Paid', value: sums.paid },
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md" data-testid="invoice-totals">
      {items.map((item) => (
        <Paper key={item.label} withBorder radius="md" p="md">
          <Text size="xs" c="gray.7" tt="uppercase" fw={600}>
            {item.label}
          </Text>
          <Text size="xl" fw={700}>
            {formatMoney(item.value)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function InvoicesPage() {
  const [filters, setFilters] = useState<InvoiceFilters>({});
  const [clientName, setClientName] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const query = useInvoices(filters);
  const invoices = query.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(filters).some((v) => v);
  const set = (patch: InvoiceFilters) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <>
      <PageHeader
        title="Invoices"
        description="Draft invoices come from billing runs; issuing one gives it the next number and fixes it."
        actions={<Button onClick={() => setRunning(true)}>New billing run</Button>}
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            w={180}
            data={(Object.keys(STATUS_STYLE) as InvoiceStatus[]).map((s) => ({
              value: s,
              label: STATUS_STYLE[s].label,
            }))}
            value={filters.status ?? null}
            onChange={(value) => set({ status: (value as InvoiceStatus | null) ?? null })}
          />
          <ClientPicker
            label="Client"
            placeholder="Any client"
            w={260}
            value={filters.clientId ?? null}
            selectedName={clientName}
            onChange={(id, name) => {
              setClientName(name);
              set({ clientId: id });
            }}
          />
          <TextInput
            type="date"
            label="Period from"
            value={filters.periodFrom ?? ''}
            onChange={(event) => set({ periodFrom: event.currentTarget.value || null })}
          />
          <TextInput
            type="date"
            label="Period to"
            value={filters.periodTo ?? ''}
            onChange={(event) => set({ periodTo: event.currentTarget.value || null })}
          />
          {filtered ? (
            <Button
              variant="subtle"
              onClick={() => {
                setClientName(null);
                setFilters({});
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </Group>
      </Paper>
      <ProblemAlert error={query.error} title="The invoices couldn’t be loaded" />
      {query.isPending ? (
        <Skeleton height={260} radius="md" />
      ) : invoices.length === 0 && !query.isError ? (
        filtered ? (
          <EmptyState title="No invoices match these filters">Change or clear the filters above.</EmptyState>
        ) : (
          <EmptyState
            title="No invoices yet"
            action={<Button onClick={() => setRunning(true)}>New billing run</Button>}
          >
            A billing run turns completed visits into draft invoices, one per client.
          </EmptyState>
        )
      ) : invoices.length > 0 ? (
        <>
          <Totals invoices={invoices} />
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={720}>
              <Table highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Invoice</Table.Th>
                    <Table.Th>To</Table.Th>
                    <Table.Th>Period</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th ta="right">Total</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {invoices.map((invoice) => (
                    <Table.Tr key={invoice.id} data-testid="invoice-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/invoices/${invoice.id}`} fw={600}>
                          {invoiceTitle(invoice)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{invoice.recipient}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatPlainDate(invoice.periodFrom)} – {formatPlainDate(invoice.periodTo)}
                      </Table.Td>
                      <Table.Td>
                        <InvoiceStatusBadge invoice={invoice} />
                      </Table.Td>
                      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {formatMoney(invoice.totalMinor)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <Text size="xs" c="gray.7" mt="xs">
            Totals cover the {invoices.length} invoices and credit notes loaded.
          </Text>
          <LoadMore
            hasNextPage={query.hasNextPage}
            isFetchingNextPage={query.isFetchingNextPage}
            fetchNextPage={query.fetchNextPage}
          />
        </>
      ) : null}
      <BillingRunModal opened={running} onClose={() => setRunning(false)} />
    </>
  );
}
