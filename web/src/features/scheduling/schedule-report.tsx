import { Badge, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { formatLocalTime, formatPlainDate } from '../../shared/format';
import { useBooking } from '../bookings/bookings-queries';
import { splitZoned } from './calendar-time';
import type { OccurrenceAction, OccurrenceOutcome, ScheduleReport } from './scheduling-api';

const ACTION: Record<OccurrenceAction, string> = {
  create: 'New booking',
  update: 'Change',
  delete: 'Remove',
  keep: 'Keep',
  suspend: 'Suspend',
  restore: 'Restore',
};

function ConflictWith({ bookingId }: { bookingId: string }) {
  const booking = useBooking(bookingId);
  if (!booking.data) return <>another booking</>;
  const b = booking.data;
  return (
    <>
      {/* The booking in the way may be another client's, in another zone: say which zone its time is in. */}“
      {b.name}” on {formatPlainDate(b.bookingDate)} at {formatLocalTime(b.startTime, b.timeZone, b.startsAt)}
      {b.assignee ? ` (${b.assignee.name})` : ''}
    </>
  );
}

function ResultBadge({ outcome, preview }: { outcome: OccurrenceOutcome; preview: boolean }) {
  if (outcome.result === 'conflict')
    return (
      <Badge color="red" variant="light">
        Conflict
      </Badge>
    );
  if (outcome.result === 'kept')
    return (
      <Badge color="gray" variant="light">
        Kept
      </Badge>
    );
  return (
    <Badge color="brand" variant="light">
      {preview ? 'OK' : 'Done'}
    </Badge>
  );
}

function details(outcome: OccurrenceOutcome) {
  const notes: React.ReactNode[] = [];
  if (outcome.result === 'kept')
    notes.push(outcome.reason ?? 'Edited individually, so the series change leaves it as it is');
  else if (outcome.reason) notes.push(outcome.reason);
  if (outcome.conflictingBookingId)
    notes.push(
      <span key="conflict">
        Clashes with <ConflictWith bookingId={outcome.conflictingBookingId} />
      </span>,
    );
  for (const warning of outcome.warnings ?? []) notes.push(warning);
  return notes;
}

/** What a series operation did (or would do) to each occurrence, in the client's zone. */
export function ScheduleReportView({
  report,
  timeZone,
  maxHeight = 360,
}: {
  report: ScheduleReport;
  timeZone: string;
  maxHeight?: number;
}) {
  const { summary, occurrences } = report;
  const verb = report.preview ? 'would be' : 'were';
  return (
    <Stack gap="sm" data-testid="schedule-report">
      <Group gap="xs">
        <Badge color="brand" variant="light" size="lg" tt="none">
          {summary.done} {report.preview ? 'to apply' : 'applied'}
        </Badge>
        <Badge color={summary.conflicts ? 'red' : 'gray'} variant="light" size="lg" tt="none">
          {summary.conflicts} conflict{summary.conflicts === 1 ? '' : 's'}
        </Badge>
        <Badge color="gray" variant="light" size="lg" tt="none">
          {summary.kept} kept
        </Badge>
      </Group>
      {summary.conflicts > 0 ? (
        <Text size="sm" c="red.9">
          Occurrences with a conflict {verb} not written: the staff member is busy then, so a new occurrence
          is not booked and a changed one keeps its earlier time.
        </Text>
      ) : null}
      {occurrences.length === 0 ? (
        <Text size="sm" c="gray.7">
          No bookings {verb} affected.
        </Text>
      ) : (
        <ScrollArea.Autosize mah={maxHeight} type="auto">
          <Table striped verticalSpacing={6} aria-label="Affected occurrences">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Time</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {occurrences.map((outcome) => {
                const start = splitZoned(outcome.startsAt, timeZone);
                const end = splitZoned(outcome.endsAt, timeZone);
                return (
                  <Table.Tr key={`${outcome.localDate}-${outcome.startsAt}-${outcome.bookingId ?? ''}`}>
                    <Table.Td>{formatPlainDate(outcome.localDate)}</Table.Td>
                    <Table.Td>
                      {start.time}–{end.time} {start.zone}
                    </Table.Td>
                    <Table.Td>{ACTION[outcome.action]}</Table.Td>
                    <Table.Td>
                      <ResultBadge outcome={outcome} preview={report.preview} />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {details(outcome).map((note, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: static list of notes
                          <Text size="xs" key={i}>
                            {note}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
