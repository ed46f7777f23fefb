import { Badge, Group, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { DueBucket, ServiceStatus, ServiceSummary } from '../../api/types';
import { EmptyState } from '../../shared/empty-state';
import { LoadMore } from '../../shared/load-more';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { useMyServices } from './services-queries';
import { ServicesTable } from './services-table';

const OPEN: ServiceStatus[] = ['open', 'in_progress'];
const EVERY: ServiceStatus[] = ['open', 'in_progress', 'completed', 'cancelled'];

const GROUPS: { bucket: DueBucket; title: string; empty?: string; color: string }[] = [
  { bucket: 'overdue', title: 'Overdue', color: 'red.9' },
  { bucket: 'today', title: 'Due today', color: 'orange.9' },
  { bucket: 'upcoming', title: 'Upcoming', color: 'gray.9' },
  { bucket: 'done', title: 'Completed or cancelled', color: 'gray.9' },
];

function ServiceGroup({
  bucket,
  title,
  color,
  services,
}: {
  bucket: DueBucket;
  title: string;
  color: string;
  services: ServiceSummary[];
}) {
  const headingId = `my-services-${bucket}`;
  return (
    <section
      aria-labelledby={headingId}
      data-bucket={bucket}
      style={{
        // Every group is indented alike so the columns line up; the overdue one shows its red rule.
        borderLeft: `4px solid ${bucket === 'overdue' ? 'var(--mantine-color-red-7)' : 'transparent'}`,
        paddingLeft: 'var(--mantine-spacing-md)',
      }}
    >
      <Group gap="sm" mb="xs">
        <Title order={2} size="h4" id={headingId} c={color}>
          {title}
        </Title>
        <Badge
          variant={bucket === 'overdue' ? 'filled' : 'light'}
          color={bucket === 'overdue' ? 'red.9' : 'gray'}
        >
          {services.length}
        </Badge>
      </Group>
      <ServicesTable services={services} label={title} />
    </section>
  );
}

export function MyServicesPage() {
  const [showDone, setShowDone] = useState(false);
  const query = useMyServices(showDone ? EVERY : OPEN);
  const services = query.data?.pages.flatMap((page) => page.items) ?? [];
  const groups = GROUPS.map((group) => ({
    ...group,
    services: services.filter((service) => service.dueBucket === group.bucket),
  })).filter((group) => group.services.length > 0);

  return (
    <>
      <PageHeader
        title="My services"
        description="Services assigned to you or to one of your roles, soonest due first"
        actions={
          <Switch
            label="Show completed and cancelled"
            checked={showDone}
            onChange={(event) => setShowDone(event.currentTarget.checked)}
          />
        }
      />
      {query.isError ? <ProblemAlert error={query.error} title="Your services couldn't be loaded" /> : null}
      {query.isPending ? (
        <Skeleton height={240} radius="md" />
      ) : services.length === 0 && !query.isError ? (
        <EmptyState title="Nothing to do">Services assigned to you will appear here.</EmptyState>
      ) : (
        <Stack gap="xl">
          {groups.map((group) => (
            <ServiceGroup key={group.bucket} {...group} />
          ))}
        </Stack>
      )}
      {query.hasNextPage ? (
        <Text size="sm" c="dimmed" mt="md" ta="center">
          More services are due later.
        </Text>
      ) : null}
      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={query.fetchNextPage}
        label="Load more services"
      />
    </>
  );
}
