import { Anchor, Badge, Button, Group, Paper, Skeleton, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../auth/auth-context';
import { EmptyState } from '../../shared/empty-state';
import { formatInstant } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { useServiceLauncher } from '../services/service-launcher';
import { usePlans } from './plans-queries';

export function PlansListPage() {
  const { can, me } = useAuth();
  const navigate = useNavigate();
  const launcher = useServiceLauncher();
  const [showArchived, setShowArchived] = useState(false);
  const query = usePlans(showArchived);
  const plans = query.data ?? [];
  const canConfigure = can('services.configure');
  const canDeploy = can('services.deploy_plan');
  const viewerZone = me?.staff.timeZone ?? 'UTC';

  return (
    <>
      <PageHeader
        title="Service Plans"
        description="Reusable sequences of steps; deploying one creates dated services for a client"
        actions={
          canConfigure ? (
            <Button component={Link} to="/service-plans/new">
              Create New Service Plan
            </Button>
          ) : null
        }
      />

      <Group justify="space-between" mb="xs">
        <Text size="sm" c="gray.7" aria-live="polite">
          {query.isPending ? 'Loading plans…' : `${plans.length} plan${plans.length === 1 ? '' : 's'}`}
        </Text>
        <Switch
          label="Show archived plans"
          checked={showArchived}
          onChange={(event) => setShowArchived(event.currentTarget.checked)}
        />
      </Group>

      {query.isError ? <ProblemAlert error={query.error} title="Service plans couldn't be loaded" /> : null}
      {query.isPending ? (
        <Skeleton height={200} radius="md" />
      ) : plans.length === 0 && !query.isError ? (
        <EmptyState
          title="No service plans yet"
          action={
            canConfigure ? (
              <Button variant="light" component={Link} to="/service-plans/new">
                Create the first plan
              </Button>
            ) : null
          }
        >
          A plan lists the steps of a piece of work (an onboarding, a discharge follow-up) with their delays,
          activities and default assignees.
        </EmptyState>
      ) : plans.length > 0 ? (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={820} type="native">
            <Table aria-label="Service plans">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Steps</Table.Th>
                  <Table.Th>Concurrent deployments</Table.Th>
                  <Table.Th>Deployments</Table.Th>
                  <Table.Th>Last changed</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plans.map((plan) => (
                  <Table.Tr
                    key={plan.id}
                    className={canConfigure ? 'clickable-row' : undefined}
                    onClick={(event) => {
                      if (!canConfigure || (event.target as HTMLElement).closest('a, button')) return;
                      navigate(`/service-plans/${plan.id}`);
                    }}
                  >
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {canConfigure ? (
                          <Anchor component={Link} to={`/service-plans/${plan.id}`} fw={600} c="brand.9">
                            {plan.name}
                          </Anchor>
                        ) : (
                          <Text fw={600} size="sm">
                            {plan.name}
                          </Text>
                        )}
                        {plan.archived ? (
                          <Badge color="gray" variant="light">
                            Archived
                          </Badge>
                        ) : null}
                      </Group>
                      {plan.description ? (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {plan.description}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{plan.steps.length}</Table.Td>
                    <Table.Td>
                      {plan.limitConcurrentDeployments ? (
                        <Badge color="blue" variant="light" tt="none">
                          One at a time
                        </Badge>
                      ) : (
                        <Text size="sm" c="gray.7">
                          Unlimited
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{plan.deploymentCount}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatInstant(plan.updatedAt, viewerZone)}</Text>
                      <Text size="xs" c="dimmed">
                        Version {plan.version}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {canDeploy && !plan.archived ? (
                        <Button
                          variant="light"
                          size="xs"
                          aria-label={`Deploy ${plan.name}`}
                          onClick={() => launcher.openDeploy({ planId: plan.id })}
                        >
                          Deploy
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
    </>
  );
}
