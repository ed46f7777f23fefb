import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  NavLink,
  NumberInput,
  Paper,
  Select,
  Skeleton,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import type { ServicePlan } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { useConfirm } from '../../shared/confirm-dialog';
import { NotFound } from '../../shared/not-found';
import { PageTitle } from '../../shared/page-title';
import { ProblemAlert } from '../../shared/problem-alert';
import { ActivitiesEditor } from '../services/activities-editor';
import { useAssigneeData } from '../services/assignees';
import { useServiceLauncher } from '../services/service-launcher';
import {
  firstStepWithError,
  newStep,
  type PlanDraft,
  placePlanErrors,
  stepHasError,
  stepLabel,
  toDraft,
  toInput,
  validateDraft,
} from './plan-draft';
import { useArchivePlan, useCreatePlan, useDeletePlan, usePlan, useSavePlan } from './plans-queries';

export function PlanEditorPage() {
  const { planId } = useParams();
  const query = usePlan(planId ?? null);

  if (!planId) return <PlanEditor key="new" plan={null} />;
  if (query.isPending) {
    return (
      <Stack>
        <Skeleton height={36} width={320} />
        <Skeleton height={420} />
      </Stack>
    );
  }
  if (query.isError) {
    return isApiError(query.error) && query.error.status === 404 ? (
      <NotFound what="service plan" />
    ) : (
      <ProblemAlert error={query.error} title="This service plan couldn't be loaded" />
    );
  }
  return <PlanEditor key={query.data.id} plan={query.data} />;
}

function PlanEditor({ plan }: { plan: ServicePlan | null }) {
  const navigate = useNavigate();
  const { can } = useAuth();
  const launcher = useServiceLauncher();
  const [problem, setProblem] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const create = useCreatePlan();
  const save = useSavePlan(plan?.id ?? '');
  const archive = useArchivePlan(plan?.id ?? '');
  const remove = useDeletePlan();
  const form = useForm<PlanDraft>({
    mode: 'controlled',
    initialValues: toDraft(plan),
    validate: validateDraft,
  });
  const steps = form.values.steps;
  const [selectedKey, setSelectedKey] = useState<string | null>(steps[0]?.key ?? null);
  const selectedIndex = Math.max(
    0,
    steps.findIndex((step) => step.key === selectedKey),
  );
  const selected = steps[selectedIndex] ?? null;
  const assignees = useAssigneeData(steps.map((step) => step.savedAssignee));
  const archived = plan?.archived ?? false;

  const showErrors = (errors: FormErrors) => {
    const index = firstStepWithError(errors);
    if (index !== null && !stepHasError(errors, selectedIndex)) setSelectedKey(steps[index]?.key ?? null);
  };

  const submit = form.onSubmit(
    async (values) => {
      setProblem(null);
      setUnplaced([]);
      try {
        const input = toInput(values);
        if (plan) {
          const saved = await save.mutateAsync({ ...input, basedOnVersion: plan.version });
          const draft = toDraft(saved);
          form.setValues(draft);
          form.resetDirty(draft);
          setSelectedKey(draft.steps[selectedIndex]?.key ?? draft.steps[0]?.key ?? null);
          notifications.show({
            color: 'brand',
            title: 'Service plan saved',
            message: `“${saved.name}” is now version ${saved.version}.`,
          });
        } else {
          const created = await create.mutateAsync(input);
          notifications.show({
            color: 'brand',
            title: 'Service plan created',
            message: `“${created.name}” was created with ${created.steps.length} step${created.steps.length === 1 ? '' : 's'}.`,
          });
          navigate(`/service-plans/${created.id}`, { replace: true });
        }
      } catch (error) {
        setProblem(error);
        if (isApiError(error) && error.fieldErrors.length > 0) {
          const placed = placePlanErrors(error.fieldErrors);
          form.setErrors(placed.errors);
          setUnplaced(placed.unplaced);
          showErrors(placed.errors);
        }
      }
    },
    (errors) => showErrors(errors),
  );

  const addStep = () => {
    const step = newStep(steps[steps.length - 1]);
    form.insertListItem('steps', step);
    setSelectedKey(step.key);
  };

  const moveStep = (index: number, by: -1 | 1) => {
    form.clearErrors();
    form.reorderListItem('steps', { from: index, to: index + by });
  };

  const removeStep = (index: number) => {
    form.clearErrors();
    const neighbour = steps[index + 1] ?? steps[index - 1] ?? null;
    form.removeListItem('steps', index);
    setSelectedKey(neighbour?.key ?? null);
  };

  const setArchived = async (value: boolean) => {
    if (!plan) return;
    setProblem(null);
    try {
      const saved = await archive.mutateAsync(value);
      notifications.show({
        color: 'brand',
        title: value ? 'Service plan archived' : 'Service plan restored',
        message: value
          ? `“${saved.name}” can no longer be deployed. Its services are unchanged.`
          : `“${saved.name}” can be edited and deployed again.`,
      });
    } catch (error) {
      setProblem(error);
    }
  };

  const confirm = useConfirm();
  const deletePlan = async () => {
    if (!plan) return;
    const ok = await confirm({
      title: `Delete “${plan.name}” permanently?`,
      message: "This can't be undone.",
      confirmLabel: 'Delete plan',
      danger: true,
    });
    if (!ok) return;
    setProblem(null);
    try {
      await remove.mutateAsync(plan.id);
      notifications.show({
        color: 'brand',
        title: 'Service plan deleted',
        message: `“${plan.name}” was deleted.`,
      });
      navigate('/service-plans');
    } catch (error) {
      setProblem(error);
    }
  };

  const title = plan ? plan.name : 'New service plan';
  const stepsError = typeof form.errors.steps === 'string' ? form.errors.steps : null;

  return (
    <form onSubmit={submit} noValidate aria-label={plan ? `Edit ${plan.name}` : 'New service plan'}>
      <Stack gap="md">
        <Breadcrumbs aria-label="Breadcrumb">
          <Anchor component={Link} to="/service-plans" size="sm" c="brand.9">
            Service Plans
          </Anchor>
          <Text size="sm" c="gray.7">
            {title}
          </Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
          <Stack gap={4}>
            <Group gap="sm">
              <PageTitle title={title} />
              <Title order={1} size="h2">
                {title}
              </Title>
              {plan ? (
                <Badge variant="outline" color="gray.8" tt="none">
                  Version {plan.version}
                </Badge>
              ) : null}
              {archived ? (
                <Badge color="gray" variant="light">
                  Archived
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" c="dimmed">
              {plan
                ? `Deployed ${plan.deploymentCount} time${plan.deploymentCount === 1 ? '' : 's'}. Saving creates a new version; services already created keep theirs.`
                : 'A sequence of steps. Deploying the plan creates one service per step for a client.'}
            </Text>
          </Stack>
          <Group gap="sm">
            {plan && !archived && can('services.deploy_plan') ? (
              <Button variant="default" onClick={() => launcher.openDeploy({ planId: plan.id })}>
                Deploy…
              </Button>
            ) : null}
            {plan && !archived ? (
              <Button variant="default" loading={archive.isPending} onClick={() => setArchived(true)}>
                Archive
              </Button>
            ) : null}
            {plan && plan.deploymentCount === 0 ? (
              <Button variant="outline" color="red.9" loading={remove.isPending} onClick={deletePlan}>
                Delete
              </Button>
            ) : null}
            {archived ? (
              <Button loading={archive.isPending} onClick={() => setArchived(false)}>
                Restore
              </Button>
            ) : (
              <Button type="submit" loading={form.submitting}>
                Save
              </Button>
            )}
          </Group>
        </Group>

        {archived ? (
          <Alert color="gray" variant="light" title="This plan is archived">
            Archived plans can't be edited or deployed. Restore it to make changes.
          </Alert>
        ) : null}
        {problem ? (
          <ProblemAlert
            error={problem}
            title={
              isApiError(problem) && problem.status === 409
                ? 'That change was refused'
                : "The service plan couldn't be saved"
            }
          />
        ) : null}
        {unplaced.length > 0 ? (
          <ProblemAlert error={new Error(unplaced.join('. '))} title="Other problems" />
        ) : null}

        <fieldset disabled={archived} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="plan-settings">
              <Title order={2} size="h4" id="plan-settings" mb="sm">
                Plan settings
              </Title>
              <Grid>
                <Grid.Col span={{ base: 12, md: 5 }}>
                  <TextInput label="Name" required {...form.getInputProps('name')} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 7 }}>
                  <Textarea
                    label="Description"
                    autosize
                    minRows={1}
                    maxRows={4}
                    {...form.getInputProps('description')}
                  />
                </Grid.Col>
                <Grid.Col span={12}>
                  <Switch
                    label="Limit Concurrent Deployments"
                    description="When on, a client can have only one deployment of this plan under way; deploy it again once all its services are completed or cancelled."
                    {...form.getInputProps('limitConcurrentDeployments', { type: 'checkbox' })}
                  />
                </Grid.Col>
              </Grid>
            </Paper>

            <Grid gap="md" align="stretch">
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Paper
                  withBorder
                  radius="md"
                  component="section"
                  aria-labelledby="plan-steps"
                  h="100%"
                  style={{ display: 'flex', flexDirection: 'column' }}
                >
                  <Group justify="space-between" px="md" pt="md" pb="xs">
                    <Title order={2} size="h4" id="plan-steps">
                      Steps
                    </Title>
                    <Text size="sm" c="dimmed">
                      {steps.length} step{steps.length === 1 ? '' : 's'}
                    </Text>
                  </Group>
                  <Stack component="ol" gap={2} px="xs" m={0} style={{ listStyle: 'none', flex: 1 }}>
                    {steps.map((step, index) => {
                      const broken = stepHasError(form.errors, index);
                      const active = step.key === selected?.key;
                      return (
                        <li key={step.key}>
                          <NavLink
                            component="button"
                            type="button"
                            label={stepLabel(step)}
                            description={
                              broken
                                ? 'Needs attention'
                                : `${step.activities.length} activit${step.activities.length === 1 ? 'y' : 'ies'}`
                            }
                            active={active}
                            aria-current={active ? 'step' : undefined}
                            color={broken ? 'red' : undefined}
                            variant="light"
                            onClick={() => setSelectedKey(step.key)}
                            styles={{
                              label: { fontWeight: 500 },
                              description: broken ? { color: 'var(--mantine-color-red-9)' } : undefined,
                            }}
                          />
                        </li>
                      );
                    })}
                  </Stack>
                  {stepsError ? (
                    <Text size="sm" c="red.9" px="md" role="alert">
                      {stepsError}
                    </Text>
                  ) : null}
                  <Group
                    p="md"
                    mt="sm"
                    style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
                    justify="flex-start"
                  >
                    <Button variant="light" onClick={addStep}>
                      Add Step
                    </Button>
                  </Group>
                </Paper>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 8 }}>
                <Paper
                  withBorder
                  radius="md"
                  p="lg"
                  component="section"
                  aria-labelledby="step-details"
                  h="100%"
                >
                  {selected ? (
                    <Stack gap="md">
                      <Group justify="space-between" wrap="wrap" gap="sm">
                        <Title order={2} size="h4" id="step-details">
                          Step {selectedIndex + 1} of {steps.length}
                        </Title>
                        <Group gap="xs">
                          <Button
                            variant="default"
                            size="xs"
                            disabled={selectedIndex === 0}
                            onClick={() => moveStep(selectedIndex, -1)}
                          >
                            ↑ Move up
                          </Button>
                          <Button
                            variant="default"
                            size="xs"
                            disabled={selectedIndex === steps.length - 1}
                            onClick={() => moveStep(selectedIndex, 1)}
                          >
                            ↓ Move down
                          </Button>
                          <Button
                            variant="outline"
                            color="red.9"
                            size="xs"
                            disabled={steps.length === 1}
                            onClick={() => removeStep(selectedIndex)}
                          >
                            Remove step
                          </Button>
                        </Group>
                      </Group>
                      <Grid>
                        <Grid.Col span={{ base: 12, sm: 4 }}>
                          <NumberInput
                            label="Delayed Days"
                            description="Days after the start date"
                            required
                            min={0}
                            max={3650}
                            allowDecimal={false}
                            allowNegative={false}
                            {...form.getInputProps(`steps.${selectedIndex}.delayDays`)}
                          />
                        </Grid.Col>
                        <Grid.Col span={{ base: 12, sm: 8 }}>
                          <TextInput
                            label="Title"
                            description="Becomes the service's title"
                            required
                            {...form.getInputProps(`steps.${selectedIndex}.title`)}
                          />
                        </Grid.Col>
                      </Grid>
                      <Textarea
                        label="Description"
                        description="Guidance shown on the service, with or without activities"
                        autosize
                        minRows={2}
                        maxRows={8}
                        {...form.getInputProps(`steps.${selectedIndex}.description`)}
                      />
                      <ActivitiesEditor
                        key={selected.key}
                        label="Activities"
                        items={selected.activities}
                        disabled={archived}
                        errors={Object.fromEntries(
                          selected.activities.map((_, position) => [
                            position,
                            form.errors[`steps.${selectedIndex}.activities.${position}`] as
                              | string
                              | undefined,
                          ]),
                        )}
                        onChange={(items) => form.setFieldValue(`steps.${selectedIndex}.activities`, items)}
                      />
                      <Select
                        label="Default assignee"
                        description="A staff member, or a role whose holders share the service. Can be changed when deploying."
                        placeholder="Unassigned"
                        data={assignees.data}
                        searchable
                        clearable
                        nothingFoundMessage="No one matches"
                        {...form.getInputProps(`steps.${selectedIndex}.defaultAssignee`)}
                      />
                    </Stack>
                  ) : (
                    <Stack align="center" gap="xs" py="xl">
                      <Title order={2} size="h4" id="step-details">
                        No steps
                      </Title>
                      <Text size="sm" c="dimmed">
                        Add a step to describe the first piece of work.
                      </Text>
                    </Stack>
                  )}
                </Paper>
              </Grid.Col>
            </Grid>
          </Stack>
        </fieldset>
      </Stack>
    </form>
  );
}
