import { Anchor, Button, Checkbox, Group, Paper, Select, Skeleton, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../shared/empty-state';
import { LoadMore } from '../../shared/load-more';
import { LocalDateInput } from '../../shared/local-date-input';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { ClientPicker } from '../clients/client-picker';
import { type InvoiceFilters, type InvoiceStatus, invoiceListCsvUrl } from './billing-api';
import { STATUS_STYLE } from './billing-format';
import { useInvoices } from './billing-queries';
import { BillingRunModal } from './billing-run-modal';
import { InvoiceTable } from './invoice-table';
import { ReceivablesSummary } from './receivables-summary';
import { XeroExport } from './xero-export';

export function InvoicesPage() {
  const [filters, setFilters] = useState<InvoiceFilters>({});
  const [clientName, setClientName] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const query = useInvoices(filters);
  const invoices = query.data?.pages.flatMap((page) => page.items) ?? [];
  const { sort, order, ...narrowing } = filters;
  const filtered = Object.values(narrowing).some((v) => v);
  const set = (patch: InvoiceFilters) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <>
      <PageHeader
        title="Invoices"
        description="Draft invoices come from billing runs; issuing one gives it the next number and fixes it."
        actions={
          <Group>
            <Anchor component={Link} to="/billing-settings" size="sm">
              Billing settings
            </Anchor>
            <Button onClick={() => setRunning(true)}>New billing run</Button>
          </Group>
        }
      />
      <ReceivablesSummary />
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
          <LocalDateInput
            label="Period from"
            value={filters.periodFrom ?? ''}
            onChange={(value) => set({ periodFrom: value || null })}
          />
          <LocalDateInput
            label="Period to"
            value={filters.periodTo ?? ''}
            onChange={(value) => set({ periodTo: value || null })}
          />
          <Checkbox
            mb={8}
            label="Awaiting payment only"
            checked={filters.outstanding === 'true'}
            onChange={(event) => set({ outstanding: event.currentTarget.checked ? 'true' : null })}
          />
          {filtered ? (
            <Button
              variant="subtle"
              onClick={() => {
                setClientName(null);
                setFilters({ sort, order });
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
          <InvoiceTable
            invoices={invoices}
            sort={{ sort: sort ?? 'newest', order: order ?? 'asc' }}
            onSort={(next) => set(next)}
          />
          <Group justify="space-between" mt="xs">
            <Text size="xs" c="gray.7">
              {invoices.length} invoices and credit notes loaded.
            </Text>
            <Anchor href={invoiceListCsvUrl(filters)} size="sm" download>
              Download this list (CSV)
            </Anchor>
          </Group>
          <LoadMore
            hasNextPage={query.hasNextPage}
            isFetchingNextPage={query.isFetchingNextPage}
            fetchNextPage={query.fetchNextPage}
          />
        </>
      ) : null}
      <XeroExport />
      <BillingRunModal opened={running} onClose={() => setRunning(false)} />
    </>
  );
}
