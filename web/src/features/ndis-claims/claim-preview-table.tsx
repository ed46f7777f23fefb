import { Alert, List, Paper, Table, Text } from '@mantine/core';
import { formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import { DeliveredAsSelect } from './delivered-as-select';
import type { ClaimPreview } from './ndis-claims-api';

const hhmm = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;

/** Delivered records that cannot be claimed, each with why. */
export function ClaimProblems({
  problems,
  onChanged,
}: {
  problems: ClaimPreview['problems'];
  onChanged: () => void;
}) {
  if (problems.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      title="Delivered records that cannot be claimed"
      styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
    >
      <List size="sm">
        {problems.map((p) => (
          <List.Item key={p.deliveredServiceId}>
            {formatPlainDate(p.date)} {p.clientName}, “{p.description}”: {p.reason}
            {p.deliveredAs ? (
              <DeliveredAsSelect
                deliveredServiceId={p.deliveredServiceId}
                value={p.deliveredAs}
                what={`${p.clientName}, ${p.description}, ${formatPlainDate(p.date)}`}
                onChanged={onChanged}
              />
            ) : null}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The lines a bulk payment request would hold, as the portal will read them. */
export function ClaimPreviewTable({
  lines,
  onChanged,
}: {
  lines: ClaimPreview['lines'];
  onChanged: () => void;
}) {
  const total = lines.reduce((s, l) => s + l.amountMinor, 0);
  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table aria-label="Claim lines" verticalSpacing="xs">
        <Table.Thead bg="gray.0">
          <Table.Tr>
            <Table.Th>Delivered</Table.Th>
            <Table.Th>NDIS number</Table.Th>
            <Table.Th>Support item</Table.Th>
            <Table.Th>Quantity / hours</Table.Th>
            <Table.Th ta="right">Unit price</Table.Th>
            <Table.Th>Claim type</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <Table.Tr key={l.deliveredServiceId ?? `${l.supportNumber}-${l.deliveredFrom}`}>
              <Table.Td>{formatPlainDate(l.deliveredFrom)}</Table.Td>
              <Table.Td>{l.ndisNumber}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {l.supportNumber}
                </Text>
                <Text size="xs" c="dimmed">
                  {l.explanation}
                </Text>
                {l.warning ? (
                  <Text size="xs" c="orange.9">
                    {l.warning}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {l.hoursMinutes !== null
                  ? `${hhmm(l.hoursMinutes)} h`
                  : ((l.quantityHundredths ?? 0) / 100).toFixed(2)}
              </Table.Td>
              <Table.Td ta="right">{formatMoney(l.unitPriceMinor)}</Table.Td>
              <Table.Td>
                {l.claimType ?? 'Direct service'}
                {l.cancellationReason ? ` (${l.cancellationReason})` : ''}
                {l.deliveredAs && l.deliveredServiceId ? (
                  <DeliveredAsSelect
                    deliveredServiceId={l.deliveredServiceId}
                    value={l.deliveredAs}
                    what={`${l.ndisNumber}, ${l.supportNumber}, ${formatPlainDate(l.deliveredFrom)}`}
                    onChanged={onChanged}
                  />
                ) : null}
              </Table.Td>
              <Table.Td ta="right">{formatMoney(l.amountMinor)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={6}>Total</Table.Th>
            <Table.Th ta="right" data-testid="claim-total">
              {formatMoney(total)}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Paper>
  );
}
