import {
  Anchor,
  Breadcrumbs,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import type { Service, ServiceStatus } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { useConfirm } from '../../shared/confirm-dialog';
import { blankToNull, formatInstant, formatPlainDate } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { NotFound } from '../../shared/not-found';
import { PageTitle } from '../../shared/page-title';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { decodeAssignee, encodeAssignee, useAssigneeData } from './assignees';
import { DueBucketBadge, ServiceStatusBadge } from './service-badges';
import { useService, useSetActivity, useUpdateService } from './services-queries';

export function ServicePage() {
  const { serviceId = '' } = useParams();
  const query = useService(serviceId);
  if (query.isPending) {
    return (
      <Stack>
        <Skeleton height={36} width={360} />
        <Skeleton height={360} />
      </Stack>
    );
  }
  if (query.isError) {
    return isApiError(query.error) && query.error.status === 404 ? (
      <NotFound what="service" />
    ) : (
      <ProblemAlert error={query.error} title="This service couldn't be loaded" />
    );
  }
  return <ServiceView key={query.data.id} service={query.data} />;
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="gray.7" tt="uppercase" fw={600} lh={1.6}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

type StatusAction = { to: ServiceStatus; label: string; variant: 'filled' | 'light' | 'outline' | 'default' };

function statusActions(status: ServiceStatus): StatusAction[] {
  switch (status) {
    case 'open':
      return [
        { to: 'in_progress', label: 'Start', variant: 'light' },
        { to: 'completed', label: 'Complete', variant: 'filled' },
        { to: 'cancelled', label: 'Cancel service', variant: 'outline' },
      ];
    case 'in_progress':
      return [
        { to: 'completed', label: 'Complete', variant: 'filled' },
        { to: 'cancelled', label: 'Cancel service', variant: 'outline' },
      ];
    default:
      return [{ to: 'open', label: 'Reopen', variant: 'default' }];
  }
}

const STATUS_DONE: Record<ServiceStatus, string> = {
  open: 'reopened',
  in_progress: 'started',
  completed: 'completed',
  cancelled: 'cancelled',
};

function ServiceView({ service }: { service: Service }) {
  const { can, me } = useAuth();
  const update = useUpdateService(service.id);
  const [problem, setProblem] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const confirm = useConfirm();
  const viewerZone = me?.staff.timeZone ?? 'UTC';
  const finished = service.status === 'completed' || service.status === 'cancelled';

  const setStatus = async (action: StatusAction) => {
    if (
      action.to === 'cancelled' &&
      !(await confirm({ title: `Cancel “${service.title}”?`, confirmLabel: 'Cancel service', danger: true }))
    )
      return;
    setProblem(null);
    try {
      await update.mutateAsync({ status: action.to });
      notifications.show({
        color: 'brand',
        title: `Service ${STATUS_DONE[action.to]}`,
        message: `“${service.title}” for ${service.clientName}.`,
      });
    } catch (error) {
      setProblem(error);
    }
  };

  return (
    <Stack gap="md">
      <Breadcrumbs aria-label="Breadcrumb">
        {can('services.read') ? (
          <Anchor component={Link} to="/services" size="sm" c="brand.9">
            All services
          </Anchor>
        ) : (
          <Anchor component={Link} to="/my-services" size="sm" c="brand.9">
            My services
          </Anchor>
        )}
        <Text size="sm" c="gray.7">
          {service.title}
        </Text>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6}>
          <Group gap="sm">
            <PageTitle title={service.title} />
            <Title order={1} size="h2">
              {service.title}
            </Title>
            <ServiceStatusBadge status={service.status} />
            <DueBucketBadge bucket={service.dueBucket} />
          </Group>
          <Text size="sm" c="gray.7">
            For{' '}
            {can('clients.read') ? (
              <Anchor component={Link} to={`/clients/${service.clientId}/profile`} c="brand.9" size="sm">
                {service.clientName}
              </Anchor>
            ) : (
              service.clientName
            )}{' '}
            · due {formatPlainDate(service.dueDate)} · {service.assignee?.name ?? 'Unassigned'}
          </Text>
        </Stack>
        <Group gap="sm">
          {statusActions(service.status).map((action) => (
            <Button
              key={action.to}
              variant={action.variant}
              color={action.to === 'cancelled' ? 'red.9' : undefined}
              loading={update.isPending && update.variables?.status === action.to}
              disabled={update.isPending}
              onClick={() => setStatus(action)}
            >
              {action.label}
            </Button>
          ))}
        </Group>
      </Group>

      {problem ? <ProblemAlert error={problem} title="The service couldn't be changed" /> : null}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="service-description">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4" id="service-description">
                  {editing ? 'Edit service' : 'Description'}
                </Title>
                {can('services.write') && !editing ? (
                  <Button variant="light" size="xs" onClick={() => setEditing(true)}>
                    Edit service
                  </Button>
                ) : null}
              </Group>
              {editing ? (
                <EditServiceForm service={service} onDone={() => setEditing(false)} />
              ) : (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {service.description?.trim() ? service.description : 'No description.'}
                </Text>
              )}
            </Paper>
            <ActivitiesPanel service={service} viewerZone={viewerZone} finished={finished} />
            <NotesPanel service={service} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SidePanel service={service} viewerZone={viewerZone} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function ActivitiesPanel({
  service,
  viewerZone,
  finished,
}: {
  service: Service;
  viewerZone: string;
  finished: boolean;
}) {
  const tick = useSetActivity(service.id);
  const [problem, setProblem] = useState<unknown>(null);
  // Ticks show at once; the server's answer (with who and when) replaces them.
  const [pending, setPending] = useState<Record<number, boolean>>({});
  const done = service.activities.filter((activity) => activity.done).length;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="service-activities">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="service-activities">
          Activities
        </Title>
        {service.activities.length > 0 ? (
          <Text size="sm" c="gray.7">
            {done} of {service.activities.length} done
          </Text>
        ) : null}
      </Group>
      {problem ? <ProblemAlert error={problem} title="The activity couldn't be changed" /> : null}
      {finished && service.activities.length > 0 ? (
        <Text size="sm" c="gray.7" mb="sm">
          Reopen the service to change its activities.
        </Text>
      ) : null}
      {service.activities.length === 0 ? (
        <Text size="sm" c="dimmed">
          This service has no activities.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {service.activities.map((activity) => (
            <li key={activity.position}>
              <Checkbox
                label={activity.label}
                checked={pending[activity.position] ?? activity.done}
                disabled={finished || pending[activity.position] !== undefined}
                description={
                  activity.done && activity.doneBy
                    ? `Done by ${activity.doneBy.name}${activity.doneAt ? ` at ${formatInstant(activity.doneAt, viewerZone)}` : ''}`
                    : undefined
                }
                onChange={async (event) => {
                  const { position } = activity;
                  const checked = event.currentTarget.checked;
                  setProblem(null);
                  setPending((current) => ({ ...current, [position]: checked }));
                  try {
                    await tick.mutateAsync({ position, done: checked });
                  } catch (error) {
                    setProblem(error);
                  } finally {
                    setPending(({ [position]: _, ...rest }) => rest);
                  }
                }}
              />
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function NotesPanel({ service }: { service: Service }) {
  const update = useUpdateService(service.id);
  const [notes, setNotes] = useState(service.notes ?? '');
  const [problem, setProblem] = useState<unknown>(null);
  const changed = (blankToNull(notes) ?? null) !== (service.notes ?? null);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="service-notes">
      <Title order={2} size="h4" id="service-notes" mb="sm">
        Notes
      </Title>
      {problem ? <ProblemAlert error={problem} title="The notes couldn't be saved" /> : null}
      <Textarea
        aria-labelledby="service-notes"
        placeholder="What happened, what's next"
        autosize
        minRows={3}
        maxRows={12}
        value={notes}
        onChange={(event) => setNotes(event.currentTarget.value)}
      />
      <Group justify="flex-end" mt="sm">
        {changed ? (
          <Button variant="default" onClick={() => setNotes(service.notes ?? '')}>
            Discard
          </Button>
        ) : null}
        <Button
          disabled={!changed}
          loading={update.isPending}
          onClick={async () => {
            setProblem(null);
            try {
              const saved = await update.mutateAsync({ notes: blankToNull(notes) });
              setNotes(saved.notes ?? '');
              notifications.show({ color: 'brand', title: 'Notes saved', message: `On “${saved.title}”.` });
            } catch (error) {
              setProblem(error);
            }
          }}
        >
          Save notes
        </Button>
      </Group>
    </Paper>
  );
}

type EditValues = { title: string; dueDate: string; assignee: string | null; description: string };

function EditServiceForm({ service, onDone }: { service: Service; onDone: () => void }) {
  const update = useUpdateService(service.id);
  const assignees = useAssigneeData([service.assignee]);
  const [problem, setProblem] = useState<unknown>(null);
  const form = useForm<EditValues>({
    mode: 'controlled',
    initialValues: {
      title: service.title,
      dueDate: service.dueDate,
      assignee: encodeAssignee(service.assignee),
      description: service.description ?? '',
    },
    validate: {
      title: (value) => (value.trim() ? null : 'Title is required'),
      dueDate: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : 'Pick the due date'),
    },
  });
  return (
    <form
      aria-label="Edit service"
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setProblem(null);
        try {
          await update.mutateAsync({
            title: values.title.trim(),
            dueDate: values.dueDate,
            assignee: decodeAssignee(values.assignee),
            description: blankToNull(values.description),
          });
          notifications.show({
            color: 'brand',
            title: 'Service saved',
            message: `“${values.title.trim()}”.`,
          });
          onDone();
        } catch (error) {
          applyServerErrors(error, form.setErrors, ['title', 'dueDate', 'assignee', 'description'], {
            'assignee.id': 'assignee',
          });
          setProblem(error);
        }
      })}
    >
      <Stack gap="sm">
        {problem ? <ProblemAlert error={problem} title="The service couldn't be saved" /> : null}
        <TextInput label="Title" required {...form.getInputProps('title')} />
        <Grid>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <LocalDateInput label="Due date" required {...form.getInputProps('dueDate')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 7 }}>
            <Select
              label="Assignee"
              placeholder="Unassigned"
              data={assignees.data}
              searchable
              clearable
              nothingFoundMessage="No one matches"
              {...form.getInputProps('assignee')}
            />
          </Grid.Col>
        </Grid>
        <Textarea
          label="Description"
          autosize
          minRows={3}
          maxRows={10}
          {...form.getInputProps('description')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SidePanel({ service, viewerZone }: { service: Service; viewerZone: string }) {
  const { can } = useAuth();
  const plan = service.plan;
  const summary = (
    <Stack gap="md" p="md">
      <Detail label="Client">{service.clientName}</Detail>
      <Detail label="Due date">{formatPlainDate(service.dueDate)}</Detail>
      <Detail label="Assignee">{service.assignee?.name ?? 'Unassigned'}</Detail>
      <Detail label="Status">
        <ServiceStatusBadge status={service.status} />
      </Detail>
      <Detail label="Created by">{service.createdBy.name}</Detail>
      <Text size="xs" c="gray.7">
        Created {formatInstant(service.createdAt, viewerZone)} · Updated{' '}
        {formatInstant(service.updatedAt, viewerZone)}
      </Text>
    </Stack>
  );
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Tabs defaultValue="summary" keepMounted={false}>
        <Tabs.List aria-label="Service panels" grow>
          <Tabs.Tab value="summary">Summary</Tabs.Tab>
          {plan ? <Tabs.Tab value="plan">Plan ({plan.services.length})</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="summary">{summary}</Tabs.Panel>
        {plan ? (
          <Tabs.Panel value="plan">
            <Stack gap="sm" p="md">
              <div>
                <Text fw={600} size="sm">
                  {can('services.configure') ? (
                    <Anchor
                      component={Link}
                      to={`/service-plans/${plan.planId}`}
                      c="brand.9"
                      size="sm"
                      fw={600}
                    >
                      {plan.planName}
                    </Anchor>
                  ) : (
                    plan.planName
                  )}
                </Text>
                <Text size="xs" c="gray.7">
                  Version {plan.planVersion} · started {formatPlainDate(plan.startDate)}
                </Text>
              </div>
              <Stack
                component="ol"
                gap="xs"
                m={0}
                p={0}
                style={{ listStyle: 'none' }}
                aria-label="Services in this plan"
              >
                {plan.services.map((sibling) => {
                  const current = sibling.id === service.id;
                  return (
                    <Paper
                      component="li"
                      key={sibling.id}
                      withBorder
                      radius="sm"
                      p="sm"
                      bg={current ? 'brand.0' : undefined}
                      aria-current={current ? 'page' : undefined}
                      data-testid="plan-service"
                    >
                      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                        {current ? (
                          <Text size="sm" fw={600}>
                            {sibling.title} <span className="visually-hidden">(this service)</span>
                          </Text>
                        ) : (
                          <Anchor
                            component={Link}
                            to={`/services/${sibling.id}`}
                            size="sm"
                            fw={600}
                            c="brand.9"
                          >
                            {sibling.title}
                          </Anchor>
                        )}
                        <ServiceStatusBadge status={sibling.status} />
                      </Group>
                      <Text size="xs" c="gray.7" mt={4}>
                        Due {formatPlainDate(sibling.dueDate)} · {sibling.assignee?.name ?? 'Unassigned'}
                      </Text>
                    </Paper>
                  );
                })}
              </Stack>
            </Stack>
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Paper>
  );
}
