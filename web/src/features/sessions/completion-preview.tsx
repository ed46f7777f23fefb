import { Alert, Checkbox, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { formatMoney } from '../../shared/money';
import type { ChargeLine, CompletionPreview } from './sessions-api';

type Props = {
  preview: CompletionPreview;
  portions: Record<string, number>;
  charged: Record<string, number>;
  onPortions: (portions: Record<string, number>) => void;
  onCharged: (charged: Record<string, number>) => void;
};

function Lines({ lines }: { lines: ChargeLine[] }) {
  if (lines.length === 0) return <Text size="xs">No charge</Text>;
  return (
    <Stack gap={2}>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: preview lines have no id
        <div key={index}>
          <Text size="xs" fw={600}>
            {line.description}: {formatMoney(line.amountMinor)}
          </Text>
          <Text size="xs" c="gray.7">
            {line.explanation}
          </Text>
        </div>
      ))}
    </Stack>
  );
}

/**
 * The server's preview of completing: each client's portion of the primary service (editable, starting at
 * 1/ratio) and charge lines with their explanations, cancelled clients apart, and the workers' time and travel.
 */
export function CompletionPreviewSection({ preview, portions, charged, onPortions, onCharged }: Props) {
  const primary = preview.primaryService;
  const sum = preview.clients.reduce((total, c) => total + c.portionBasisPoints, 0);
  return (
    <Stack gap="sm" data-testid="completion-preview">
      <Title order={3} size="h5">
        Apportionment and charges (preview)
      </Title>
      {primary ? (
        <Text size="sm">
          {primary.name} at 1:{primary.ratio}: {formatMoney(primary.totalMinor)} in all. {primary.explanation}
        </Text>
      ) : (
        <Alert color="orange" variant="light">
          This session has no service to price yet.
        </Alert>
      )}
      <Text size="xs" c="gray.7">
        Travel area {preview.travelArea}
        {preview.travelCapMinutes !== null
          ? ` (travel capped at ${preview.travelCapMinutes} min per client)`
          : ' (no travel cap)'}
        . Rounding: {preview.roundingRule}
      </Text>
      <Table aria-label="Charge per client" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Client</Table.Th>
            <Table.Th>Portion (%)</Table.Th>
            <Table.Th>Charge lines</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.clients.map((client) => (
            <Table.Tr key={client.participantId}>
              <Table.Td>{client.name}</Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={`Portion of ${client.name} (%)`}
                  w={100}
                  min={0}
                  max={100}
                  decimalScale={2}
                  value={portions[client.participantId] ?? client.portionBasisPoints / 100}
                  description={`Default ${client.defaultPortionBasisPoints / 100}%`}
                  onChange={(v) =>
                    onPortions({ ...portions, [client.participantId]: v === '' ? 0 : Number(v) })
                  }
                />
              </Table.Td>
              <Table.Td>
                <Lines lines={client.lines} />
              </Table.Td>
              <Table.Td ta="right">{formatMoney(client.totalMinor)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c={sum === 10_000 ? 'gray.7' : 'orange.9'} data-testid="portion-sum">
        Portions add up to {sum / 100}%
        {sum === 10_000 ? '' : ': the clients are charged that share of the service'}
      </Text>
      {preview.cancelledClients.length > 0 ? (
        <Stack gap={4}>
          <Title order={4} size="h6">
            Cancelled clients
          </Title>
          {preview.cancelledClients.map((client) => (
            <Group key={client.participantId} align="flex-start" justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Text size="sm">
                  {client.name}
                  {client.cancellation
                    ? ` · ${client.cancellation.noticeHours} h notice (${client.cancellation.reasonCode})`
                    : ''}
                </Text>
                <Checkbox
                  label="Charge for this cancellation"
                  checked={client.participantId in charged}
                  onChange={(e) => {
                    const next = { ...charged };
                    if (e.currentTarget.checked)
                      next[client.participantId] = client.portionBasisPoints / 100 || 100;
                    else delete next[client.participantId];
                    onCharged(next);
                  }}
                />
                <Lines lines={client.lines} />
              </Stack>
              <Text size="sm">{client.charged ? formatMoney(client.totalMinor) : 'Not charged'}</Text>
            </Group>
          ))}
        </Stack>
      ) : null}
      <Text size="sm">
        Workers:{' '}
        {preview.workers
          .map(
            (w) =>
              `${w.name} ${w.minutes} min${w.travelMinutes ? `, travel ${w.travelMinutes} min / ${w.travelKm} km` : ''}`,
          )
          .join('; ')}
      </Text>
      <Text fw={700} data-testid="preview-total">
        Total charged: {formatMoney(preview.totalMinor)}
      </Text>
    </Stack>
  );
}
