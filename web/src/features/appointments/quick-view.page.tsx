import { Alert, Skeleton, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../shared/empty-state';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { AppointmentCard, type CardHandlers } from './appointment-card';
import { AppointmentNotesModal } from './appointment-notes-modal';
import { EndAppointmentModal, type Ending } from './end-appointment-modal';
import { type Appointment, useCommence, useQuickView } from './quick-view-api';

function Section({
  title,
  items,
  empty,
  handlers,
}: {
  title: string;
  items: Appointment[];
  empty: string;
  handlers: CardHandlers;
}) {
  const headingId = `qv-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="xs">
        {title} ({items.length})
      </Title>
      {items.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <Stack
          component="ul"
          gap="xs"
          aria-labelledby={headingId}
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {items.map((a) => (
            <AppointmentCard key={a.bookingId} a={a} handlers={handlers} />
          ))}
        </Stack>
      )}
    </section>
  );
}

/** The associate's home: not started, in progress (commenced, not signed off), recently completed. */
export function QuickViewPage() {
  const query = useQuickView();
  const commence = useCommence();
  const [notesId, setNotesId] = useState<string | null>(null);
  const [ending, setEnding] = useState<Ending | null>(null);
  const handlers: CardHandlers = {
    onCommence: (a) => commence.mutate(a.bookingId),
    onNotes: (a) => setNotesId(a.bookingId),
    onEnd: (a, kind) => setEnding({ appointment: a, kind }),
    busyId: commence.isPending ? (commence.variables ?? null) : null,
  };
  const data = query.data;
  const overdue = data ? [...data.notStarted, ...data.inProgress].filter((a) => a.overdue).length : 0;
  return (
    <>
      <PageHeader
        title="Quick View"
        description="Your appointments: commence, complete, sign off and rebook"
      />
      {query.isError ? <ProblemAlert error={query.error} title="Quick View couldn't be loaded" /> : null}
      <ProblemAlert error={commence.error} title="The appointment couldn't be commenced" />
      {query.isPending ? <Skeleton height={240} radius="md" aria-busy="true" /> : null}
      {data ? (
        <Stack gap="lg" aria-busy={query.isFetching}>
          {overdue > 0 ? (
            <Alert color="red" variant="light" title="Appointments to complete">
              {overdue === 1 ? '1 appointment is' : `${overdue} appointments are`} not completed{' '}
              {data.overdueAfterDays} days after {overdue === 1 ? 'it' : 'they'} took place: complete, cancel
              or mark {overdue === 1 ? 'it' : 'them'} as a no-show.
            </Alert>
          ) : null}
          <Section
            title="Not started"
            items={data.notStarted}
            empty="Nothing waiting to start"
            handlers={handlers}
          />
          <Section
            title="In progress"
            items={data.inProgress}
            empty="Nothing in progress"
            handlers={handlers}
          />
          <Section
            title="Recently completed"
            items={data.recentlyCompleted}
            empty="Nothing completed in the last 14 days"
            handlers={handlers}
          />
        </Stack>
      ) : null}
      <AppointmentNotesModal bookingId={notesId} onClose={() => setNotesId(null)} />
      <EndAppointmentModal ending={ending} onClose={() => setEnding(null)} />
    </>
  );
}
