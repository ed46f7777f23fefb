import {
  Anchor,
  Autocomplete,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../api/problem';
import type { Client, RepricePreview } from '../../api/types';
import { useConfirm } from '../../shared/confirm-dialog';
import { EmptyState } from '../../shared/empty-state';
import { formatPlainDate, fullName } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { formatMoney } from '../../shared/money';
import { NotFound } from '../../shared/not-found';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { useProfileClient } from '../clients/client-profile.layout';
import { todayIn } from '../scheduling/calendar-time';
import { ContractCheckPanel } from './contract-check-panel';
import { ContractTimelineView } from './contract-timeline';
import { CATEGORY_LABELS } from './contract-type.page';
import { type ClientContract, contractsApi, type OptionSet } from './contracts-api';
import {
  useCalendarDays,
  useClientContracts,
  useClientRegion,
  useContractTypes,
  useMakeDefaultContract,
  useSaveContract,
  useSetClientRegion,
} from './contracts-queries';
import { type SetDraft, setFieldPaths, setsToInput, setToDraft, validateSets } from './option-draft';
import { OptionSetsEditor } from './option-sets-editor';

type Status = 'current' | 'upcoming' | 'ended';

function statusOf(contract: ClientContract, today: string): Status {
  if (contract.startDate > today) return 'upcoming';
  if (contract.endDate !== null && contract.endDate < today) return 'ended';
  return 'current';
}

const STATUS_BADGE: Record<Status, { label: string; color: string }> = {
  current: { label: 'Current', color: 'brand' },
  upcoming: { label: 'Upcoming', color: 'blue' },
  ended: { label: 'Ended', color: 'gray' },
};

/** Client Profile › Contracts: the client's contracts (one is the default), their options and region. */
export function ClientContractsPage() {
  const client = useProfileClient();
  const [params, setParams] = useSearchParams();
  const selected = params.get('contract');
  const contracts = useClientContracts(client.id);
  const show = (id: string | null) => setParams(id ? { contract: id } : {});

  if (selected === 'new') return <ContractEditor client={client} contract={null} onDone={show} />;
  if (selected) {
    if (contracts.isPending) return <Skeleton height={420} radius="md" />;
    if (contracts.isError)
      return <ProblemAlert error={contracts.error} title="Contracts couldn't be loaded" />;
    const contract = contracts.data.find((c) => c.id === selected);
    if (!contract) return <NotFound what="contract" />;
    return <ContractEditor key={contract.id} client={client} contract={contract} onDone={show} />;
  }
  return <ContractsList client={client} onOpen={show} />;
}

function ContractsList({ client, onOpen }: { client: Client; onOpen: (id: string) => void }) {
  const query = useClientContracts(client.id);
  const makeDefault = useMakeDefaultContract(client.id);
  const [problem, setProblem] = useState<unknown>(null);
  const today = todayIn(client.timeZone);
  const items = query.data ?? [];

  const setDefault = async (contract: ClientContract) => {
    setProblem(null);
    try {
      await makeDefault.mutateAsync(contract.id);
      notifications.show({
        color: 'brand',
        title: 'Default contract changed',
        message: `Visits without a chosen contract are now billed under “${contract.name}”.`,
      });
    } catch (error) {
      setProblem(error);
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2} size="h3">
            Contracts
          </Title>
          <Text size="sm" c="gray.7">
            How {fullName(client)}'s services are charged. Visits use the default contract unless a booking
            names another.
          </Text>
        </div>
        <Button onClick={() => onOpen('new')}>New contract</Button>
      </Group>
      {problem ? <ProblemAlert error={problem} title="The default couldn't be changed" /> : null}
      {query.isError ? <ProblemAlert error={query.error} title="Contracts couldn't be loaded" /> : null}
      {query.isPending ? (
        <Skeleton height={160} radius="md" />
      ) : items.length === 0 && !query.isError ? (
        <EmptyState
          title="No contracts yet"
          action={
            <Button mt="sm" onClick={() => onOpen('new')}>
              Assign a contract
            </Button>
          }
        >
          Assign a contract type to set how this client's visits are charged. The first contract becomes the
          default.
        </EmptyState>
      ) : items.length > 0 ? (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={760} type="native">
            <Table aria-label="Client contracts">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Contract type</Table.Th>
                  <Table.Th>Period</Table.Th>
                  <Table.Th>Own option sets</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Default</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((contract) => {
                  const status = STATUS_BADGE[statusOf(contract, today)];
                  return (
                    <Table.Tr key={contract.id}>
                      <Table.Td>
                        <Anchor
                          component="button"
                          type="button"
                          fw={600}
                          c="brand.9"
                          onClick={() => onOpen(contract.id)}
                        >
                          {contract.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        {contract.contractType.name}{' '}
                        <Text span size="xs" c="dimmed">
                          ({CATEGORY_LABELS[contract.contractType.category]})
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {formatPlainDate(contract.startDate)} –{' '}
                        {contract.endDate ? formatPlainDate(contract.endDate) : 'open-ended'}
                      </Table.Td>
                      <Table.Td>{contract.optionSets.length}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={status.color} tt="none">
                          {status.label}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {contract.isDefault ? (
                          <Badge color="brand" variant="filled" tt="none">
                            Default
                          </Badge>
                        ) : (
                          <Button
                            size="xs"
                            variant="light"
                            aria-label={`Make ${contract.name} the default`}
                            loading={makeDefault.isPending && makeDefault.variables === contract.id}
                            onClick={() => setDefault(contract)}
                          >
                            Make default
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
      <RegionCard client={client} />
    </Stack>
  );
}

function RegionCard({ client }: { client: Client }) {
  const region = useClientRegion(client.id);
  const days = useCalendarDays();
  const save = useSetClientRegion(client.id);
  const [value, setValue] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const current = region.data?.region ?? null;
  const shown = value ?? current ?? '';
  const regions = [...new Set((days.data ?? []).map((d) => d.region))].sort();

  const submit = async (next: string | null) => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync(next);
      setValue(null);
      notifications.show({
        color: 'brand',
        title: 'Region saved',
        message: saved.region
          ? `${saved.region}'s public holidays and special days now apply to ${fullName(client)}.`
          : `No regional calendar applies to ${fullName(client)}.`,
      });
    } catch (error) {
      setProblem(error);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="region-title">
      <Title order={3} size="h4" id="region-title">
        Region
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The region whose public holidays and special days decide unsociable rates for this client's visits.{' '}
        <Anchor component={Link} to="/contract-types?tab=calendars" size="sm" c="brand.9" underline="always">
          Manage calendars
        </Anchor>
      </Text>
      {region.isPending ? (
        <Skeleton height={60} />
      ) : (
        <form
          noValidate
          aria-label="Client region"
          onSubmit={(event) => {
            event.preventDefault();
            void submit(shown.trim() === '' ? null : shown.trim());
          }}
        >
          {problem ? <ProblemAlert error={problem} title="The region couldn't be saved" /> : null}
          <Group align="flex-end" gap="sm">
            <Autocomplete
              label="Calendar region"
              placeholder="No region"
              data={regions}
              value={shown}
              onChange={setValue}
              w={260}
              error={
                isApiError(problem)
                  ? problem.fieldErrors.find((e) => e.field.endsWith('region'))?.reason
                  : undefined
              }
            />
            <Button
              type="submit"
              variant="light"
              loading={save.isPending}
              disabled={shown.trim() === (current ?? '')}
            >
              Save region
            </Button>
            {!current ? (
              <Text size="sm" c="dimmed">
                None set: only the day-of-week and weekday/weekend ranges apply.
              </Text>
            ) : null}
          </Group>
        </form>
      )}
    </Paper>
  );
}

type ContractDraft = {
  contractTypeId: string | null;
  name: string;
  startDate: string;
  endDate: string;
  isDefault: boolean;
  paymentTermsDays: number | string;
  optionSets: SetDraft[];
};

const toDraft = (contract: ClientContract | null, today: string): ContractDraft => ({
  contractTypeId: contract?.contractType.id ?? null,
  name: contract?.name ?? '',
  startDate: contract?.startDate ?? today,
  endDate: contract?.endDate ?? '',
  isDefault: contract?.isDefault ?? false,
  paymentTermsDays: contract?.paymentTermsDays ?? '',
  optionSets: (contract?.optionSets ?? []).map((set) => setToDraft(set, 'assignment')),
});

const DETAIL_FIELDS = ['contractTypeId', 'name', 'startDate', 'endDate', 'isDefault', 'paymentTermsDays'];

/** The draft's option sets as the check reads them; none while a set is incomplete. */
function checkableSets(sets: SetDraft[]): OptionSet[] {
  try {
    return setsToInput(sets, 'assignment');
  } catch {
    return [];
  }
}

/** The visits a contract change would reprice, with the old and new totals the server rated. */
function RepriceList({ preview }: { preview: RepricePreview }) {
  return (
    <Stack gap="xs" data-testid="reprice-preview">
      <Text size="sm">These visits were delivered and are not invoiced yet; saving changes their price.</Text>
      <Table withRowBorders={false} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Visit date</Table.Th>
            <Table.Th>Now</Table.Th>
            <Table.Th>After saving</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.visits.map((v) => (
            <Table.Tr key={v.bookingId}>
              <Table.Td>{formatPlainDate(v.visitDate)}</Table.Td>
              <Table.Td>{v.oldTotalMinor === null ? '—' : formatMoney(v.oldTotalMinor)}</Table.Td>
              <Table.Td>
                {v.newTotalMinor === null ? (v.problem ?? 'cannot be priced') : formatMoney(v.newTotalMinor)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" fw={600}>
        Total {formatMoney(preview.oldTotalMinor)} → {formatMoney(preview.newTotalMinor)}
      </Text>
    </Stack>
  );
}

function ContractEditor({
  client,
  contract,
  onDone,
}: {
  client: Client;
  contract: ClientContract | null;
  onDone: (id: string | null) => void;
}) {
  const today = todayIn(client.timeZone);
  const types = useContractTypes();
  const save = useSaveContract(client.id, contract?.id ?? null);
  const makeDefault = useMakeDefaultContract(client.id);
  const [problem, setProblem] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [editorKey, setEditorKey] = useState(0);
  const confirm = useConfirm();
  const form = useForm<ContractDraft>({
    mode: 'controlled',
    initialValues: toDraft(contract, today),
    validate: (values) => ({
      contractTypeId: values.contractTypeId ? null : 'Choose a contract type',
      name: values.name.trim() ? null : 'Enter a name',
      startDate: /^\d{4}-\d{2}-\d{2}$/.test(values.startDate) ? null : 'Pick the start date',
      endDate:
        values.endDate && values.endDate < values.startDate ? 'Must be on or after the start date' : null,
      ...validateSets(values.optionSets, 'assignment'),
    }),
  });
  const type = types.data?.find((t) => t.id === form.values.contractTypeId) ?? null;
  const typeOptions = (types.data ?? []).map((t) => ({ value: t.id, label: t.name }));

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setUnplaced([]);
    try {
      const input = {
        contractTypeId: values.contractTypeId ?? '',
        name: values.name.trim(),
        startDate: values.startDate,
        endDate: values.endDate || null,
        // Only ever moves the default here: un-defaulting is done by making another contract the default.
        ...(values.isDefault && !contract?.isDefault ? { isDefault: true } : {}),
        paymentTermsDays: values.paymentTermsDays === '' ? null : Number(values.paymentTermsDays),
        optionSets: setsToInput(values.optionSets, 'assignment'),
      };
      // A change that reprices delivered, not yet invoiced visits is shown first (the server rates them).
      if (contract) {
        const reprice = await contractsApi.repricePreview(contract.id, input);
        if (reprice.visits.length > 0) {
          const ok = await confirm({
            title: `Reprice ${reprice.visits.length} delivered visit${reprice.visits.length === 1 ? '' : 's'}?`,
            message: <RepriceList preview={reprice} />,
            confirmLabel: 'Save and reprice',
          });
          if (!ok) return;
        }
      }
      const saved = await save.mutateAsync(input);
      notifications.show({
        color: 'brand',
        title: contract ? 'Contract saved' : 'Contract created',
        message: `“${saved.name}” (${saved.contractType.name})${saved.isDefault ? ' is the default contract' : ''}.`,
      });
      if (!contract) onDone(saved.id);
      else {
        const draft = toDraft(saved, today);
        form.setValues(draft);
        form.resetDirty(draft);
        setEditorKey((k) => k + 1);
      }
    } catch (error) {
      setProblem(error);
      setUnplaced(
        applyServerErrors(error, form.setErrors, [...DETAIL_FIELDS, ...setFieldPaths(values.optionSets)]),
      );
    }
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Anchor component="button" type="button" size="sm" c="brand.9" onClick={() => onDone(null)}>
            ← All contracts
          </Anchor>
          <Group gap="sm">
            <Title order={2} size="h3">
              {contract ? contract.name : 'New contract'}
            </Title>
            {contract?.isDefault ? (
              <Badge color="brand" variant="filled" tt="none">
                Default
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="gray.7">
            {contract
              ? `${contract.contractType.name} for ${fullName(client)}. Options not overridden here follow the type, including its future changes.`
              : `Assign a contract type to ${fullName(client)}; override only what differs for them.`}
          </Text>
        </div>
        {contract && !contract.isDefault ? (
          <Button
            variant="default"
            loading={makeDefault.isPending}
            onClick={async () => {
              setProblem(null);
              try {
                await makeDefault.mutateAsync(contract.id);
                notifications.show({
                  color: 'brand',
                  title: 'Default contract changed',
                  message: `“${contract.name}” is now the default contract.`,
                });
              } catch (error) {
                setProblem(error);
              }
            }}
          >
            Make default
          </Button>
        ) : null}
      </Group>
      <form onSubmit={submit} noValidate aria-label={contract ? `Edit ${contract.name}` : 'New contract'}>
        <Stack gap="md">
          {problem ? <ProblemAlert error={problem} title="The contract couldn't be saved" /> : null}
          {unplaced.length > 0 ? (
            <ProblemAlert error={new Error(unplaced.join('. '))} title="Other problems" />
          ) : null}
          {types.isError ? (
            <ProblemAlert error={types.error} title="Contract types couldn't be loaded" />
          ) : null}
          {types.data && types.data.length === 0 ? (
            <EmptyState
              title="No contract types yet"
              action={
                <Button component={Link} to="/contract-types/new" mt="sm">
                  Create a contract type
                </Button>
              }
            >
              A contract is an assignment of a contract type to the client: create a type first.
            </EmptyState>
          ) : null}
          <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="contract-details">
            <Title order={3} size="h4" id="contract-details" mb="sm">
              Details
            </Title>
            <Grid>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Select
                  label="Contract type"
                  required
                  searchable
                  data={typeOptions}
                  disabled={types.isPending}
                  nothingFoundMessage="No contract type matches"
                  {...form.getInputProps('contractTypeId')}
                  onChange={(value) => {
                    form.setFieldValue('contractTypeId', value);
                    const chosen = types.data?.find((t) => t.id === value);
                    if (chosen && !form.values.name.trim()) form.setFieldValue('name', chosen.name);
                  }}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <TextInput label="Contract name" required {...form.getInputProps('name')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <LocalDateInput label="Start date" required {...form.getInputProps('startDate')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <LocalDateInput
                  label="End date"
                  description="Optional; the last day covered"
                  {...form.getInputProps('endDate')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <NumberInput
                  label="Payment terms (days)"
                  description="Blank: the organisation's terms"
                  min={0}
                  max={365}
                  allowDecimal={false}
                  {...form.getInputProps('paymentTermsDays')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Checkbox
                  mt="lg"
                  label="Default contract for this client"
                  description={
                    contract?.isDefault
                      ? 'To change it, make another contract the default.'
                      : 'Visits without a chosen contract are billed under the default.'
                  }
                  disabled={contract?.isDefault}
                  {...form.getInputProps('isDefault', { type: 'checkbox' })}
                />
              </Grid.Col>
            </Grid>
          </Paper>
          {type ? (
            <OptionSetsEditor
              key={`${editorKey}-${type.id}`}
              form={form}
              mode="assignment"
              typeSets={type.optionSets}
              today={form.values.startDate || today}
              heading="This contract's option sets"
            />
          ) : (
            <Paper withBorder radius="md" p="lg">
              <Text size="sm" c="dimmed">
                Choose a contract type to see the options this contract inherits and override some of them.
              </Text>
            </Paper>
          )}
          {type ? (
            <ContractCheckPanel
              clientId={client.id}
              contractTypeId={type.id}
              optionSets={checkableSets(form.values.optionSets)}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onDone(null)}>
              {contract ? 'Back to contracts' : 'Cancel'}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {contract ? 'Save contract' : 'Create contract'}
            </Button>
          </Group>
        </Stack>
      </form>
      {contract ? <ContractTimelineView key={contract.updatedAt} contract={contract} today={today} /> : null}
    </Stack>
  );
}
