import { Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { EmptyState } from '../../shared/empty-state';
import { formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import { ProblemAlert } from '../../shared/problem-alert';
import { useProfileClient } from '../clients/client-profile.layout';
import { ClientCancellationsReport } from '../ndis-cancellations/client-cancellations-report';
import { type FundingPlan, useClientFunding } from './ndis-funding-api';

const MANAGEMENT: Record<FundingPlan['management'], string> = {
  ndia: 'NDIA-managed',
  plan: 'Plan-managed',
  self: 'Self-managed',
};

function PlanPeriods({ plan }: { plan: FundingPlan }) {
  const label = `Plan ${formatPlainDate(plan.startDate)} to ${formatPlainDate(plan.endDate)}`;
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {label} · {MANAGEMENT[plan.management]}
        {plan.planManagerName ? ` (${plan.planManagerName})` : ''}
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label={`Funding periods, ${label}`} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Budget</Table.Th>
              <Table.Th>Period</Table.Th>
              <Table.Th ta="right">Allocation</Table.Th>
              <Table.Th ta="right">Committed</Table.Th>
              <Table.Th ta="right">Delivered</Table.Th>
              <Table.Th ta="right">Claimed</Table.Th>
              <Table.Th ta="right">Remaining</Table.Th>
              <Table.Th ta="right">Projected at end</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.periods.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.supportCategory}</Table.Td>
                <Table.Td>
                  {formatPlainDate(p.startDate)} – {formatPlainDate(p.endDate)}
                </Table.Td>
                <Table.Td ta="right">{formatMoney(p.allocationMinor)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.committedMinor)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.deliveredMinor)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.claimedMinor)}</Table.Td>
                <Table.Td ta="right" c={p.remainingMinor < 0 ? 'red.9' : undefined}>
                  {formatMoney(p.remainingMinor)}
                </Table.Td>
                <Table.Td ta="right">
                  {formatMoney(p.projectedEndMinor)}
                  {p.projectedShortfallMinor > 0 ? (
                    <Text span size="xs" c="red.9">
                      {' '}
                      ({formatMoney(p.projectedShortfallMinor)} short)
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** A client's NDIS funding: each plan's funding periods against their allocations, and their cancellations. */
export function ClientNdisFundingPage() {
  const client = useProfileClient();
  const funding = useClientFunding(client.id);
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Funding periods
        </Title>
        {funding.isPending ? <Skeleton height={120} /> : null}
        {funding.isError ? (
          <ProblemAlert error={funding.error} title="The funding couldn't be loaded" />
        ) : null}
        {funding.data?.plans.length === 0 ? (
          <EmptyState title="No NDIS plan recorded">
            Record the client's plan with its budgets; its funding periods and allocations follow.
          </EmptyState>
        ) : null}
        {funding.data?.plans.map((plan) => (
          <PlanPeriods key={plan.id} plan={plan} />
        ))}
      </Stack>
      <ClientCancellationsReport clientId={client.id} zone={client.timeZone} />
    </Stack>
  );
}
