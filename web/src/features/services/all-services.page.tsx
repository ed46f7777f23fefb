import { Button, Grid, MultiSelect, Paper, Select, Skeleton, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ServiceFilters } from '../../api/endpoints';
import { staffApi } from '../../api/endpoints';
import type { ServiceStatus } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { EmptyState } from '../../shared/empty-state';
import { fullName } from '../../shared/format';
import { LoadMore } from '../../shared/load-more';
import { LocalDateInput } from '../../shared/local-date-input';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { ClientPicker } from '../clients/client-picker';
import { STATUS_LABELS } from './service-badges';
import { useServiceLauncher } from './service-launcher';
import { useServicesList } from './services-queries';
import { ServicesTable } from './services-table';

const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as ServiceStatus[]).map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

type Filters = {
  clientId: string | null;
  clientName: string | null;
  assigneeStaffId: string | null;
  statuses: string[];
  dueFrom: string;
  dueTo: string;
};

const INITIAL: Filters = {
  clientId: null,
  clientName: null,
  assigneeStaffId: null,
  statuses: ['open', 'in_progress'],
  dueFrom: '',
  dueTo: '',
};

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export function AllServicesPage() {
  const { can } = useAuth();
  const launcher = useServiceLauncher();
  const [filters, setFilters] = useState<Filters>(INITIAL);
  const staff = useQuery({
    queryKey: ['staff', 'active-all'],
    queryFn: () => staffApi.list({}, null, 200),
    staleTime: 60_000,
  });
  const staffOptions = useMemo(
    () =>
      (staff.data?.items ?? [])
        .filter((member) => member.active)
        .map((member) => ({ value: member.id, label: fullName(member) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [staff.data],
  );
  const rangeError =
    isDate(filters.dueFrom) && isDate(filters.dueTo) && filters.dueFrom > filters.dueTo
      ? 'Must be on or after the start of the range'
      : null;
  const apiFilters: ServiceFilters = {
    clientId: filters.clientId ?? undefined,
    assigneeStaffId: filters.assigneeStaffId ?? undefined,
    status: filters.statuses.length > 0 ? filters.statuses.join(',') : undefined,
    dueFrom: isDate(filters.dueFrom) ? filters.dueFrom : undefined,
    dueTo: isDate(filters.dueTo) && !rangeError ? filters.dueTo : undefined,
  };
  const query = useServicesList(apiFilters);
  const services = query.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (change: Partial<Filters>) => setFilters((current) => ({ ...current, ...change }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(INITIAL);

  return (
    <>
      <PageHeader
        title="All services"
        description="Every client's services, soonest due first"
        actions={
          <>
            {can('services.deploy_plan') ? (
              <Button variant="default" onClick={() => launcher.openDeploy()}>
                Deploy a service plan
              </Button>
            ) : null}
            {can('services.write') ? (
              <Button onClick={() => launcher.openNewService()}>New service</Button>
            ) : null}
          </>
        }
      />

      <Paper withBorder radius="md" p="md" mb="md" role="search" aria-label="Filter services">
        <Grid align="flex-end">
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <ClientPicker
              label="Client"
              placeholder="Any client"
              value={filters.clientId}
              selectedName={filters.clientName}
              onChange={(clientId, clientName) => set({ clientId, clientName })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
            <Select
              label="Assignee"
              placeholder={staff.isError ? 'Staff list not available' : 'Anyone'}
              data={staffOptions}
              searchable
              clearable
              disabled={staff.isError}
              value={filters.assigneeStaffId}
              nothingFoundMessage="No one matches"
              onChange={(assigneeStaffId) => set({ assigneeStaffId })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <MultiSelect
              label="Status"
              placeholder={filters.statuses.length === 0 ? 'Any status' : undefined}
              data={STATUS_OPTIONS}
              value={filters.statuses}
              onChange={(statuses) => set({ statuses })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3, lg: 2 }}>
            <LocalDateInput
              label="Due from"
              value={filters.dueFrom}
              onChange={(value) => set({ dueFrom: value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3, lg: 2 }}>
            <LocalDateInput
              label="Due to"
              value={filters.dueTo}
              error={rangeError}
              onChange={(value) => set({ dueTo: value })}
            />
          </Grid.Col>
        </Grid>
        {filtered ? (
          <Button variant="subtle" size="xs" mt="sm" onClick={() => setFilters(INITIAL)}>
            Reset filters
          </Button>
        ) : null}
      </Paper>

      <Text size="sm" c="gray.7" mb="xs" aria-live="polite">
        {query.isPending
          ? 'Loading services…'
          : query.isFetching && !query.isFetchingNextPage
            ? 'Updating…'
            : `${services.length}${query.hasNextPage ? '+' : ''} service${services.length === 1 ? '' : 's'} shown`}
      </Text>

      {query.isError ? <ProblemAlert error={query.error} title="Services couldn't be loaded" /> : null}
      {query.isPending ? (
        <Skeleton height={240} radius="md" />
      ) : services.length === 0 && !query.isError ? (
        <EmptyState title={filtered ? 'No services match these filters' : 'No services yet'}>
          {filtered
            ? 'Try a wider due range or another status.'
            : 'Services appear here when a plan is deployed or a service is created.'}
        </EmptyState>
      ) : services.length > 0 ? (
        <ServicesTable services={services} label="Services" />
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
