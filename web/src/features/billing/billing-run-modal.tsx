import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  Modal,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { Temporal } from 'temporal-polyfill';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { ClientPicker } from '../clients/client-picker';
import type { InvoiceRun } from './billing-api';
import { useInvoiceRun, useStartInvoiceRun } from './billing-queries';

/** Billing is in arrears: from the start of last month to today, so nothing recent is left out. */
function defaultPeriod(): { periodFrom: string; periodTo: string } {
  const today = Temporal.Now.plainDateISO();
  return {
    periodFrom: today.with({ day: 1 }).subtract({ months: 1 }).toString(),
    periodTo: today.toString(),
  };
}

function Stat({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <div>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      <Text size="xs" c="gray.7">
        {label}
      </Text>
    </div>
  );
}

function RunProgress({ run }: { run: InvoiceRun | undefined }) {
  const total = run?.clientsTotal ?? null;
  const done = run?.clientsDone ?? 0;
  const percent = total ? Math.round((done / total) * 100) : 0;
  const label =
    !run || run.status === 'queued'
      ? 'Waiting for the billing worker…'
      : total === null
        ? 'Finding the clients to invoice…'
        : `Invoicing clients: ${done} of ${total}`;
  return (
    <Stack gap="xs">
      <Text size="sm" id="billing-run-progress-label">
        {label}
      </Text>
      <Progress
        value={total ? percent : 100}
        animated
        striped={total === null}
        size="lg"
        aria-labelledby="billing-run-progress-label"
        aria-valuenow={total ? percent : undefined}
      />
      {run && run.status === 'running' ? (
        <Text size="xs" c="gray.7">
          {run.visitsRated} visits rated · {run.invoiceCount} invoices created so far
        </Text>
      ) : null}
    </Stack>
  );
}

function RunSummary({ run }: { run: InvoiceRun }) {
  return (
    <Stack gap="md" data-testid="billing-run-summary">
      {run.status === 'failed' ? (
        <Alert color="red" variant="light" title="The billing run stopped" role="alert">
          {run.error ?? 'It failed repeatedly.'} The invoices it had already created are kept as drafts.
        </Alert>
      ) : (
        <Alert color="brand" variant="light" title="Billing run complete">
          {run.invoiceCount === 0
            ? 'No new invoices: every completed visit in the period was already invoiced, or none could be rated.'
            : `Created ${run.invoiceCount} draft ${run.invoiceCount === 1 ? 'invoice' : 'invoices'}. Review them, then issue.`}
        </Alert>
      )}
      <SimpleGrid cols={3}>
        <Stat label="Invoices created" value={run.invoiceCount} testId="run-invoice-count" />
        <Stat label="Visits invoiced" value={run.bookingCount} testId="run-booking-count" />
        <Stat label="Problems" value={run.problems.length} testId="run-problem-count" />
      </SimpleGrid>
      {run.invoiceIds.length > 0 ? (
        <div>
          <Text size="sm" fw={600} mb={4}>
            New invoices
          </Text>
          <List size="sm" spacing={2}>
            {run.invoiceIds.slice(0, 5).map((id, index) => (
              <List.Item key={id}>
                <Anchor component={Link} to={`/invoices/${id}`}>
                  Draft invoice {index + 1}
                </Anchor>
              </List.Item>
            ))}
          </List>
          {run.invoiceIds.length > 5 ? (
            <Text size="sm" c="gray.7" mt={4}>
              …and {run.invoiceIds.length - 5} more: they are all in the invoice list as drafts.
            </Text>
          ) : null}
        </div>
      ) : null}
      {run.problems.length > 0 ? (
        <div>
          <Text size="sm" fw={600} mb={4}>
            Visits that couldn’t be rated (left for a later run)
          </Text>
          <List size="sm" spacing={4}>
            {run.problems.map((problem) => (
              <List.Item key={problem.bookingId}>
                <Anchor
                  component={Link}
                  to={`/clients/${problem.clientId}/service-orders?booking=${problem.bookingId}`}
                >
                  Open the booking
                </Anchor>
                {': '}
                {problem.errors.map((e) => `${e.field} ${e.reason}`).join('; ')}
              </List.Item>
            ))}
          </List>
        </div>
      ) : null}
    </Stack>
  );
}

/** Starts a billing run and follows it: a form, then a progress bar, then the summary. */
export function BillingRunModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [runId, setRunId] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const start = useStartInvoiceRun();
  const run = useInvoiceRun(runId);
  const form = useForm({
    mode: 'controlled',
    initialValues: { ...defaultPeriod(), scope: 'all' as 'all' | 'one', clientId: null as string | null },
    validate: {
      periodFrom: (v: string) => (v ? null : 'Choose the first day'),
      periodTo: (v: string, values) =>
        !v ? 'Choose the last day' : v < values.periodFrom ? 'Must not be before the first day' : null,
      clientId: (v: string | null, values) => (values.scope === 'one' && !v ? 'Choose a client' : null),
    },
  });

  const close = () => {
    setRunId(null);
    setProblem(null);
    form.reset();
    onClose();
  };
  const finished = run.data?.status === 'completed' || run.data?.status === 'failed';

  return (
    <Modal opened={opened} onClose={close} title="New billing run" size="lg">
      {runId === null ? (
        <form
          aria-label="New billing run"
          noValidate
          onSubmit={form.onSubmit(async (values) => {
            setProblem(null);
            try {
              const queued = await start.mutateAsync({
                periodFrom: values.periodFrom,
                periodTo: values.periodTo,
                clientId: values.scope === 'one' ? (values.clientId ?? undefined) : undefined,
              });
              setRunId(queued.id);
            } catch (error) {
              applyServerErrors(error, form.setErrors, ['periodFrom', 'periodTo', 'clientId']);
              setProblem(error);
            }
          })}
        >
          <Stack gap="md">
            <Text size="sm" c="gray.7">
              Every completed visit in the period that is not on an invoice yet is rated under its contract,
              and each client gets one draft invoice. Visits are dated in the client’s time zone.
            </Text>
            {problem ? <ProblemAlert error={problem} title="The billing run couldn’t start" /> : null}
            <Group grow align="flex-start">
              <LocalDateInput label="From" required {...form.getInputProps('periodFrom')} />
              <LocalDateInput label="To" required {...form.getInputProps('periodTo')} />
            </Group>
            <div>
              <Text size="sm" fw={500} mb={4} id="billing-run-scope">
                Clients
              </Text>
              <SegmentedControl
                aria-labelledby="billing-run-scope"
                data={[
                  { value: 'all', label: 'All clients' },
                  { value: 'one', label: 'One client' },
                ]}
                {...form.getInputProps('scope')}
              />
            </div>
            {form.values.scope === 'one' ? (
              <ClientPicker
                label="Client"
                required
                value={form.values.clientId}
                onChange={(id) => form.setFieldValue('clientId', id)}
                error={form.errors.clientId}
              />
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={start.isPending}>
                Start billing run
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="md">
          {run.isError ? <ProblemAlert error={run.error} title="Lost track of the billing run" /> : null}
          {finished && run.data ? <RunSummary run={run.data} /> : <RunProgress run={run.data} />}
          <Group justify="flex-end">
            <Button
              variant={finished ? 'filled' : 'default'}
              onClick={() => {
                if (!finished)
                  notifications.show({
                    title: 'Billing run continues',
                    message: 'It keeps running in the background; new invoices appear in the list.',
                  });
                close();
              }}
            >
              {finished ? 'Done' : 'Run in background'}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
