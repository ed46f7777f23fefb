import { Alert, Anchor, List, Skeleton, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatPlainDate } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import type { RebookingPreview, RebookingResult } from './rebooking-api';

const ATTENDANCE_LABEL: Record<RebookingResult['attendance'], string> = {
  individual: 'Individual',
  couple: 'Couple',
  family: 'Family',
  group: 'Group',
};

/** Alert titles in dark text: the coloured default fails WCAG contrast on the light background. */
const READABLE_TITLE = { title: { color: 'var(--mantine-color-dark-7)' } };

/** Step 5: the server's review — the time in both zones, daylight-saving warnings, what would be refused. */
export function ReviewStep({
  preview,
  error,
  loading,
  scheduleId,
}: {
  preview: RebookingPreview | undefined;
  error: unknown;
  loading: boolean;
  scheduleId: string | null;
}) {
  if (error) return <ProblemAlert error={error} title="The booking couldn't be reviewed" />;
  if (!preview) return <Skeleton height={120} />;
  const chosen = preview.schedules.find((s) => s.id === scheduleId);
  return (
    <Stack gap="sm" aria-busy={loading}>
      <Table aria-label="Appointment time" maw={560}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">Client ({preview.client.name})</Table.Th>
            <Table.Td>
              {formatPlainDate(preview.client.date)} {preview.client.time} {preview.client.timeZone} (UTC
              {preview.client.offset})
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">You ({preview.associate.name})</Table.Th>
            <Table.Td>
              {formatPlainDate(preview.associate.date)} {preview.associate.time} {preview.associate.timeZone}{' '}
              (UTC
              {preview.associate.offset})
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Sessions</Table.Th>
            <Table.Td>
              {preview.balance
                ? `${preview.balance.remaining} of ${preview.balance.granted} available before this one`
                : 'Not bookable'}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Schedule</Table.Th>
            <Table.Td>
              {chosen ? `Available on ${chosen.name}` : 'No schedule line covers this time'}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {preview.dstWarnings.map((w) => (
        <Alert
          key={w.since}
          color="yellow"
          styles={READABLE_TITLE}
          title="Daylight saving changes before this session"
        >
          {w.message}
        </Alert>
      ))}
      {preview.problems.length > 0 ? (
        <Alert color="red" styles={READABLE_TITLE} title="This cannot be finalised yet">
          <List size="sm">
            {preview.problems.map((p) => (
              <List.Item key={`${p.field}-${p.reason}`}>{p.reason}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {preview.needsExtraSessions ? (
        <Alert color="orange">
          No sessions are left on this case: request extra sessions (step 1) first.
        </Alert>
      ) : null}
    </Stack>
  );
}

export function DoneCard({ result, canSeeOutbox }: { result: RebookingResult; canSeeOutbox: boolean }) {
  const b = result.booking;
  const others = b.participants.filter((p) => p.type === 'client' && !p.lead).map((p) => p.name);
  return (
    <Alert color="green" title="Appointment booked" role="status">
      <Stack gap={4}>
        <Text size="sm">
          {b.name} on {formatPlainDate(b.bookingDate)} at {b.startTime} ({b.timeZone}),{' '}
          {result.approach === 'retrospective' ? 'recorded as delivered' : 'booked'} on{' '}
          {result.workSchedule.name}. {result.remaining} sessions left on the case.
        </Text>
        {others.length > 0 ? (
          <Text size="sm">
            {ATTENDANCE_LABEL[result.attendance]} session, also attending: {others.join(', ')}.
          </Text>
        ) : null}
        {result.meetingLink ? (
          <Text size="sm">
            Meeting link:{' '}
            <Anchor href={result.meetingLink} target="_blank" rel="noreferrer">
              {result.meetingLink}
            </Anchor>
          </Text>
        ) : null}
        <Text size="sm">
          {result.notifyClient
            ? 'The client is sent a confirmation with a calendar invitation.'
            : 'The client is not notified.'}
          {canSeeOutbox && result.notifyClient ? (
            <>
              {' '}
              <Anchor component={Link} to="/outbox">
                See it in the Outbox
              </Anchor>
            </>
          ) : null}
        </Text>
      </Stack>
    </Alert>
  );
}
