import { Button, Group, Skeleton, Text, Title } from '@mantine/core';
import { useAuth } from '../../auth/auth-context';
import { EmptyState } from '../../shared/empty-state';
import { fullName } from '../../shared/format';
import { LoadMore } from '../../shared/load-more';
import { NoAccess } from '../../shared/no-access';
import { ProblemAlert } from '../../shared/problem-alert';
import { useProfileClient } from '../clients/client-profile.layout';
import { useServiceLauncher } from './service-launcher';
import { useClientServices } from './services-queries';
import { ServicesTable } from './services-table';

export function ClientServicesPage() {
  const { can } = useAuth();
  if (!can('services.read')) return <NoAccess />;
  return <ClientServices />;
}

function ClientServices() {
  const client = useProfileClient();
  const { can } = useAuth();
  const launcher = useServiceLauncher();
  const query = useClientServices(client.id);
  const services = query.data?.pages.flatMap((page) => page.items) ?? [];
  const launch = { clientId: client.id, clientName: fullName(client) };

  return (
    <section aria-labelledby="client-services-title">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
        <div>
          <Title order={2} size="h3" id="client-services-title">
            Services
          </Title>
          <Text size="sm" c="gray.7">
            Work to do for {fullName(client)}, from service plans or on its own; due dates are in{' '}
            {client.timeZone}
          </Text>
        </div>
        <Group gap="sm">
          {can('services.deploy_plan') ? (
            <Button variant="default" onClick={() => launcher.openDeploy(launch)}>
              Deploy a plan
            </Button>
          ) : null}
          {can('services.write') ? (
            <Button onClick={() => launcher.openNewService(launch)}>New service</Button>
          ) : null}
        </Group>
      </Group>

      {query.isError ? <ProblemAlert error={query.error} title="Services couldn't be loaded" /> : null}
      {query.isPending ? (
        <Skeleton height={200} radius="md" />
      ) : services.length === 0 && !query.isError ? (
        <EmptyState title="No services yet">
          Deploy a service plan or create a service to track work for this client.
        </EmptyState>
      ) : services.length > 0 ? (
        <ServicesTable services={services} label="Client services" showClient={false} />
      ) : null}

      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={query.fetchNextPage}
        label="Load more services"
      />
    </section>
  );
}
