import {
  ActionIcon,
  Alert,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Fragment, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Temporal } from 'temporal-polyfill';
import { isApiError } from '../../api/problem';
import type { DeployInput, PlanStep, ServicePlan } from '../../api/types';
import { useMe } from '../../auth/auth-context';
import { formatPlainDate } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { ClientPicker } from '../clients/client-picker';
import {
  ActivitiesEditor,
  type ActivityItem,
  activityLabels,
  toActivityItems,
} from '../services/activities-editor';
import { decodeAssignee, useAssigneeData } from '../services/assignees';
import type { LaunchOptions } from '../services/service-launcher';
import { useDeployPlan, usePlans } from './plans-queries';

type Props = { opened: boolean; options: LaunchOptions; formKey: number; onClose: () => void };

export function DeployPlanModal({ opened, options, formKey, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Deploy a service plan" size="min(1100px, 96vw)">
      {opened ? <DeployForm key={formKey} options={options} onClose={onClose} /> : null}
    </Modal>
  );
}

/** 'none' means "explicitly unassigned"; no override at all means the plan-wide or step default applies. */
type StepOverride = {
  assignee?: string | null;
  dueDate?: string;
  description?: string;
  activities?: ActivityItem[];
};

const UNASSIGNED = 'none';
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

function dueDateFor(startDate: string, delayDays: number): string {
  if (!isDate(startDate)) return '';
  try {
    return Temporal.PlainDate.from(startDate).add({ days: delayDays }).toString();
  } catch {
    return '';
  }
}

function buildInput(
  plan: ServicePlan,
  clientId: string,
  startDate: string,
  planWide: string | null,
  overrides: Record<string, StepOverride>,
): DeployInput {
  return {
    clientId,
    startDate,
    ...(planWide
      ? { planWide: { assignee: planWide === UNASSIGNED ? null : decodeAssignee(planWide) } }
      : {}),
    // One entry per step, in order, so the server's `steps.N` error paths name the step at index N.
    steps: plan.steps.map((step) => {
      const o = overrides[step.id] ?? {};
      const computed = dueDateFor(startDate, step.delayDays);
      const activities = o.activities ? activityLabels(o.activities) : undefined;
      const description = o.description !== undefined ? o.description.trim() || null : undefined;
      return {
        stepId: step.id,
        ...(o.assignee ? { assignee: o.assignee === UNASSIGNED ? null : decodeAssignee(o.assignee) } : {}),
        ...(o.dueDate && o.dueDate !== computed ? { dueDate: o.dueDate } : {}),
        ...(description !== undefined && description !== step.description ? { description } : {}),
        ...(activities && activities.join('\n') !== step.activities.join('\n') ? { activities } : {}),
      };
    }),
  };
}

function DeployForm({ options, onClose }: { options: LaunchOptions; onClose: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const plans = usePlans(false);
  const deploy = useDeployPlan();
  const [planId, setPlanId] = useState<string | null>(options.planId ?? null);
  const [client, setClient] = useState<{ id: string | null; name: string | null }>({
    id: options.clientId ?? null,
    name: options.clientName ?? null,
  });
  const [startDate, setStartDate] = useState(Temporal.Now.plainDateISO(me.organisation.timeZone).toString());
  const [planWide, setPlanWide] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<Record<string, StepOverride>>({});
  const [expanded, setExpanded] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [pending, setPending] = useState<'stay' | 'view' | null>(null);

  const plan = plans.data?.find((item) => item.id === planId) ?? null;
  const assignees = useAssigneeData(plan?.steps.map((step) => step.defaultAssignee) ?? []);
  const planOptions = useMemo(
    () =>
      (plans.data ?? []).map((item) => ({
        value: item.id,
        label: `${item.name} (${item.steps.length} step${item.steps.length === 1 ? '' : 's'})`,
      })),
    [plans.data],
  );
  const defaultActivities = useMemo(
    () => new Map((plan?.steps ?? []).map((step) => [step.id, toActivityItems(step.activities)])),
    [plan],
  );
  const withUnassigned = useMemo(
    () => [...assignees.data, { group: 'Nobody', items: [{ value: UNASSIGNED, label: 'Unassigned' }] }],
    [assignees.data],
  );

  const override = (stepId: string, change: StepOverride) =>
    setOverrides((current) => ({ ...current, [stepId]: { ...current[stepId], ...change } }));

  const effectiveAssignee = (step: PlanStep): string => {
    if (planWide === UNASSIGNED) return 'Unassigned';
    if (planWide) return assignees.labelOf(planWide) ?? 'the plan-wide assignee';
    return step.defaultAssignee
      ? (assignees.labelOf(`${step.defaultAssignee.type}:${step.defaultAssignee.id}`) ??
          step.defaultAssignee.name)
      : 'Unassigned';
  };

  const submit = async (then: 'stay' | 'view') => {
    setProblem(null);
    const local: Record<string, string> = {};
    if (!plan) local.planId = 'Choose a service plan';
    if (!client.id) local.clientId = 'Choose a client';
    if (!isDate(startDate)) local.startDate = 'Pick the start date';
    setErrors(local);
    if (!plan || !client.id || Object.keys(local).length > 0) return;

    setPending(then);
    try {
      const result = await deploy.mutateAsync({
        planId: plan.id,
        input: buildInput(plan, client.id, startDate, planWide, overrides),
      });
      const count = result.serviceIds.length;
      notifications.show({
        color: 'brand',
        title: 'Services created',
        message: `${count} service${count === 1 ? '' : 's'} from “${plan.name}” for ${client.name ?? 'the client'}.`,
      });
      onClose();
      if (then === 'view') navigate(`/services/${result.firstService.id}`);
    } catch (error) {
      setProblem(error);
      if (isApiError(error)) {
        const placed: Record<string, string> = {};
        for (const { field, reason } of error.fieldErrors) {
          const step = /^steps\.(\d+)\.(assignee|dueDate|description|activities)/.exec(field);
          const key = step
            ? `${plan.steps[Number(step[1])]?.id ?? ''}.${step[2]}`
            : field.startsWith('planWide')
              ? 'planWide'
              : field;
          placed[key] = reason.charAt(0).toUpperCase() + reason.slice(1);
          if (step && (step[2] === 'description' || step[2] === 'activities')) {
            setExpanded(plan.steps[Number(step[1])]?.id ?? null);
          }
        }
        setErrors(placed);
      }
    } finally {
      setPending(null);
    }
  };

  const conflict = isApiError(problem) && problem.status === 409;

  return (
    <Stack gap="md">
      {conflict ? (
        <Alert
          color="orange"
          variant="light"
          role="alert"
          title="This plan can't be deployed to this client now"
        >
          {isApiError(problem) ? (problem.problem.detail ?? problem.message) : null}
        </Alert>
      ) : problem ? (
        <ProblemAlert error={problem} title="The services couldn't be created" />
      ) : null}
      {plans.isError ? <ProblemAlert error={plans.error} title="Service plans couldn't be loaded" /> : null}

      <Grid>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label="Service plan"
            required
            placeholder={plans.isPending ? 'Loading plans…' : 'Choose a plan'}
            data={planOptions}
            searchable
            value={planId}
            error={errors.planId}
            nothingFoundMessage="No plan matches"
            onChange={(value) => {
              setPlanId(value);
              setOverrides({});
              setExpanded(null);
              setErrors({});
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <ClientPicker
            label="Client"
            required
            value={client.id}
            selectedName={client.name}
            error={errors.clientId}
            onChange={(id, name) => setClient({ id, name })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <LocalDateInput
            label="Start date"
            description="Day 0 of the plan, in the client's time zone"
            required
            value={startDate}
            error={errors.startDate}
            onChange={(value) => setStartDate(value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label="Plan-wide assignee"
            description="Replaces every step's default assignee"
            placeholder="Keep each step's default"
            data={withUnassigned}
            searchable
            clearable
            value={planWide}
            error={errors.planWide}
            nothingFoundMessage="No one matches"
            onChange={setPlanWide}
          />
        </Grid.Col>
      </Grid>

      {plan ? (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={760} type="native">
            <Table aria-label="Services to create" verticalSpacing="xs" highlightOnHover={false}>
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>Step</Table.Th>
                  <Table.Th w={190}>Due date</Table.Th>
                  <Table.Th w={330}>Assignee</Table.Th>
                  <Table.Th w={130}>
                    <span className="visually-hidden">Details</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.steps.map((step, index) => {
                  const o = overrides[step.id] ?? {};
                  const computed = dueDateFor(startDate, step.delayDays);
                  const dueDate = o.dueDate ?? computed;
                  const changedDate = !!o.dueDate && o.dueDate !== computed;
                  const open = expanded === step.id;
                  const detailsId = `deploy-step-details-${index}`;
                  const changedDetails = o.description !== undefined || o.activities !== undefined;
                  return (
                    <Fragment key={step.id}>
                      <Table.Tr data-step-index={index}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {step.title}
                          </Text>
                          <Text size="xs" c="dimmed">
                            Day {step.delayDays} · {step.activities.length} activit
                            {step.activities.length === 1 ? 'y' : 'ies'}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap" align="flex-start">
                            <LocalDateInput
                              aria-label={`Due date for ${step.title}`}
                              value={dueDate}
                              error={errors[`${step.id}.dueDate`]}
                              onChange={(value) => override(step.id, { dueDate: value })}
                              style={{ flex: 1 }}
                            />
                            {changedDate ? (
                              <ActionIcon
                                variant="default"
                                size={36}
                                aria-label={`Reset the due date for ${step.title}`}
                                onClick={() => override(step.id, { dueDate: undefined })}
                              >
                                ↺
                              </ActionIcon>
                            ) : null}
                          </Group>
                          <Text size="xs" c="dimmed" mt={2} data-testid={`deploy-due-${index}`}>
                            {changedDate
                              ? `Changed from ${formatPlainDate(computed)}`
                              : formatPlainDate(dueDate)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Select
                            aria-label={`Assignee for ${step.title}`}
                            data={withUnassigned}
                            searchable
                            clearable
                            placeholder={`Default: ${effectiveAssignee(step)}`}
                            value={o.assignee ?? null}
                            error={errors[`${step.id}.assignee`]}
                            nothingFoundMessage="No one matches"
                            onChange={(value) => override(step.id, { assignee: value })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Button
                            variant="subtle"
                            size="xs"
                            aria-expanded={open}
                            aria-controls={open ? detailsId : undefined}
                            onClick={() => setExpanded(open ? null : step.id)}
                          >
                            {open ? 'Hide details' : changedDetails ? 'Details (changed)' : 'Edit details'}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                      {open ? (
                        <Table.Tr id={detailsId} bg="gray.0">
                          <Table.Td colSpan={4}>
                            <Stack gap="sm" py="xs">
                              <Textarea
                                label={`Description for ${step.title}`}
                                autosize
                                minRows={2}
                                maxRows={6}
                                value={o.description ?? step.description ?? ''}
                                error={errors[`${step.id}.description`]}
                                onChange={(event) =>
                                  override(step.id, { description: event.currentTarget.value })
                                }
                              />
                              <ActivitiesEditor
                                label={`Activities for ${step.title}`}
                                items={o.activities ?? defaultActivities.get(step.id) ?? []}
                                onChange={(items) => override(step.id, { activities: items })}
                              />
                              {errors[`${step.id}.activities`] ? (
                                <Text size="sm" c="red.9">
                                  {errors[`${step.id}.activities`]}
                                </Text>
                              ) : null}
                            </Stack>
                          </Table.Td>
                        </Table.Tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          Choose a plan to see the services it will create.
        </Text>
      )}

      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant="light"
          loading={pending === 'stay'}
          disabled={pending !== null}
          onClick={() => submit('stay')}
        >
          Create Services
        </Button>
        <Button loading={pending === 'view'} disabled={pending !== null} onClick={() => submit('view')}>
          Create Services &amp; View
        </Button>
      </Group>
    </Stack>
  );
}
