import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { useMe } from '../../auth/auth-context';
import { formatInstant, formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import { NotFound } from '../../shared/not-found';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { billingApi, type InvoiceDetail, invoiceCsvUrl, invoicePdfUrl } from './billing-api';
import { invoiceTitle, LINE_KIND_LABEL } from './billing-format';
import { useInvoice, useInvoiceAction } from './billing-queries';
import { InvoiceStatusBadge } from './invoice-status-badge';
import { WhyThisPriceToggle } from './why-this-price';

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="gray.7" tt="uppercase" fw={600} lh={1.6}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function VoidModal({
  invoice,
  opened,
  onClose,
}: {
  invoice: InvoiceDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const voidInvoice = useInvoiceAction((reason: string) => billingApi.void(invoice.id, reason));
  const [problem, setProblem] = useState<unknown>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: { reason: (v: string) => (v.trim() ? null : 'Say why the invoice is voided') },
  });
  const issued = invoice.status === 'issued';
  return (
    <Modal opened={opened} onClose={onClose} title={`Void ${invoiceTitle(invoice).toLowerCase()}`}>
      <form
        aria-label="Void invoice"
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          setProblem(null);
          try {
            const voided = await voidInvoice.mutateAsync(values.reason.trim());
            notifications.show({
              color: 'brand',
              title: `${invoiceTitle(invoice)} voided`,
              message: voided.creditNoteId
                ? 'A credit note was issued against it; its visits can be invoiced again.'
                : 'Its visits can be invoiced again.',
            });
            form.reset();
            onClose();
          } catch (error) {
            applyServerErrors(error, form.setErrors, ['reason']);
            setProblem(error);
          }
        })}
      >
        <Stack gap="sm">
          <Text size="sm">
            {issued
              ? 'An issued invoice is never changed: voiding it issues a credit note for the full amount, with the next number. '
              : 'The draft is kept as void. '}
            Its visits become free for a later billing run.
          </Text>
          {problem ? <ProblemAlert error={problem} title="The invoice couldn’t be voided" /> : null}
          <Textarea
            label="Reason"
            required
            autosize
            minRows={2}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep invoice
            </Button>
            <Button type="submit" color="red.9" loading={voidInvoice.isPending}>
              Void invoice
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function IssueModal({
  invoice,
  opened,
  onClose,
}: {
  invoice: InvoiceDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const issue = useInvoiceAction(() => billingApi.issue(invoice.id));
  return (
    <Modal opened={opened} onClose={onClose} title="Issue this invoice?">
      <Stack gap="sm">
        <Text size="sm">
          Issuing gives the invoice the next number and fixes it: its lines, total and recipient can no longer
          change. To correct it later you void it with a credit note.
        </Text>
        {issue.error ? <ProblemAlert error={issue.error} title="The invoice couldn’t be issued" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Not yet
          </Button>
          <Button
            loading={issue.isPending}
            onClick={async () => {
              try {
                const issued = await issue.mutateAsync(undefined);
                notifications.show({
                  color: 'brand',
                  title: `Invoice ${issued.number} issued`,
                  message: `${formatMoney(issued.totalMinor)} to ${issued.recipient}.`,
                });
                onClose();
              } catch {
                // shown above
              }
            }}
          >
            Issue invoice
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function InvoiceView({ invoice }: { invoice: InvoiceDetail }) {
  const me = useMe();
  const zone = me.staff.timeZone;
  const [modal, setModal] = useState<'issue' | 'void' | null>(null);
  const pay = useInvoiceAction(() => billingApi.pay(invoice.id));
  const isInvoice = invoice.kind === 'invoice';
  const title = invoiceTitle(invoice);

  return (
    <>
      <PageHeader
        title={title}
        description={<InvoiceStatusBadge invoice={invoice} />}
        actions={
          <>
            <Button component="a" href={invoicePdfUrl(invoice.id)} download variant="default">
              Download PDF
            </Button>
            <Button component="a" href={invoiceCsvUrl(invoice.id)} download variant="default">
              Export CSV
            </Button>
            {invoice.status === 'draft' && isInvoice ? (
              <Button onClick={() => setModal('issue')}>Issue…</Button>
            ) : null}
            {invoice.status === 'issued' && isInvoice ? (
              <Button
                color="teal.9"
                loading={pay.isPending}
                onClick={async () => {
                  try {
                    await pay.mutateAsync(undefined);
                    notifications.show({ color: 'brand', title: `${title} marked paid`, message: '' });
                  } catch {
                    // shown below
                  }
                }}
              >
                Mark paid
              </Button>
            ) : null}
            {(invoice.status === 'draft' || invoice.status === 'issued') && isInvoice ? (
              <Button variant="outline" color="red.9" onClick={() => setModal('void')}>
                Void…
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="md">
        {pay.error ? <ProblemAlert error={pay.error} title="The invoice couldn’t be marked paid" /> : null}
        {invoice.status === 'void' ? (
          <Alert color="red" variant="light" title="Void">
            {invoice.voidReason ? `Reason: ${invoice.voidReason}. ` : ''}
            {invoice.creditNoteId ? (
              <>
                Cancelled by{' '}
                <Anchor component={Link} to={`/invoices/${invoice.creditNoteId}`}>
                  its credit note
                </Anchor>
                .
              </>
            ) : (
              'Voided as a draft; no credit note was needed.'
            )}
          </Alert>
        ) : invoice.status !== 'draft' ? (
          <Text size="sm" c="gray.7">
            {isInvoice
              ? 'Issued invoices are immutable: to correct one, void it (a credit note is issued) and run billing again.'
              : 'A credit note is issued immediately and cannot change.'}
          </Text>
        ) : null}
        {invoice.creditForId ? (
          <Alert color="blue" variant="light" title="Credit note">
            Cancels{' '}
            <Anchor component={Link} to={`/invoices/${invoice.creditForId}`}>
              {invoice.creditForNumber === null ? 'the voided invoice' : `invoice ${invoice.creditForNumber}`}
            </Anchor>
            .
          </Alert>
        ) : null}
        <Paper withBorder radius="md" p="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
            <Detail label={invoice.usesLocalAuthorityReference ? 'To (local-authority reference)' : 'To'}>
              {invoice.payerName ? <div data-testid="invoice-bill-to">{invoice.billTo}</div> : null}
              <span data-testid="invoice-recipient">{invoice.recipient}</span>
              {invoice.recipient !== invoice.clientName ? (
                <Text size="xs" c="gray.7">
                  Client: {invoice.clientName}
                </Text>
              ) : null}
              <Text size="xs" c="gray.7">
                <Anchor component={Link} to={`/clients/${invoice.clientId}/profile`} size="xs">
                  Client record
                </Anchor>
              </Text>
            </Detail>
            <Detail label="Period">
              {formatPlainDate(invoice.periodFrom)} – {formatPlainDate(invoice.periodTo)}
            </Detail>
            <Detail label="Total">
              <Text fw={700} size="lg" data-testid="invoice-total">
                {formatMoney(invoice.totalMinor)}
              </Text>
            </Detail>
            <Detail label="Dates">
              {invoice.issuedAt ? <div>Issued {formatInstant(invoice.issuedAt, zone)}</div> : null}
              {invoice.kind === 'invoice' && invoice.dueDate ? (
                <div data-testid="invoice-due">
                  Due {formatPlainDate(invoice.dueDate)} ({invoice.paymentTermsDays} days)
                  {invoice.overdue ? (
                    <Text span c="red.9" fw={600}>
                      {' '}
                      · overdue {invoice.daysOverdue} days
                    </Text>
                  ) : null}
                </div>
              ) : null}
              {invoice.paidAt ? <div>Paid {formatInstant(invoice.paidAt, zone)}</div> : null}
              {invoice.voidedAt ? <div>Voided {formatInstant(invoice.voidedAt, zone)}</div> : null}
              {!invoice.issuedAt ? <div>Created {formatInstant(invoice.createdAt, zone)}</div> : null}
            </Detail>
          </SimpleGrid>
        </Paper>
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>Visit</Table.Th>
                  <Table.Th>Line</Table.Th>
                  <Table.Th ta="right">Minutes</Table.Th>
                  <Table.Th ta="right">Rate</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invoice.lines.map((line) => (
                  <Table.Tr key={line.position} data-testid="invoice-line">
                    <Table.Td style={{ verticalAlign: 'top' }}>{line.position + 1}</Table.Td>
                    <Table.Td style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                      {formatPlainDate(line.visitDate)}
                      {line.bookingId ? (
                        <Text size="xs">
                          <Anchor
                            component={Link}
                            to={`/clients/${invoice.clientId}/service-orders?booking=${line.bookingId}`}
                            size="xs"
                          >
                            Open booking
                          </Anchor>
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Text size="sm" fw={500}>
                        {LINE_KIND_LABEL[line.kind]}
                      </Text>
                      {line.kind === 'stay' ? <Text size="sm">{line.explanation}</Text> : null}
                      <WhyThisPriceToggle line={line} />
                    </Table.Td>
                    <Table.Td ta="right" style={{ verticalAlign: 'top' }}>
                      {line.minutes ?? '—'}
                    </Table.Td>
                    <Table.Td ta="right" style={{ verticalAlign: 'top' }}>
                      {line.rateMinor == null
                        ? '—'
                        : `${formatMoney(line.rateMinor)}${line.kind === 'time' ? '/h' : ''}`}
                    </Table.Td>
                    <Table.Td ta="right" style={{ verticalAlign: 'top', fontVariantNumeric: 'tabular-nums' }}>
                      {formatMoney(line.amountMinor)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Td colSpan={5}>Subtotal</Table.Td>
                  <Table.Td ta="right">{formatMoney(invoice.subtotalMinor)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Td colSpan={5}>Tax (GST/VAT)</Table.Td>
                  <Table.Td ta="right" data-testid="invoice-tax">
                    {formatMoney(invoice.taxMinor)}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th colSpan={5}>Total</Table.Th>
                  <Table.Th ta="right">{formatMoney(invoice.totalMinor)}</Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        <Anchor component={Link} to="/invoices" size="sm">
          ← All invoices
        </Anchor>
      </Stack>
      <IssueModal invoice={invoice} opened={modal === 'issue'} onClose={() => setModal(null)} />
      <VoidModal invoice={invoice} opened={modal === 'void'} onClose={() => setModal(null)} />
    </>
  );
}

export function InvoicePage() {
  const { invoiceId = '' } = useParams();
  const query = useInvoice(invoiceId);
  if (query.isPending) return <Skeleton height={360} radius="md" />;
  if (query.isError)
    return isApiError(query.error) && (query.error.status === 404 || query.error.status === 422) ? (
      <NotFound what="invoice" />
    ) : (
      <ProblemAlert error={query.error} title="This invoice couldn’t be loaded" />
    );
  return <InvoiceView key={invoiceKey(query.data)} invoice={query.data} />;
}

const invoiceKey = (invoice: InvoiceDetail) => `${invoice.id}:${invoice.status}`;
