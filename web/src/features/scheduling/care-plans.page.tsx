import { Badge, Button, Group, Modal, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useAuth } from '../../auth/auth-context';
import { EmptyState } from '../../shared/empty-state';
import { formatDuration, formatPlainDate, fullName } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { zoneAbbreviation } from '../../shared/time-zones';
import { useProfileClient } from '../clients/client-profile.layout';
import { describeRule } from './recurrence-text';
import { ScheduleReportView } from './schedule-report';
import { ScheduledServiceForm } from './scheduled-service-form';
import type { ScheduledService, ScheduleReport, SeriesStatus } from './scheduling-api';
import { useClientSeries, useCreateSeries } from './scheduling-queries';
import { ActivateSeriesModal, EditSeriesModal, EndSeriesModal } from './series-modals';
import { SeriesRoster } from './series-roster';

const STATUS: Record<SeriesStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'blue' },
  active: { label: 'Active', color: 'brand' },
  ended: { label: 'Ended', color: 'gray' },
};

type Dialog =
  | { type: 'create' }
  | { type: 'created'; report: ScheduleReport }
  | { type: 'activate' | 'edit' | 'end'; series: ScheduledService }
  | null;

/** Client Profile › Scheduled services: the client's regular care (series in the API). */
export function CarePlansPage() {
  const client = useProfileClient();
  const { can } = useAuth();
  const canWrite = can('bookings.write');
  const series = useClientSeries(client.id);
  const create = useCreateSeries(client.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const items = series.data ?? [];

  return (
    <section aria-labelledby="care-plans-title">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
        <div>
          <Title order={2} size="h3" id="care-plans-title">
            Scheduled services
          </Title>
          <Text size="sm" c="gray.7">
            Scheduled services for {fullName(client)}: regular care that books itself. Times in{' '}
            {client.timeZone} ({zoneAbbreviation(client.timeZone)}).
          </Text>
        </div>
        {canWrite ? (
          <Button onClick={() => setDialog({ type: 'create' })}>New scheduled service</Button>
        ) : null}
      </Group>

      {series.isError ? (
        <ProblemAlert error={series.error} title="Scheduled services couldn't be loaded" />
      ) : null}
      {series.isPending ? (
        <Skeleton height={160} radius="md" />
      ) : items.length === 0 && !series.isError ? (
        <EmptyState title="No scheduled services yet">
          Set up regular care, e.g. personal care every Monday and Thursday morning.
        </EmptyState>
      ) : items.length > 0 ? (
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover verticalSpacing="sm" aria-label="Scheduled services">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Duration</Table.Th>
                <Table.Th>Assignee</Table.Th>
                <Table.Th>Dates</Table.Th>
                <Table.Th>Status</Table.Th>
                {canWrite ? <Table.Th>Actions</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {item.name}
                    </Text>
                    <Text size="xs" c="gray.7">
                      {item.serviceType.name}
                    </Text>
                    <SeriesRoster seriesId={item.id} canWrite={canWrite} />
                  </Table.Td>
                  <Table.Td>{describeRule(item.rrule, item.startTime, item.startDate)}</Table.Td>
                  <Table.Td>{formatDuration(item.durationMinutes)}</Table.Td>
                  <Table.Td>
                    {item.assignee ? (
                      item.assignee.name
                    ) : (
                      <Text size="sm" fs="italic">
                        Open shift
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {formatPlainDate(item.startDate)} –{' '}
                    {item.endDate ? formatPlainDate(item.endDate) : 'ongoing'}
                  </Table.Td>
                  <Table.Td miw={96}>
                    <Badge color={STATUS[item.status].color} variant="light">
                      {STATUS[item.status].label}
                    </Badge>
                  </Table.Td>
                  {canWrite ? (
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {item.status === 'draft' ? (
                          <Button
                            size="xs"
                            onClick={() => setDialog({ type: 'activate', series: item })}
                            aria-label={`Activate ${item.name}`}
                          >
                            Activate
                          </Button>
                        ) : null}
                        {item.status !== 'ended' ? (
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => setDialog({ type: 'edit', series: item })}
                            aria-label={`Edit ${item.name}`}
                          >
                            Edit
                          </Button>
                        ) : null}
                        {item.status === 'active' ? (
                          <Button
                            size="xs"
                            variant="outline"
                            color="red.9"
                            onClick={() => setDialog({ type: 'end', series: item })}
                            aria-label={`End series ${item.name}`}
                          >
                            End series
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      <Modal opened={dialog?.type === 'create'} onClose={close} title="New scheduled service" size="80rem">
        <ScheduledServiceForm
          client={client}
          onCancel={close}
          onSubmit={async (input) => {
            const report = await create.mutateAsync(input);
            notifications.show({
              color: 'brand',
              title: input.status === 'active' ? 'Scheduled service activated' : 'Draft saved',
              message: `“${input.name}” was saved.`,
            });
            if (input.status === 'active') setDialog({ type: 'created', report });
            else close();
          }}
        />
      </Modal>
      <Modal
        opened={dialog?.type === 'created'}
        onClose={close}
        title="Scheduled service activated"
        size="xl"
      >
        {dialog?.type === 'created' ? (
          <Stack gap="md">
            <ScheduleReportView report={dialog.report} timeZone={client.timeZone} />
            <Group justify="flex-end">
              <Button onClick={close}>Done</Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
      {dialog?.type === 'activate' ? <ActivateSeriesModal series={dialog.series} onClose={close} /> : null}
      {dialog?.type === 'edit' ? <EditSeriesModal series={dialog.series} onClose={close} /> : null}
      {dialog?.type === 'end' ? <EndSeriesModal series={dialog.series} onClose={close} /> : null}
    </section>
  );
}
