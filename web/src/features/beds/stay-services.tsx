import { Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { formatMoney, parseMoney } from '../../shared/money';
import { ProblemAlert } from '../../shared/problem-alert';
import { type Stay, staysApi, useStayMutation } from './beds-api';

/** A stay's nightly or daily services, what each comes to, and a form to add one. */
export function StayServices({ stay, canWrite }: { stay: Stay; canWrite: boolean }) {
  const [name, setName] = useState('Short-term accommodation');
  const [unit, setUnit] = useState<'night' | 'day'>('day');
  const [rate, setRate] = useState('');
  const [supportItem, setSupportItem] = useState('');
  const add = useStayMutation(() =>
    staysApi.addService(stay.id, {
      name,
      unit,
      rateMinor: parseMoney(rate) ?? -1,
      supportItem: supportItem.trim() || null,
    }),
  );
  const total = stay.services.reduce((sum, s) => sum + s.amountMinor, 0);
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Services and charges
      </Title>
      {stay.services.length === 0 ? (
        <Text size="sm" c="gray.7">
          No services yet.
        </Text>
      ) : (
        <Table fz="sm" aria-label="Charges for the stay">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Service</Table.Th>
              <Table.Th>Units</Table.Th>
              <Table.Th>Rate</Table.Th>
              <Table.Th>Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stay.services.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {s.name}
                  {s.supportItem ? <Text size="xs">{s.supportItem}</Text> : null}
                </Table.Td>
                <Table.Td>
                  {s.units}{' '}
                  {s.unit === 'day' ? (s.units === 1 ? 'day' : 'days') : s.units === 1 ? 'night' : 'nights'}
                </Table.Td>
                <Table.Td>{formatMoney(s.rateMinor)}</Table.Td>
                <Table.Td>{formatMoney(s.amountMinor)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th colSpan={3}>Total</Table.Th>
              <Table.Td fw={700}>{formatMoney(total)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      {canWrite && stay.kind === 'client_stay' && stay.state !== 'cancelled' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(undefined, { onSuccess: () => setRate('') });
          }}
        >
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              label="Service"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              w={200}
            />
            <Select
              label="Charged per"
              value={unit}
              onChange={(v) => setUnit((v as 'night' | 'day') ?? 'day')}
              data={[
                { value: 'day', label: '24-hour day' },
                { value: 'night', label: 'Night' },
              ]}
              allowDeselect={false}
              w={140}
            />
            <TextInput label="Rate" value={rate} onChange={(e) => setRate(e.currentTarget.value)} w={100} />
            <TextInput
              label="Support item"
              value={supportItem}
              onChange={(e) => setSupportItem(e.currentTarget.value)}
              placeholder="01_058_0115_1_1"
              w={170}
            />
            <Button type="submit" variant="default" loading={add.isPending}>
              Add service
            </Button>
          </Group>
          {add.isError ? <ProblemAlert error={add.error} title="The service was not added" /> : null}
        </form>
      ) : null}
    </Stack>
  );
}
