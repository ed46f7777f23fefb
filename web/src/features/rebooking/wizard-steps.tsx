import { Alert, Badge, Button, Card, Group, Radio, Stack, Table, Text } from '@mantine/core';
import { formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import { RequestExtraForm } from '../entitlements/case-actions';
import { typeLabel, useSlots, WEEKDAYS } from '../schedules/schedules-api';
import type { Draft, RebookingStart } from './rebooking-api';

/** Alert titles in dark text: the coloured default fails WCAG contrast on the light background. */
const READABLE_TITLE = { title: { color: 'var(--mantine-color-dark-7)' } };

type StepProps = { start: RebookingStart; draft: Draft; set: (patch: Partial<Draft>) => void };

/** Step 1: sessions used and available on the case, from the ledger; extra sessions when too few remain. */
export function SummaryStep({ start }: { start: RebookingStart }) {
  const s = start.case;
  if (!s)
    return (
      <Alert color="orange" styles={READABLE_TITLE} title="No open case">
        {start.client.name} has no open case to book a session on. Open one on the client's Sessions tab.
      </Alert>
    );
  const b = s.balance;
  const used = b ? b.used - b.reversed : 0;
  return (
    <Stack gap="sm">
      <Text>
        {s.case.issue} · funded by {s.case.funder}
      </Text>
      {b ? (
        <Group gap="lg">
          <Text fw={600} aria-label="Sessions used">
            {used} used
          </Text>
          <Text fw={600} aria-label="Sessions available">
            {b.remaining} of {b.granted} available
          </Text>
          <Text size="sm" c="gray.7">
            Counting {formatPlainDate(b.window.from)} – {formatPlainDate(b.window.to)}
          </Text>
        </Group>
      ) : (
        <Alert color="orange">No session can be booked now: {s.notBookable}.</Alert>
      )}
      {s.case.status === 'closed' ? (
        <Alert color="red">This case is closed: {s.case.closeReason}</Alert>
      ) : null}
      {s.pendingRequest ? (
        <Alert color="yellow" styles={READABLE_TITLE} title="Extra sessions requested">
          {s.pendingRequest.sessions} sessions asked of {s.case.funder}, due{' '}
          {formatPlainDate(s.pendingRequest.dueOn)}. Do not book or suggest a next session until the outcome
          arrives.
        </Alert>
      ) : b && b.remaining <= 1 ? (
        <Card withBorder>
          <Text size="sm" mb="xs">
            {b.remaining <= 0 ? 'No sessions are left.' : 'Only one session is left.'} Request extra sessions
            from {s.case.funder}:
          </Text>
          <RequestExtraForm summary={s} />
        </Card>
      ) : null}
    </Stack>
  );
}

/** Step 2: manual (a future time) or retrospective (a session that happened but was not entered). */
export function ApproachStep({ start, draft, set }: StepProps) {
  return (
    <Radio.Group
      label="Booking approach"
      value={draft.approach}
      onChange={(v) => set({ approach: v as Draft['approach'] })}
    >
      <Stack gap="xs" mt="xs">
        <Radio value="manual" label="Manual: book a future time" />
        <Radio
          value="retrospective"
          label={`Retrospective: a session that already happened but was not entered (within ${start.retrospectiveDays} days; recorded as delivered)`}
        />
      </Stack>
    </Radio.Group>
  );
}

const linesOf = (lines: RebookingStart['schedules'][number]['lines']) =>
  lines.map((l) => `${WEEKDAYS[l.weekday - 1]} ${l.startsAt}–${l.endsAt}`).join(' · ');

/** Step 3: the work schedule line covering the time (it carries the pay rate), with the free times. */
export function ScheduleStep({ start, draft, set }: StepProps) {
  const slots = useSlots(
    start.associate.id,
    draft.approach === 'manual'
      ? { durationMinutes: draft.durationMinutes, days: 28, stepMinutes: 60, clientId: start.client.id }
      : null,
  );
  if (start.schedules.length === 0)
    return <Alert color="orange">{start.associate.name} has no active work schedule to book on.</Alert>;
  const items = (slots.data?.items ?? []).slice(0, 8);
  return (
    <Stack gap="sm">
      <Radio.Group
        label={`${start.associate.name}'s work schedules (${start.associate.timeZone})`}
        value={draft.workScheduleId ?? ''}
        onChange={(v) => set({ workScheduleId: v })}
      >
        <Stack gap="xs" mt="xs">
          {start.schedules.map((s) => (
            <Radio
              key={s.id}
              value={s.id}
              label={`${s.name} (${typeLabel(s.type)}${s.payRateMinor === null ? '' : `, ${formatMoney(s.payRateMinor)} per hour`})`}
              description={linesOf(s.lines)}
            />
          ))}
        </Stack>
      </Radio.Group>
      {draft.approach === 'manual' ? (
        <Table aria-label="Available times" aria-busy={slots.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Schedule</Table.Th>
              <Table.Th>Client's time</Table.Th>
              <Table.Th>Your time</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  {slots.isFetching ? 'Looking for free times…' : 'No free times in the next 28 days.'}
                </Table.Td>
              </Table.Tr>
            ) : null}
            {items.map((slot) => (
              <Table.Tr key={`${slot.scheduleId}-${slot.startsAt}`}>
                <Table.Td>
                  <Badge color="green" variant="light" mr="xs">
                    Available
                  </Badge>
                  {slot.scheduleName}
                </Table.Td>
                <Table.Td>
                  {formatPlainDate(slot.clientLocal?.date ?? slot.staffLocal.date)} {slot.clientLocal?.time}
                </Table.Td>
                <Table.Td>
                  {formatPlainDate(slot.staffLocal.date)} {slot.staffLocal.time}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="light"
                    onClick={() =>
                      set({
                        workScheduleId: slot.scheduleId,
                        bookingDate: slot.clientLocal?.date ?? slot.staffLocal.date,
                        startTime: slot.clientLocal?.time ?? slot.staffLocal.time,
                      })
                    }
                  >
                    Choose
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}
