import { Anchor, Badge, Button, Paper, Skeleton, Table, Tabs, Text } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../auth/auth-context';
import { EmptyState } from '../../shared/empty-state';
import { formatPlainDate } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { todayIn } from '../scheduling/calendar-time';
import { CalendarDaysSection } from './calendar-days-section';
import { CATEGORY_LABELS } from './contract-type.page';
import type { ContractType } from './contracts-api';
import { useContractTypes } from './contracts-queries';
import { describeOption, setInForce } from './option-draft';

/** Contracts › Contract types (and the calendars of public holidays and special days the rates use). */
export function ContractTypesPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'calendars' ? 'calendars' : 'types';
  return (
    <>
      <PageHeader
        title="Contract types"
        description="The master options client contracts inherit, and the calendars that decide public holiday and special-day rates."
        actions={
          tab === 'types' ? (
            <Button component={Link} to="/contract-types/new">
              New contract type
            </Button>
          ) : null
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => setParams(value === 'calendars' ? { tab: 'calendars' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="types">Contract types</Tabs.Tab>
          <Tabs.Tab value="calendars">Calendars</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="types">
          <ContractTypesList />
        </Tabs.Panel>
        <Tabs.Panel value="calendars">
          <CalendarDaysSection />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function currentRate(type: ContractType, today: string): string {
  const inForce = setInForce(type.optionSets, today);
  return describeOption('hourlyRate', inForce?.set.options.hourlyRate);
}

function ContractTypesList() {
  const me = useMe();
  const navigate = useNavigate();
  const query = useContractTypes();
  const today = todayIn(me.organisation.timeZone);
  const types = query.data ?? [];

  if (query.isPending) return <Skeleton height={200} radius="md" />;
  if (query.isError) return <ProblemAlert error={query.error} title="Contract types couldn't be loaded" />;
  if (types.length === 0)
    return (
      <EmptyState
        title="No contract types yet"
        action={
          <Button component={Link} to="/contract-types/new" mt="sm">
            Create the first contract type
          </Button>
        }
      >
        A contract type holds the rates and billing options that clients' contracts inherit, e.g. “Private
        hourly” or “NDIS core supports”.
      </EmptyState>
    );
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={720} type="native">
        <Table aria-label="Contract types">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Category</Table.Th>
              <Table.Th>Option sets</Table.Th>
              <Table.Th>Hourly rate today</Table.Th>
              <Table.Th>Client contracts</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {types.map((type) => {
              const upcoming = type.optionSets.find((set, i) => i > 0 && set.effectiveFrom > today);
              return (
                <Table.Tr
                  key={type.id}
                  className="clickable-row"
                  onClick={() => navigate(`/contract-types/${type.id}`)}
                >
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/contract-types/${type.id}`}
                      fw={600}
                      c="brand.9"
                      onClick={(event) => event.stopPropagation()}
                    >
                      {type.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" tt="none">
                      {CATEGORY_LABELS[type.category]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {type.optionSets.length}
                    {upcoming ? (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (next from {formatPlainDate(upcoming.effectiveFrom)})
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{currentRate(type, today)}</Table.Td>
                  <Table.Td>{type.assignmentCount}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
