import { Alert, Badge, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../auth/auth-context';
import { formatPlainDate } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { useProfileClient } from '../clients/client-profile.layout';
import { todayIn } from '../scheduling/calendar-time';
import { BookSessionForm, DecideRequest, RequestExtraForm } from './case-actions';
import { CloseCaseForm } from './close-case-form';
import { useCaseSummary, useCases, useEndSession, WINDOW_LABELS } from './entitlements-api';
import { OpenCaseModal } from './open-case-modal';

const KIND = { grant: 'Granted', use: 'Used', reversal: 'Given back' } as const;

function CaseDetail({ caseId }: { caseId: string }) {
  const { can } = useAuth();
  const query = useCaseSummary(caseId);
  const s = query.data;
  const end = useEndSession(s?.case.clientId ?? '', caseId);
  if (query.isError) return <ProblemAlert error={query.error} title="The case couldn't be loaded" />;
  if (!s) return <Skeleton height={160} />;
  const left = s.balance?.remaining ?? 0;
  return (
    <Stack gap="md">
      <Group gap="md" wrap="wrap">
        <Text fw={600} size="lg" aria-label="Sessions left">
          {s.balance ? `${left} of ${s.balance.granted} sessions left` : 'No session can be booked now'}
        </Text>
        {s.balance ? (
          <Text size="sm" c="gray.7">
            Counting {formatPlainDate(s.balance.window.from)} – {formatPlainDate(s.balance.window.to)}
          </Text>
        ) : null}
      </Group>
      {end.isError ? <ProblemAlert error={end.error} title="The session was not ended" /> : null}
      {end.data ? (
        <Alert color="blue" variant="light">
          {end.data.sessionUsed
            ? 'The session still counts against the case.'
            : 'The session was given back to the case.'}
        </Alert>
      ) : null}
      {s.notBookable ? <Alert color="orange">Not bookable: {s.notBookable}.</Alert> : null}
      {s.pendingRequest ? (
        <Alert color="yellow" title="Extra sessions requested">
          {s.pendingRequest.sessions} sessions asked of {s.case.funder}, due{' '}
          {formatPlainDate(s.pendingRequest.dueOn)}
          {s.pendingRequest.clinicalReview ? ' (with clinical review)' : ''}.
          {left <= 0 ? ' No session can be booked until it is decided.' : ''}
        </Alert>
      ) : null}
      <div style={{ overflowX: 'auto' }}>
        <Table aria-label="Entitlement ledger" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Entry</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>Left after</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.ledger.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  {KIND[e.kind]} {e.sessions}
                </Table.Td>
                <Table.Td>
                  {e.reason}
                  {e.bookingStatus === 'cancelled' && e.kind === 'use' ? ' (cancelled)' : ''}
                  {e.overrideReason ? ` — booked with none left: ${e.overrideReason}` : ''}
                </Table.Td>
                <Table.Td>{e.balanceAfter}</Table.Td>
                <Table.Td>
                  {e.kind === 'use' && e.bookingStatus === 'booked' && e.bookingId ? (
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() =>
                          end.mutate({
                            bookingId: e.bookingId ?? '',
                            outcome: 'cancelled',
                            reason: 'Cancelled by the client',
                          })
                        }
                      >
                        Cancel
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          end.mutate({
                            bookingId: e.bookingId ?? '',
                            outcome: 'no_show',
                            reason: 'Did not attend',
                          })
                        }
                      >
                        No-show
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        component={Link}
                        to={`/quick-view/rebook/${e.bookingId}`}
                      >
                        Rebook
                      </Button>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {s.pendingRequest && can('bookings.write') ? <DecideRequest summary={s} /> : null}
      {s.case.status === 'closed' ? (
        <Alert color="gray">This case is closed: {s.case.closeReason}</Alert>
      ) : (
        <>
          <BookSessionForm summary={s} />
          {!s.pendingRequest ? <RequestExtraForm summary={s} /> : null}
          {can('bookings.write') ? <CloseCaseForm summary={s} /> : null}
        </>
      )}
    </Stack>
  );
}

/** The client's cases (referrals) with their session summaries. */
export function ClientCasesPage() {
  const client = useProfileClient();
  const { can } = useAuth();
  const cases = useCases(client.id);
  const [selected, setSelected] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const current = selected ?? cases.data?.items[0]?.id ?? null;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Sessions
        </Title>
        {can('bookings.write') ? <Button onClick={() => setOpening(true)}>Open a case</Button> : null}
      </Group>
      {cases.isError ? <ProblemAlert error={cases.error} title="The cases couldn't be loaded" /> : null}
      {cases.data?.items.length === 0 ? <Text size="sm">No cases yet.</Text> : null}
      <Group gap="xs" wrap="wrap">
        {cases.data?.items.map((c) => (
          <Card
            key={c.id}
            withBorder
            padding="xs"
            onClick={() => setSelected(c.id)}
            style={{
              cursor: 'pointer',
              borderColor: c.id === current ? 'var(--mantine-color-brand-6)' : undefined,
            }}
          >
            <Text fw={600}>{c.issue}</Text>
            <Text size="sm">
              {c.funder} · {c.allowedSessions} sessions · {WINDOW_LABELS[c.countingWindow]}
            </Text>
            {c.status === 'closed' ? <Badge color="gray">Closed</Badge> : null}
          </Card>
        ))}
      </Group>
      {current ? <CaseDetail caseId={current} /> : null}
      {opening ? (
        <OpenCaseModal
          clientId={client.id}
          today={todayIn(client.timeZone)}
          onClose={() => setOpening(false)}
        />
      ) : null}
    </Stack>
  );
}
