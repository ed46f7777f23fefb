import {
  ActionIcon,
  Autocomplete,
  Badge,
  Code,
  Collapse,
  Paper,
  SimpleGrid,
  Skeleton,
  Table,
  Text,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { auditApi } from '../../api/endpoints';
import type { AuditAction, AuditEvent } from '../../api/types';
import { useMe } from '../../auth/auth-context';
import { EmptyState } from '../../shared/empty-state';
import { formatInstant, orDash } from '../../shared/format';
import { LoadMore } from '../../shared/load-more';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';

const KNOWN_ENTITY_TYPES = [
  'booking',
  'calendar_feed',
  'client',
  'external_provider',
  'role',
  'service_type',
  'staff',
  'user',
];

const ACTION_STYLE: Record<AuditAction, { label: string; color: string }> = {
  create: { label: 'Create', color: 'brand' },
  update: { label: 'Update', color: 'blue' },
  delete: { label: 'Delete', color: 'red' },
  sign_in: { label: 'Sign in', color: 'gray' },
  sign_in_failed: { label: 'Sign-in failed', color: 'orange' },
  sign_out: { label: 'Sign out', color: 'gray' },
};

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <Text size="xs" fw={600} c="gray.7" tt="uppercase" mb={4}>
        {label}
      </Text>
      {value === null || value === undefined ? (
        <Text size="sm" c="gray.7">
          Nothing recorded
        </Text>
      ) : (
        <Code block tabIndex={0} aria-label={`${label} (JSON)`} style={{ maxHeight: 320, overflow: 'auto' }}>
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </div>
  );
}

function AuditRow({ event, timeZone }: { event: AuditEvent; timeZone: string }) {
  const [open, setOpen] = useState(false);
  const style = ACTION_STYLE[event.action] ?? { label: event.action, color: 'gray' };
  const detailsId = `audit-details-${event.id}`;
  const hasDetails = event.before != null || event.after != null;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td w={48}>
          {hasDetails ? (
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => setOpen((value) => !value)}
              aria-expanded={open}
              aria-controls={detailsId}
              aria-label={open ? 'Hide changes' : 'Show changes'}
            >
              <span
                aria-hidden
                style={{
                  display: 'inline-block',
                  transform: open ? 'rotate(90deg)' : 'none',
                  transition: 'transform 120ms',
                }}
              >
                ▶
              </span>
            </ActionIcon>
          ) : null}
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          {formatInstant(event.occurredAt, timeZone, true)}
        </Table.Td>
        <Table.Td>{event.actor?.label ?? 'System'}</Table.Td>
        <Table.Td>
          <Badge variant="light" color={style.color} tt="none">
            {style.label}
          </Badge>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{event.entityType}</Text>
          <Text size="xs" c="gray.7" ff="monospace">
            {orDash(event.entityId)}
          </Text>
        </Table.Td>
        <Table.Td ff="monospace">{orDash(event.ip)}</Table.Td>
      </Table.Tr>
      {hasDetails ? (
        <Table.Tr style={{ display: open ? undefined : 'none' }}>
          <Table.Td colSpan={6} p={0}>
            <Collapse expanded={open} id={detailsId}>
              <SimpleGrid cols={{ base: 1, md: 2 }} p="md" bg="gray.0">
                <JsonBlock label="Before" value={event.before} />
                <JsonBlock label="After" value={event.after} />
              </SimpleGrid>
            </Collapse>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </Fragment>
  );
}

export function AuditPage() {
  const me = useMe();
  const [entityType, setEntityType] = useState('');
  const [debounced] = useDebouncedValue(entityType.trim(), 300);
  const query = useInfiniteQuery({
    queryKey: ['audit-events', debounced],
    queryFn: ({ pageParam }) => auditApi.list(debounced || null, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
  const events = query.data?.pages.flatMap((page) => page.items) ?? [];
  const entityTypes = useMemo(
    () => [...new Set([...KNOWN_ENTITY_TYPES, ...events.map((event) => event.entityType)])].sort(),
    [events],
  );
  const timeZone = me.staff.timeZone;

  return (
    <>
      <PageHeader title="Audit" description={`Who changed what, and when. Times are in ${timeZone}.`} />
      <Paper withBorder radius="md" p="md" mb="md">
        <Autocomplete
          label="Entity type"
          placeholder="All entity types"
          data={entityTypes}
          value={entityType}
          onChange={setEntityType}
          clearable
          w={{ base: '100%', sm: 300 }}
        />
      </Paper>
      {query.isError ? <ProblemAlert error={query.error} title="Audit events couldn't be loaded" /> : null}
      {query.isPending ? (
        <Skeleton height={240} radius="md" />
      ) : events.length === 0 && !query.isError ? (
        <EmptyState title="No audit events">
          {debounced ? `Nothing recorded for “${debounced}”.` : 'Nothing has been recorded yet.'}
        </EmptyState>
      ) : events.length > 0 ? (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={820} type="native">
            <Table aria-label="Audit events" highlightOnHover={false}>
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>
                    <span className="visually-hidden">Changes</span>
                  </Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Actor</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Entity</Table.Th>
                  <Table.Th>IP</Table.Th>
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
