import { Anchor, Badge, Group, Paper, Table, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import type { Invoice, InvoiceSort } from './billing-api';
import { invoiceTitle } from './billing-format';
import { InvoiceStatusBadge } from './invoice-status-badge';

type Sort = { sort: InvoiceSort; order: 'asc' | 'desc' };

function SortHeader({
  label,
  column,
  current,
  onSort,
  align,
}: {
  label: string;
  column: InvoiceSort;
  current: Sort;
  onSort: (sort: Sort) => void;
  align?: 'right';
}) {
  const active = current.sort === column;
  const next: Sort = { sort: column, order: active && current.order === 'asc' ? 'desc' : 'asc' };
  return (
    <Table.Th ta={align} aria-sort={active ? (current.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(next)} fw={700} fz="sm">
        {label}
        {active ? (current.order === 'asc' ? ' ▲' : ' ▼') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

/** Who each invoice is for (the payer, with the client for finance), dates, amount and status. */
export function InvoiceTable({
  invoices,
  sort,
  onSort,
}: {
  invoices: Invoice[];
  sort: Sort;
  onSort: (sort: Sort) => void;
}) {
  const header = (label: string, column: InvoiceSort, align?: 'right') => (
    <SortHeader label={label} column={column} current={sort} onSort={onSort} align={align} />
  );
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={860}>
        <Table highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              {header('Invoice', 'number')}
              {header('For', 'billTo')}
              {header('Issued', 'issueDate')}
              {header('Due', 'dueDate')}
              <Table.Th>Status</Table.Th>
              {header('Amount', 'total', 'right')}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoices.map((invoice) => (
              <Table.Tr key={invoice.id} data-testid="invoice-row">
                <Table.Td>
                  <Anchor component={Link} to={`/invoices/${invoice.id}`} fw={600}>
                    {invoiceTitle(invoice)}
                  </Anchor>
                  {invoice.creditForNumber !== null ? (
                    <Text size="xs" c="gray.7">
                      credits invoice {invoice.creditForNumber}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{invoice.billTo}</Text>
                  {invoice.billTo !== invoice.clientName ? (
                    <Text size="xs" c="gray.7">
                      Client: {invoice.clientName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {invoice.issueDate ? formatPlainDate(invoice.issueDate) : '—'}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {invoice.kind === 'invoice' && invoice.dueDate ? formatPlainDate(invoice.dueDate) : '—'}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <InvoiceStatusBadge invoice={invoice} />
                    {invoice.overdue ? (
                      <Badge color="red.9" variant="outline" title={`${invoice.daysOverdue} days past due`}>
                        Overdue {invoice.daysOverdue} d
                      </Badge>
                    ) : null}
                  </Group>
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
  );
}
