import { Anchor, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatPlainDate } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { AppointmentCard } from './appointment-card';
import { type Appointment, useTodayBoard } from './quick-view-api';

function Panel({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  const id = `today-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h5" id={id} mb="xs">
        {title} ({count})
      </Title>
      {children}
    </Paper>
  );
}

function Appointments({ items, empty }: { items: Appointment[]; empty: string }) {
  if (items.length === 0)
    return (
      <Text size="sm" c="gray.7">
        {empty}
      </Text>
    );
  return (
    <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((a) => (
        <AppointmentCard key={a.bookingId} a={a} />
      ))}
    </Stack>
  );
}

/** The coordinator's home: what needs attention today, across every associate. */
export function TodayBoardPage() {
  const query = useTodayBoard();
  const b = query.data;
  return (
    <>
      <PageHeader
        title="Today"
        description={b ? `${formatPlainDate(b.date)}: what needs attention now` : 'What needs attention now'}
      />
      {query.isError ? <ProblemAlert error={query.error} title="The Today board couldn't be loaded" /> : null}
      {query.isPending ? <Skeleton height={240} radius="md" aria-busy="true" /> : null}
      {b ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" aria-busy={query.isFetching}>
          <Panel title="In progress" count={b.inProgress.length}>
            <Appointments items={b.inProgress} empty="No visit is under way." />
          </Panel>
          <Panel title="Late to start" count={b.lateToStart.length}>
            <Appointments items={b.lateToStart} empty="Nobody is late to start." />
          </Panel>
          <Panel title="Unassigned" count={b.unassigned.length}>
            <Appointments items={b.unassigned} empty="Every booking of the next 7 days has someone." />
          </Panel>
          <Panel title="Cancelled today" count={b.cancelledToday.length}>
            <Appointments items={b.cancelledToday} empty="No cancellations today." />
          </Panel>
          <Panel title={`Overdue: not completed ${b.overdueAfterDays} days after`} count={b.overdue.length}>
            <Appointments items={b.overdue} empty="Every past appointment is completed." />
          </Panel>
          <Panel title="Extra-session requests pending" count={b.pendingExtraSessionRequests.length}>
            {b.pendingExtraSessionRequests.length === 0 ? (
              <Text size="sm" c="gray.7">
                No request is waiting for a funder.
              </Text>
            ) : (
              <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {b.pendingExtraSessionRequests.map((r) => (
                  <li key={r.id}>
                    <Anchor component={Link} to={`/clients/${r.clientId}/sessions`} fw={600}>
                      {r.clientName}
                    </Anchor>
                    <Text size="sm">
                      {r.sessions} more for {r.issue} from {r.funder}, due {formatPlainDate(r.dueOn)}
                    </Text>
                  </li>
                ))}
              </Stack>
            )}
          </Panel>
        </SimpleGrid>
      ) : null}
    </>
  );
}
