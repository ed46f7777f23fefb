import {
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Skeleton,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ClientStatus } from '../../api/types';
import { useAuth, useMe } from '../../auth/auth-context';
import { EmptyState } from '../../shared/empty-state';
import { fullName, orDash } from '../../shared/format';
import { LoadMore } from '../../shared/load-more';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { ClientForm } from './client-form';
import { ClientStatusBadge } from './client-status-badge';
import { useClientsList, useCreateClient } from './clients-queries';

type StatusFilter = ClientStatus | 'all';

export function ClientsListPage() {
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<StatusFilter>('active');
  const [creating, setCreating] = useState(false);
  const query = useClientsList({ q: debouncedSearch, status: status === 'all' ? '' : status });
  const create = useCreateClient();
  const clients = query.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = search.trim() !== debouncedSearch || (query.isFetching && !query.isFetchingNextPage);

  return (
    <>
      <PageHeader
        title="Clients"
        description="People your organisation supports"
        actions={can('clients.write') ? <Button onClick={() => setCreating(true)}>New client</Button> : null}
      />

      <Paper withBorder radius="md" p="md" mb="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            label="Search clients"
            placeholder="Name, preferred name or NDIS number"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={{ base: '100%', sm: 360 }}
            aria-describedby="clients-result-count"
          />
          <div>
            <Text
              component="span"
              size="sm"
              id="status-filter-label"
              display="block"
              mb={4}
              style={{ fontWeight: 'var(--mantine-font-weight-medium)' }}
            >
              Status
            </Text>
            <SegmentedControl
              aria-labelledby="status-filter-label"
              value={status}
              onChange={(value) => setStatus(value as StatusFilter)}
              data={[
                { value: 'active', label: 'Active' },
                { value: 'inactive', label: 'Inactive' },
                { value: 'all', label: 'All' },
              ]}
            />
          </div>
        </Group>
      </Paper>

      <Text id="clients-result-count" size="sm" c="gray.7" mb="xs" aria-live="polite">
        {query.isPending
          ? 'Loading clients…'
          : searching
            ? 'Searching…'
            : `${clients.length}${query.hasNextPage ? '+' : ''} client${clients.length === 1 ? '' : 's'} shown`}
      </Text>

      {query.isError ? <ProblemAlert error={query.error} title="Clients couldn't be loaded" /> : null}

      {query.isPending ? (
        <Skeleton height={240} radius="md" />
      ) : clients.length === 0 && !query.isError ? (
        <EmptyState
          title={debouncedSearch ? `No clients match “${debouncedSearch}”` : 'No clients yet'}
          action={
            can('clients.write') && !debouncedSearch ? (
              <Button variant="light" onClick={() => setCreating(true)}>
                Add the first client
              </Button>
            ) : null
          }
        >
          {debouncedSearch
            ? 'Try a different name or clear the status filter.'
            : 'Clients you add appear here.'}
        </EmptyState>
      ) : clients.length > 0 ? (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={720} type="native">
            <Table aria-label="Clients">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Preferred name</Table.Th>
                  <Table.Th>NDIS number</Table.Th>
                  <Table.Th>Time zone</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {clients.map((client) => (
                  <Table.Tr
                    key={client.id}
                    className="clickable-row"
                    onClick={(event) => {
                      if ((event.target as HTMLElement).closest('a')) return;
                      navigate(`/clients/${client.id}/profile`);
                    }}
                  >
                    <Table.Td>
                      <Anchor component={Link} to={`/clients/${client.id}/profile`} fw={600} c="brand.9">
                        {fullName(client)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{orDash(client.preferredName)}</Table.Td>
                    <Table.Td ff="monospace">{orDash(client.ndisNumber)}</Table.Td>
                    <Table.Td>{client.timeZone}</Table.Td>
                    <Table.Td>
                      <ClientStatusBadge status={client.status} />
                    </Table.Td>
                  </Table.Tr>
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
        label="Load more clients"
      />

      <Modal opened={creating} onClose={() => setCreating(false)} title="New client" size="xl">
        <ClientForm
          client={null}
          defaultTimeZone={me.organisation.timeZone}
          submitLabel="Create client"
          showStatus={false}
          onCancel={() => setCreating(false)}
          onSubmit={async (input) => {
            const client = await create.mutateAsync(input);
            notifications.show({
              color: 'brand',
              title: 'Client created',
              message: `${fullName(client)} was added.`,
            });
            setCreating(false);
            navigate(`/clients/${client.id}/profile`);
          }}
        />
      </Modal>
    </>
  );
}
