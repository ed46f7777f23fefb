import { Anchor, Badge, Breadcrumbs, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, Outlet, useLocation, useNavigate, useOutletContext, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import type { Client, PermissionKey } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { fullName } from '../../shared/format';
import { NotFound } from '../../shared/not-found';
import { PageTitle } from '../../shared/page-title';
import { ProblemAlert } from '../../shared/problem-alert';
import { zoneAbbreviation } from '../../shared/time-zones';
import { ClientStatusBadge } from './client-status-badge';
import { useClient } from './clients-queries';

type ClientOutlet = { client: Client };

export function useProfileClient(): Client {
  return useOutletContext<ClientOutlet>().client;
}

const TABS = [
  { value: 'profile', label: 'Detailed Profile', permission: null },
  { value: 'services', label: 'Services', permission: 'services.read' },
  { value: 'service-orders', label: 'Service Orders', permission: null },
  { value: 'care-plans', label: 'Scheduled services', permission: 'bookings.read' },
  { value: 'calendar', label: 'Calendar', permission: 'bookings.read' },
  { value: 'leave', label: 'Leave', permission: null },
  { value: 'sessions', label: 'Sessions', permission: 'bookings.read' },
  { value: 'contracts', label: 'Contracts', permission: 'contracts.manage' },
  { value: 'ndis-funding', label: 'NDIS funding', permission: 'bookings.read' },
] as const satisfies readonly { value: string; label: string; permission: PermissionKey | null }[];

export function ClientProfileLayout() {
  const { clientId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const query = useClient(clientId);
  const { can } = useAuth();
  const tabs = TABS.filter((item) => item.permission === null || can(item.permission));
  const tab = TABS.find((item) => location.pathname.endsWith(`/${item.value}`))?.value ?? 'profile';

  if (query.isPending) {
    return (
      <Stack>
        <Skeleton height={36} width={320} />
        <Skeleton height={300} />
      </Stack>
    );
  }
  if (query.isError) {
    return isApiError(query.error) && query.error.status === 404 ? (
      <NotFound what="client" />
    ) : (
      <ProblemAlert error={query.error} title="This client couldn't be loaded" />
    );
  }

  const client = query.data;
  return (
    <Stack gap="md">
      <PageTitle
        title={`${TABS.find((item) => item.value === tab)?.label ?? 'Profile'} · ${fullName(client)}`}
      />
      <Breadcrumbs aria-label="Breadcrumb">
        <Anchor component={Link} to="/clients" size="sm" c="brand.9">
          Clients
        </Anchor>
        <Text size="sm" c="gray.7">
          {fullName(client)}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {fullName(client)}
            </Title>
            <ClientStatusBadge status={client.status} />
          </Group>
          <Group gap="md" c="gray.7">
            {client.preferredName ? <Text size="sm">Prefers “{client.preferredName}”</Text> : null}
            {client.ndisNumber ? <Text size="sm">NDIS {client.ndisNumber}</Text> : null}
            <Badge variant="outline" color="gray.8" tt="none">
              {client.timeZone} ({zoneAbbreviation(client.timeZone)})
            </Badge>
          </Group>
        </Stack>
      </Group>
      <Tabs
        value={tab}
        onChange={(value) => value && navigate(`/clients/${client.id}/${value}`)}
        keepMounted={false}
      >
        <Tabs.List aria-label="Client profile sections">
          {tabs.map((item) => (
            <Tabs.Tab key={item.value} value={item.value}>
              {item.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <div>
        <Outlet context={{ client } satisfies ClientOutlet} />
      </div>
    </Stack>
  );
}
