import { Anchor, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import type { Invoice } from './billing-api';
import { useInvoices } from './billing-queries';
import { ReceivablesSummary } from './receivables-summary';

function InvoiceList({ label, invoices, empty }: { label: string; invoices: Invoice[]; empty: string }) {
  if (invoices.length === 0)
    return (
      <Text size="sm" c="gray.7">
        {empty}
      </Text>
    );
  return (
    <Table aria-label={label} verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>For</Table.Th>
          <Table.Th>Period or due</Table.Th>
          <Table.Th ta="right">Amount</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {invoices.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>
              <Anchor component={Link} to={`/invoices/${i.id}`}>
                {i.number ? `${i.number} · ` : ''}
                {i.billTo}
              </Anchor>
            </Table.Td>
            <Table.Td>
              {i.status === 'draft'
                ? `${formatPlainDate(i.periodFrom)} – ${formatPlainDate(i.periodTo)}`
                : `${formatPlainDate(i.dueDate)} (${i.daysOverdue} days overdue)`}
            </Table.Td>
            <Table.Td ta="right">{formatMoney(i.totalMinor)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Finance's home: the drafts waiting to be issued and the invoices overdue, with what is owed. */
export function BillingHomePage() {
  const drafts = useInvoices({ status: 'draft', sort: 'newest' });
  const outstanding = useInvoices({ outstanding: 'true', sort: 'dueDate', order: 'asc' });
  const draftItems = drafts.data?.pages.flatMap((p) => p.items) ?? [];
  const overdue = (outstanding.data?.pages.flatMap((p) => p.items) ?? []).filter((i) => i.overdue);
  return (
    <>
      <PageHeader
        title="Billing"
        description={
          <Anchor component={Link} to="/invoices">
            All invoices
          </Anchor>
        }
      />
      <ReceivablesSummary />
      <Stack gap="md">
        <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="billing-drafts">
          <Title order={2} size="h5" id="billing-drafts" mb="xs">
            Drafts to issue
          </Title>
          <ProblemAlert error={drafts.error} title="Drafts couldn't be loaded" />
          {drafts.isPending ? (
            <Skeleton height={80} />
          ) : (
            <InvoiceList
              label="Drafts to issue"
              invoices={draftItems}
              empty="No draft is waiting to be issued."
            />
          )}
        </Paper>
        <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="billing-overdue">
          <Title order={2} size="h5" id="billing-overdue" mb="xs">
            Overdue invoices
          </Title>
          <ProblemAlert error={outstanding.error} title="Overdue invoices couldn't be loaded" />
          {outstanding.isPending ? (
            <Skeleton height={80} />
          ) : (
            <InvoiceList label="Overdue invoices" invoices={overdue} empty="Nothing is overdue." />
          )}
        </Paper>
      </Stack>
    </>
  );
}
