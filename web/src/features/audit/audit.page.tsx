import { Anchor, Group, Paper, Select, SimpleGrid, Skeleton, Table } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Temporal } from 'temporal-polyfill';
import { type AuditFilters, auditApi, staffApi } from '../../api/endpoints';
import { useMe } from '../../auth/auth-context';
import { EmptyState } from '../../shared/empty-state';
import { fullName } from '../../shared/format';
import { LoadMore } from '../../shared/load-more';
import { LocalDateInput } from '../../shared/local-date-input';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { ClientPicker } from '../clients/client-picker';
import { AuditRow } from './audit-row';

const ENTITY_TYPES = [
  { value: 'booking', label: 'Bookings' },
  { value: 'client', label: 'Clients' },
  { value: 'staff', label: 'Staff' },
  { value: 'scheduled_service', label: 'Scheduled services' },
  { value: 'service', label: 'Services' },
  { value: 'service_plan', label: 'Service plans' },
  { value: 'client_contract', label: 'Client contracts' },
  { value: 'contract_type', label: 'Contract types' },
  { value: 'invoice', label: 'Invoices' },
  { value: 'invoice_run', label: 'Invoice runs' },
  { value: 'role', label: 'Roles' },
  { value: 'user', label: 'Sign-ins' },
  { value: 'external_provider', label: 'External providers' },
  { value: 'service_type', label: 'Service types' },
  { value: 'calendar_feed', label: 'Calendar feeds' },
];

/** The first instant of a local date in the zone (or of the day after, for an "until" date). */
function startOf(date: string, timeZone: string, dayAfter = false): string | undefined {
  try {
    const day = Temporal.PlainDate.from(date);
    return (dayAfter ? day.add({ days: 1 }) : day).toZonedDateTime(timeZone).toInstant().toString();
  } catch {
    return undefined;
  }
}

export function AuditPage() {
  const me = useMe();
  const timeZone = me.organisation.timeZone;
  const [entityType, setEntityType] = useState<string | null>(null);
  const [clientId, setClientId] = useState<string | null>(null);
  const [staffId, setStaffId] = useState<string | null>(null);
  const [actorUserId, setActorUserId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const staff = useQuery({
    queryKey: ['staff', 'audit-filter'],
    queryFn: () => staffApi.list({}, null, 200),
  });
  const staffOptions = (staff.data?.items ?? []).map((s) => ({ value: s.id, label: fullName(s) }));
  const peopleOptions = (staff.data?.items ?? [])
    .filter((s) => s.userId)
    .map((s) => ({ value: s.userId!, label: fullName(s) }));

  const occurredFrom = from ? startOf(from, timeZone) : undefined;
  const occurredTo = to ? startOf(to, timeZone, true) : undefined;
  const filters: AuditFilters = {
    ...(entityType ? { entityType } : {}),
    ...(clientId ? { clientId } : {}),
    ...(staffId ? { staffId } : {}),
    ...(actorUserId ? { actorUserId } : {}),
    ...(occurredFrom ? { occurredFrom } : {}),
    ...(occurredTo ? { occurredTo } : {}),
  };
  const filtered = Object.keys(filters).length > 0;
  const query = useInfiniteQuery({
    queryKey: ['audit-events', filters],
    queryFn: ({ pageParam }) => auditApi.list(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
  const events = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader title="Audit trail" description={`Who changed what, and when. Times are in ${timeZone}.`} />
      <Paper withBorder radius="md" p="md" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Select
            label="Done by"
            placeholder="Anyone"
            data={peopleOptions}
            value={actorUserId}
            onChange={setActorUserId}
            searchable
            nothingFoundMessage="No one matches"
            clearable
          />
          <ClientPicker label="About client" value={clientId} onChange={(id) => setClientId(id)} />
          <Select
            label="About staff member"
            placeholder="Any staff member"
            data={staffOptions}
            value={staffId}
            onChange={setStaffId}
            searchable
            nothingFoundMessage="No staff member matches"
            clearable
          />
          <Select
            label="Kind of record"
            placeholder="Everything"
            data={ENTITY_TYPES}
            value={entityType}
            onChange={setEntityType}
            clearable
          />
          <LocalDateInput label="From" value={from} onChange={setFrom} />
          <LocalDateInput label="Until" value={to} onChange={setTo} />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Anchor href={auditApi.csvUrl(filters)} download="audit-trail.csv" c="brand.9" size="sm">
            Download CSV{filtered ? ' (these filters)' : ''}
          </Anchor>
        </Group>
      </Paper>
      {query.isError ? <ProblemAlert error={query.error} title="The audit trail couldn't be loaded" /> : null}
      {query.isPending ? (
        <Skeleton height={240} radius="md" aria-label="Loading the audit trail" />
      ) : events.length === 0 && !query.isError ? (
        <EmptyState title="Nothing recorded">
          {filtered ? 'No change matches these filters.' : 'Nothing has been recorded yet.'}
        </EmptyState>
      ) : events.length > 0 ? (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={820} type="native">
            <Table aria-label="Audit events" highlightOnHover={false}>
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>What happened</Table.Th>
                  <Table.Th>IP address</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Full record</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.map((event) => (
                  <AuditRow key={event.id} event={event} timeZone={timeZone} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={query.fetchNextPage}
      />
    </>
  );
}
