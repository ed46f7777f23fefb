import { Badge, Button, Checkbox, Group, NumberInput, Paper, Skeleton, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../shared/empty-state';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { notificationsApi, type ServiceDefault } from './notifications-api';

const KEY = ['notification-defaults'] as const;

/** One service type's row: its own form, saved on its own. */
function DefaultRow({ row }: { row: ServiceDefault }) {
  const queryClient = useQueryClient();
  const [notify, setNotify] = useState(row.notifyClient);
  const [hours, setHours] = useState<number | string>(
    row.reminderMinutes === null ? '' : row.reminderMinutes / 60,
  );
  const save = useMutation({
    mutationFn: () =>
      notificationsApi.setDefault(row.serviceTypeId, {
        notifyClient: notify,
        reminderMinutes: hours === '' ? null : Math.round(Number(hours) * 60),
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(KEY, data);
      notifications.show({
        color: 'brand',
        title: 'Defaults saved',
        message: `${row.serviceTypeName}: saved.`,
      });
    },
  });
  const changed =
    notify !== row.notifyClient ||
    (hours === '' ? null : Math.round(Number(hours) * 60)) !== row.reminderMinutes;
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {row.serviceTypeName}
          </Text>
          {!row.active ? <Badge color="gray">inactive</Badge> : null}
          {!row.configured ? (
            <Text size="xs" c="gray.7">
              (never set)
            </Text>
          ) : null}
        </Group>
        {save.error ? <ProblemAlert error={save.error} title="The defaults couldn't be saved" /> : null}
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={`Notify the client: ${row.serviceTypeName}`}
          checked={notify}
          onChange={(e) => setNotify(e.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`Reminder, hours before: ${row.serviceTypeName}`}
          placeholder="Server default (24)"
          min={0}
          max={336}
          step={1}
          decimalScale={2}
          w={180}
          value={hours}
          onChange={setHours}
        />
      </Table.Td>
      <Table.Td>
        <Button size="xs" disabled={!changed} loading={save.isPending} onClick={() => save.mutate()}>
          Save
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Per service type: whether its bookings notify the client (the booking form's box starts from it) and how long
 * before a booking its reminder goes out. Administrators (scheduling.configure) change them.
 */
export function NotificationDefaultsPage() {
  const defaults = useQuery({ queryKey: KEY, queryFn: notificationsApi.defaults });
  const rows = defaults.data ?? [];
  return (
    <>
      <PageHeader
        title="Notification defaults"
        description="For each service type: whether its bookings tell the client (confirmation, changes, cancellation, reminder), and how many hours before a visit the reminder goes out. A booking's own “Notify the client” choice overrides this."
      />
      {defaults.error ? <ProblemAlert error={defaults.error} /> : null}
      {defaults.isLoading ? (
        <Skeleton height={160} aria-busy="true" aria-label="Loading notification defaults" />
      ) : rows.length === 0 ? (
        <EmptyState title="No service types">
          Service types are created with scheduled services; each then gets its notification defaults here.
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table aria-label="Notification defaults per service type">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service type</Table.Th>
                <Table.Th>Notify the client</Table.Th>
                <Table.Th>Reminder (hours before; blank: server default)</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <DefaultRow
                  key={`${row.serviceTypeId}:${row.notifyClient}:${row.reminderMinutes}`}
                  row={row}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </>
  );
}
