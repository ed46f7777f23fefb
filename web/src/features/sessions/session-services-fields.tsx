import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { contractsApi } from '../contracts/contracts-api';
import { contractKeys } from '../contracts/contracts-queries';
import type { SessionServiceInput } from './sessions-api';

/** A service row as edited: a contract of one of the session's clients, or ad hoc at an hourly rate. */
export type ServiceDraft = {
  source: 'contract' | 'adhoc';
  contractId: string | null;
  name: string;
  supportItem: string;
  ratio: number;
  hourlyRate: number | '';
};

export const emptyService = (ratio: number): ServiceDraft => ({
  source: 'adhoc',
  contractId: null,
  name: '',
  supportItem: '',
  ratio,
  hourlyRate: '',
});

/** Rows → the API's services; the first is the primary (apportioned) one. */
export function toServiceInputs(rows: ServiceDraft[]): SessionServiceInput[] {
  return rows.map((row, index) => {
    const common = {
      name: row.name.trim(),
      supportItem: row.supportItem.trim() || null,
      ratio: row.ratio,
      primary: index === 0,
    };
    return row.source === 'contract'
      ? { source: 'contract', contractId: row.contractId ?? '', ...common }
      : { source: 'adhoc', hourlyRateMinor: Math.round(Number(row.hourlyRate || 0) * 100), ...common };
  });
}

const RATIOS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ value: String(n), label: `1:${n}` }));

/** The services delivered at a session, each with its delivery ratio: from a client's contract, or ad hoc. */
export function SessionServicesFields({
  value,
  onChange,
  clients,
  defaultRatio,
}: {
  value: ServiceDraft[];
  onChange: (rows: ServiceDraft[]) => void;
  clients: { id: string; name: string }[];
  defaultRatio: number;
}) {
  const contracts = useQueries({
    queries: clients.map((client) => ({
      queryKey: contractKeys.client(client.id),
      queryFn: () => contractsApi.clientContracts(client.id),
    })),
  });
  const contractOptions = contracts.flatMap((result, index) =>
    (result.data ?? []).map((contract) => ({
      value: contract.id,
      label: `${clients[index]?.name}: ${contract.name}`,
    })),
  );
  const set = (index: number, patch: Partial<ServiceDraft>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Services
      </Text>
      <Text size="xs" c="gray.7">
        The first service is the one a group's clients share (apportioned). From a client's contract it is
        priced by the contract's rates; ad hoc at the hourly rate you give.
      </Text>
      {value.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own until saved
        <Group key={index} align="flex-end" gap="xs" wrap="wrap" data-testid="service-row">
          <Select
            label="From"
            w={130}
            allowDeselect={false}
            data={[
              { value: 'contract', label: 'A contract' },
              { value: 'adhoc', label: 'Ad hoc' },
            ]}
            value={row.source}
            onChange={(source) => set(index, { source: source === 'contract' ? 'contract' : 'adhoc' })}
          />
          {row.source === 'contract' ? (
            <Select
              label="Contract"
              w={220}
              placeholder={contractOptions.length ? 'Choose a contract' : 'No contracts for these clients'}
              data={contractOptions}
              value={row.contractId}
              onChange={(contractId) => set(index, { contractId })}
              required
            />
          ) : (
            <NumberInput
              label="Hourly rate ($)"
              w={120}
              min={0}
              decimalScale={2}
              value={row.hourlyRate}
              onChange={(rate) => set(index, { hourlyRate: rate === '' ? '' : Number(rate) })}
              required
            />
          )}
          <TextInput
            label="Service"
            w={200}
            value={row.name}
            onChange={(event) => set(index, { name: event.currentTarget.value })}
            required
          />
          <TextInput
            label="Support item"
            w={170}
            placeholder="e.g. 04_102_0136_6_1"
            value={row.supportItem}
            onChange={(event) => set(index, { supportItem: event.currentTarget.value })}
          />
          <Select
            label="Ratio"
            w={80}
            allowDeselect={false}
            data={RATIOS}
            value={String(row.ratio)}
            onChange={(ratio) => set(index, { ratio: Number(ratio ?? 1) })}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={`Remove service ${index + 1}`}
            onClick={() => onChange(value.filter((_, i) => i !== index))}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange([...value, emptyService(defaultRatio)])}>
          Add a service
        </Button>
      </Group>
    </Stack>
  );
}
