import {
  ActionIcon,
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/api-client';
import type { Staff } from '../../api/types';
import { useConfirm } from '../../shared/confirm-dialog';
import { formatPlainDate, fullName, orDash } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { zoneAbbreviation } from '../../shared/time-zones';

/** ISO weekday 1 = Monday … 7 = Sunday; times are wall clock in the staff member's zone. */
export type WorkingWindow = { weekday: number; startsAt: string; endsAt: string };
export type StaffLeave = { id: string; startsOn: string; endsOn: string; reason: string | null };

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const id = encodeURIComponent;

const availabilityKeys = {
  hours: (staffId: string) => ['staff', staffId, 'working-hours'] as const,
  leave: (staffId: string) => ['staff', staffId, 'leave'] as const,
};

type Row = WorkingWindow & { key: number };
let nextKey = 0;
const row = (w: WorkingWindow): Row => ({ ...w, key: nextKey++ });

/** What the row editor may save, or the first problem to fix, named by weekday. */
function validate(rows: Row[]): string | null {
  for (const r of rows) {
    const day = WEEKDAYS[r.weekday - 1];
    if (!/^\d{2}:\d{2}$/.test(r.startsAt) || !/^\d{2}:\d{2}$/.test(r.endsAt))
      return `${day}: enter both times`;
    if (r.endsAt <= r.startsAt) return `${day}: the end must be after the start`;
  }
  return null;
}

function WorkingHoursEditor({ staff, initial }: { staff: Staff; initial: WorkingWindow[] }) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Row[]>(() => initial.map(row));
  const [local, setLocal] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (items: WorkingWindow[]) =>
      api.put<{ items: WorkingWindow[] }>(`/staff/${id(staff.id)}/working-hours`, { items }),
    onSuccess: (saved) => {
      queryClient.setQueryData(availabilityKeys.hours(staff.id), saved);
      setRows(saved.items.map(row));
      notifications.show({
        color: 'brand',
        title: 'Working hours saved',
        message: saved.items.length
          ? `${fullName(staff)}'s bookings are now checked against these hours.`
          : `No working hours recorded for ${fullName(staff)}.`,
      });
    },
  });
  const update = (key: number, change: Partial<WorkingWindow>) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...change } : r)));

  return (
    <Stack gap="xs">
      <Text size="sm" c="gray.7">
        Wall-clock times in {staff.timeZone} ({zoneAbbreviation(staff.timeZone)}). A booking outside these
        hours needs a reason to go ahead. With no hours recorded, nothing is checked.
      </Text>
      {save.isError ? <ProblemAlert error={save.error} title="The working hours were not saved" /> : null}
      {local ? (
        <Alert color="red" variant="light" role="alert">
          {local}
        </Alert>
      ) : null}
      <Table aria-label="Working hours" verticalSpacing={4}>
        <Table.Tbody>
          {WEEKDAYS.map((day, index) => {
            const weekday = index + 1;
            const windows = rows.filter((r) => r.weekday === weekday);
            return (
              <Table.Tr key={day}>
                <Table.Th w={120} scope="row" style={{ verticalAlign: 'top', paddingTop: 10 }}>
                  {day}
                </Table.Th>
                <Table.Td>
                  <Stack gap={6}>
                    {windows.length === 0 ? (
                      <Text size="sm" c="gray.7" pt={6}>
                        Not working
                      </Text>
                    ) : (
                      windows.map((w) => (
                        <Group key={w.key} gap="xs" wrap="nowrap">
                          <TimeInput
                            aria-label={`${day} from`}
                            value={w.startsAt}
                            onChange={(event) => update(w.key, { startsAt: event.currentTarget.value })}
                            w={120}
                          />
                          <Text size="sm">to</Text>
                          <TimeInput
                            aria-label={`${day} to`}
                            value={w.endsAt}
                            onChange={(event) => update(w.key, { endsAt: event.currentTarget.value })}
                            w={120}
                          />
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Remove ${day} ${w.startsAt}–${w.endsAt}`}
                            onClick={() => setRows((current) => current.filter((r) => r.key !== w.key))}
                          >
                            ×
                          </ActionIcon>
                        </Group>
                      ))
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td w={110} style={{ verticalAlign: 'top' }}>
                  <Button
                    size="xs"
                    variant="subtle"
                    aria-label={`Add hours on ${day}`}
                    onClick={() =>
                      setRows((current) => [...current, row({ weekday, startsAt: '09:00', endsAt: '17:00' })])
                    }
                  >
                    Add hours
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group justify="flex-end">
        <Button
          loading={save.isPending}
          onClick={() => {
            const problem = validate(rows);
            setLocal(problem);
            if (!problem)
              save.mutate(rows.map(({ weekday, startsAt, endsAt }) => ({ weekday, startsAt, endsAt })));
          }}
        >
          Save working hours
        </Button>
      </Group>
    </Stack>
  );
}

function LeaveEditor({ staff }: { staff: Staff }) {
  const queryClient = useQueryClient();
  const leave = useQuery({
    queryKey: availabilityKeys.leave(staff.id),
    queryFn: () => api.get<{ items: StaffLeave[] }>(`/staff/${id(staff.id)}/leave`),
  });
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: availabilityKeys.leave(staff.id) });
  const add = useMutation({
    mutationFn: () =>
      api.post<StaffLeave>(`/staff/${id(staff.id)}/leave`, {
        startsOn,
        endsOn: endsOn || startsOn,
        reason: reason.trim() || null,
      }),
    onSuccess: async (saved) => {
      setStartsOn('');
      setEndsOn('');
      setReason('');
      notifications.show({
        color: 'brand',
        title: 'Leave recorded',
        message: `${fullName(staff)} is on leave ${formatPlainDate(saved.startsOn)} – ${formatPlainDate(saved.endsOn)}.`,
      });
      await refresh();
    },
  });
  const confirm = useConfirm();
  const remove = useMutation({
    mutationFn: (leaveId: string) => api.delete(`/staff-leave/${id(leaveId)}`),
    onSuccess: refresh,
  });

  return (
    <Stack gap="xs">
      <Text size="sm" c="gray.7">
        Bookings during leave are not moved; they are flagged, and new ones need a reason.
      </Text>
      {leave.isError ? <ProblemAlert error={leave.error} title="Leave couldn't be loaded" /> : null}
      {add.isError ? <ProblemAlert error={add.error} title="The leave was not recorded" /> : null}
      {remove.isError ? <ProblemAlert error={remove.error} title="The leave was not removed" /> : null}
      {leave.isPending ? (
        <Skeleton height={60} />
      ) : leave.data && leave.data.items.length > 0 ? (
        <Table aria-label="Staff leave">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {leave.data.items.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{formatPlainDate(l.startsOn)}</Table.Td>
                <Table.Td>{formatPlainDate(l.endsOn)}</Table.Td>
                <Table.Td>{orDash(l.reason)}</Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    loading={remove.isPending && remove.variables === l.id}
                    onClick={async () => {
                      const ok = await confirm({
                        title: `Remove the leave from ${formatPlainDate(l.startsOn)}?`,
                        confirmLabel: 'Remove leave',
                        danger: true,
                      });
                      if (ok) remove.mutate(l.id);
                    }}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="gray.7">
          No leave recorded.
        </Text>
      )}
      <form
        aria-label="Record leave"
        onSubmit={(event) => {
          event.preventDefault();
          if (!startsOn) return setError('Pick the first day');
          if (endsOn && endsOn < startsOn) return setError('The last day must not be before the first');
          setError(null);
          add.mutate();
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <LocalDateInput
            label="First day"
            required
            value={startsOn}
            error={error}
            onChange={(value) => setStartsOn(value)}
          />
          <LocalDateInput
            label="Last day"
            description="Leave empty for one day"
            value={endsOn}
            onChange={(value) => setEndsOn(value)}
          />
          <TextInput
            label="Reason"
            placeholder="e.g. Annual leave"
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <Button type="submit" variant="light" loading={add.isPending}>
            Record leave
          </Button>
        </Group>
      </form>
    </Stack>
  );
}

/** A staff member's weekly working hours and leave: what bookings are checked against (soft conflicts). */
export function StaffAvailabilityModal({ staff, onClose }: { staff: Staff; onClose: () => void }) {
  const hours = useQuery({
    queryKey: availabilityKeys.hours(staff.id),
    queryFn: () => api.get<{ items: WorkingWindow[] }>(`/staff/${id(staff.id)}/working-hours`),
  });
  return (
    <Modal opened onClose={onClose} title={`Availability: ${fullName(staff)}`} size="xl">
      <Stack gap="md">
        <Title order={3} size="h4">
          Working hours
        </Title>
        {hours.isError ? <ProblemAlert error={hours.error} title="Working hours couldn't be loaded" /> : null}
        {hours.data ? <WorkingHoursEditor staff={staff} initial={hours.data.items} /> : null}
        {hours.isPending ? <Skeleton height={200} /> : null}
        <Divider />
        <Title order={3} size="h4">
          Leave
        </Title>
        <LeaveEditor staff={staff} />
      </Stack>
    </Modal>
  );
}
