import {
  Button,
  Group,
  List,
  Modal,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Client } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { useConfirm } from '../../shared/confirm-dialog';
import { EmptyState } from '../../shared/empty-state';
import { formatInstant, formatPlainDate, fullName, orDash } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { useProfileClient } from '../clients/client-profile.layout';
import { todayIn } from './calendar-time';
import type { ClientLeave, LeaveBooking, LeaveInput, LeaveReport, LeaveType } from './scheduling-api';
import { useClientLeave, useCreateLeave, useRemoveLeave, useUpdateLeave } from './scheduling-queries';

export const LEAVE_TYPES: { value: LeaveType; label: string }[] = [
  { value: 'hospital', label: 'Hospital' },
  { value: 'respite', label: 'Respite' },
  { value: 'social_leave', label: 'Social leave' },
  { value: 'holiday', label: 'Holiday' },
  { value: 'transition_care', label: 'Transition care' },
  { value: 'other', label: 'Other' },
];

const leaveLabel = (type: string) => LEAVE_TYPES.find((t) => t.value === type)?.label ?? type;

type Values = { type: LeaveType | null; startsOn: string; endsOn: string; note: string };

function LeaveForm({
  client,
  leave,
  onSubmit,
  onCancel,
}: {
  client: Client;
  leave: ClientLeave | null;
  onSubmit: (input: LeaveInput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [problem, setProblem] = useState<unknown>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      type: leave?.type ?? null,
      startsOn: leave?.startsOn ?? todayIn(client.timeZone),
      endsOn: leave?.endsOn ?? '',
      note: leave?.note ?? '',
    },
    validate: {
      type: (value) => (value ? null : 'Choose the kind of leave'),
      startsOn: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : 'Pick the first day'),
      endsOn: (value, values) => (value && value < values.startsOn ? 'Ends on or after the first day' : null),
    },
  });
  return (
    <form
      aria-label={leave ? 'Change leave' : 'Put on leave'}
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setProblem(null);
        try {
          await onSubmit({
            type: values.type ?? 'other',
            startsOn: values.startsOn,
            endsOn: values.endsOn || null,
            note: values.note.trim() || null,
          });
        } catch (error) {
          applyServerErrors(error, form.setErrors, ['type', 'startsOn', 'endsOn', 'note']);
          setProblem(error);
        }
      })}
    >
      <Stack gap="sm">
        {problem ? <ProblemAlert error={problem} title="The leave couldn't be saved" /> : null}
        <Select label="Type" required data={LEAVE_TYPES} data-autofocus {...form.getInputProps('type')} />
        <Group grow>
          <LocalDateInput label="First day" required {...form.getInputProps('startsOn')} />
          <LocalDateInput
            label="Last day"
            description="Leave empty: until further notice"
            {...form.getInputProps('endsOn')}
          />
        </Group>
        <Textarea label="Note" autosize minRows={2} {...form.getInputProps('note')} />
        <Text size="xs" c="gray.7">
          Days are in the client's time zone, {client.timeZone}. Bookings in the period are suspended.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            {leave ? 'Save leave' : 'Put on leave'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BookingList({
  title,
  items,
  timeZone,
  testId,
}: {
  title: string;
  items: (LeaveBooking & { reason?: string })[];
  timeZone: string;
  testId: string;
}) {
  if (items.length === 0) return null;
  return (
    <div>
      <Text fw={600} size="sm" mb={4}>
        {title} ({items.length})
      </Text>
      <List size="sm" spacing={2} data-testid={testId}>
        {items.map((item) => (
          <List.Item key={item.bookingId}>
            {item.name}, {formatInstant(item.startsAt, timeZone)}
            {item.reason ? ` — ${item.reason}` : ''}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

function LeaveResult({
  report,
  timeZone,
  onClose,
}: {
  report: LeaveReport;
  timeZone: string;
  onClose: () => void;
}) {
  const nothing = report.suspended.length + report.restored.length + report.notRestored.length === 0;
  return (
    <Stack gap="md">
      {nothing ? <Text size="sm">No bookings were affected.</Text> : null}
      <BookingList
        title="Suspended bookings"
        items={report.suspended}
        timeZone={timeZone}
        testId="leave-suspended"
      />
      <BookingList
        title="Restored bookings"
        items={report.restored}
        timeZone={timeZone}
        testId="leave-restored"
      />
      <BookingList
        title="Not restored"
        items={report.notRestored}
        timeZone={timeZone}
        testId="leave-not-restored"
      />
      <Group justify="flex-end">
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}

type Dialog =
  | { type: 'create' }
  | { type: 'edit'; leave: ClientLeave }
  | { type: 'result'; title: string; report: LeaveReport }
  | null;

/** Client Profile › Leave: periods when the client can't receive services; their bookings are suspended. */
export function ClientLeavePage() {
  const confirm = useConfirm();
  const client = useProfileClient();
  const { can } = useAuth();
  const canWrite = can('bookings.write');
  const leave = useClientLeave(client.id);
  const create = useCreateLeave(client.id);
  const update = useUpdateLeave(client.id);
  const remove = useRemoveLeave(client.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const close = () => setDialog(null);
  const items = leave.data ?? [];

  return (
    <section aria-labelledby="leave-title">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
        <div>
          <Title order={2} size="h3" id="leave-title">
            Leave
          </Title>
          <Text size="sm" c="gray.7">
            Hospital stays, respite, holidays: services for {fullName(client)} pause while on leave.
          </Text>
        </div>
        {canWrite ? <Button onClick={() => setDialog({ type: 'create' })}>Put on leave</Button> : null}
      </Group>
      {problem ? <ProblemAlert error={problem} title="The leave couldn't be removed" /> : null}
      {leave.isError ? <ProblemAlert error={leave.error} title="Leave couldn't be loaded" /> : null}
      {leave.isPending ? (
        <Skeleton height={120} radius="md" />
      ) : items.length === 0 && !leave.isError ? (
        <EmptyState title="No leave recorded">
          When the client is away, put them on leave to pause their bookings.
        </EmptyState>
      ) : items.length > 0 ? (
        <Table striped verticalSpacing="sm" aria-label="Client leave">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Type</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>Until</Table.Th>
              <Table.Th>Note</Table.Th>
              {canWrite ? <Table.Th>Actions</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>{leaveLabel(item.type)}</Table.Td>
                <Table.Td>{formatPlainDate(item.startsOn)}</Table.Td>
                <Table.Td>{item.endsOn ? formatPlainDate(item.endsOn) : 'Further notice'}</Table.Td>
                <Table.Td>{orDash(item.note)}</Table.Td>
                {canWrite ? (
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setDialog({ type: 'edit', leave: item })}
                      >
                        Change
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red.9"
                        loading={remove.isPending && remove.variables === item.id}
                        onClick={async () => {
                          const ok = await confirm({
                            title: 'Remove this leave?',
                            message: 'Suspended bookings that are still free come back.',
                            confirmLabel: 'Remove leave',
                            danger: true,
                          });
                          if (!ok) return;
                          setProblem(null);
                          try {
                            const report = await remove.mutateAsync(item.id);
                            setDialog({ type: 'result', title: 'Leave removed', report });
                          } catch (error) {
                            setProblem(error);
                          }
                        }}
                      >
                        Remove
                      </Button>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}

      <Modal
        opened={dialog?.type === 'create' || dialog?.type === 'edit'}
        onClose={close}
        title={dialog?.type === 'edit' ? 'Change leave' : 'Put on leave'}
        size="lg"
      >
        {dialog?.type === 'create' || dialog?.type === 'edit' ? (
          <LeaveForm
            client={client}
            leave={dialog.type === 'edit' ? dialog.leave : null}
            onCancel={close}
            onSubmit={async (input) => {
              const report =
                dialog.type === 'edit'
                  ? await update.mutateAsync({ leaveId: dialog.leave.id, input })
                  : await create.mutateAsync(input);
              notifications.show({
                color: 'brand',
                title: dialog.type === 'edit' ? 'Leave changed' : 'Client on leave',
                message: `${report.suspended.length} booking${report.suspended.length === 1 ? '' : 's'} suspended.`,
              });
              setDialog({
                type: 'result',
                title: dialog.type === 'edit' ? 'Leave changed' : 'Client on leave',
                report,
              });
            }}
          />
        ) : null}
      </Modal>
      <Modal
        opened={dialog?.type === 'result'}
        onClose={close}
        title={dialog?.type === 'result' ? dialog.title : ''}
        size="lg"
      >
        {dialog?.type === 'result' ? (
          <LeaveResult report={dialog.report} timeZone={client.timeZone} onClose={close} />
        ) : null}
      </Modal>
    </section>
  );
}
