import { Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/api-client';
import { formatPlainDate } from '../../shared/format';
import { formatMoney, parseMoney } from '../../shared/money';
import { ProblemAlert } from '../../shared/problem-alert';
import { bedKeys, type ServiceOptions, type Stay, staysApi, useStayMutation } from './beds-api';

const TYPED = 'typed';
const units = (n: number, unit: 'night' | 'day') => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * Adds a service to a stay: one of the contract's nightly or daily rates, priced by the API over the stay's
 * nights (each night by the option set in force on it) before anything is saved; a typed price only as an
 * explicit override, or for a service the contract has no rate for.
 */
export function StayServiceForm({ stay }: { stay: Stay }) {
  const options = useQuery({
    queryKey: [...bedKeys.stay(stay.id), 'service-options', stay.arriveOn, stay.leaveOn],
    queryFn: () => api.get<ServiceOptions>(`/stays/${encodeURIComponent(stay.id)}/service-options`),
  });
  const items = options.data?.items ?? [];
  const [choice, setChoice] = useState<string | null>(null);
  const chosen = choice ?? items[0]?.contractRate ?? (options.isSuccess ? TYPED : null);
  const option = items.find((o) => o.contractRate === chosen);
  const [override, setOverride] = useState(false);
  const [name, setName] = useState('');
  const [unit, setUnit] = useState<'night' | 'day'>('night');
  const [rate, setRate] = useState('');
  const [supportItem, setSupportItem] = useState('');
  const typed = chosen === TYPED;
  const add = useStayMutation(() =>
    staysApi.addService(
      stay.id,
      typed
        ? { name, unit, rateMinor: parseMoney(rate) ?? -1, supportItem: supportItem.trim() || null }
        : { contractRate: chosen, rateMinor: override ? (parseMoney(rate) ?? -1) : null },
    ),
  );
  return (
    <form
      aria-label="Add a service"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(undefined, {
          onSuccess: () => {
            setRate('');
            setOverride(false);
          },
        });
      }}
    >
      <Stack gap="xs">
        <Select
          label="Service"
          value={chosen}
          onChange={(v) => setChoice(v)}
          allowDeselect={false}
          disabled={options.isPending}
          data={[
            ...items.map((o) => ({
              value: o.contractRate,
              label: `${o.contractRate} (contract rate per ${o.unit === 'day' ? '24-hour day' : 'night'})`,
            })),
            { value: TYPED, label: 'Another service, with a typed price' },
          ]}
          w={360}
        />
        {options.isError ? (
          <ProblemAlert error={options.error} title="The contract's rates couldn't be loaded" />
        ) : null}
        {option ? (
          <Stack gap={2} data-testid="service-price-preview">
            <Text size="sm">
              {units(option.units, option.unit)}: <strong>{formatMoney(option.amountMinor)}</strong>
              {option.supportItem ? ` · support item ${option.supportItem}` : ''}
            </Text>
            {option.runs.map((r) => (
              <Text size="xs" c="gray.7" key={r.from}>
                {formatPlainDate(r.from)} to {formatPlainDate(r.to)}: {units(r.units, option.unit)} ×{' '}
                {formatMoney(r.rateMinor)} = {formatMoney(r.amountMinor)}
              </Text>
            ))}
            {option.priceProblem ? (
              <Text size="sm" c="red.9">
                {option.priceProblem}
              </Text>
            ) : null}
            <Checkbox
              label="Override the contract's price"
              checked={override}
              onChange={(e) => setOverride(e.currentTarget.checked)}
              mt={4}
            />
          </Stack>
        ) : null}
        <Group align="flex-end" gap="xs" wrap="wrap">
          {typed ? (
            <>
              <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} w={200} />
              <Select
                label="Charged per"
                value={unit}
                onChange={(v) => setUnit((v as 'night' | 'day') ?? 'night')}
                data={[
                  { value: 'night', label: 'Night' },
                  { value: 'day', label: '24-hour day' },
                ]}
                allowDeselect={false}
                w={140}
              />
              <TextInput
                label="Support item"
                value={supportItem}
                onChange={(e) => setSupportItem(e.currentTarget.value)}
                placeholder="01_058_0115_1_1"
                w={170}
              />
            </>
          ) : null}
          {typed || override ? (
            <TextInput
              label={typed ? 'Rate' : 'Price instead'}
              value={rate}
              onChange={(e) => setRate(e.currentTarget.value)}
              w={110}
            />
          ) : null}
          <Button type="submit" variant="default" loading={add.isPending} disabled={chosen === null}>
            Add service
          </Button>
        </Group>
        {add.isError ? <ProblemAlert error={add.error} title="The service was not added" /> : null}
      </Stack>
    </form>
  );
}
