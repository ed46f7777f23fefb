import { Stack, Table, Text, Title } from '@mantine/core';
import { formatMoney } from '../../shared/money';
import type { Stay } from './beds-api';
import { StayServiceForm } from './stay-service-form';

/** A stay's nightly or daily services, what each comes to (a contract rate per option set), and a form to add one. */
export function StayServices({ stay, canWrite }: { stay: Stay; canWrite: boolean }) {
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
                <Table.Td>
                  {s.rateMinor !== null ? (
                    <>
                      {formatMoney(s.rateMinor)}
                      {s.contractRate ? <Text size="xs">Overrides the contract</Text> : null}
                    </>
                  ) : (
                    s.runs.map((r) => (
                      <Text size="sm" key={r.from}>
                        {formatMoney(r.rateMinor)}
                        {s.runs.length > 1 ? ` × ${r.units}` : ''}
                      </Text>
                    ))
                  )}
                  {s.priceProblem ? (
                    <Text size="xs" c="red.9">
                      {s.priceProblem}
                    </Text>
                  ) : null}
                </Table.Td>
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
        <StayServiceForm stay={stay} />
      ) : null}
    </Stack>
  );
}
