import { Alert, List, Text } from '@mantine/core';
import { formatInstant, formatPlainDate } from '../../shared/format';
import type { NdisDecision } from './ndis-cancellations-api';

/** The light alerts' coloured titles fall short of 4.5:1 on their tint; the title is dark instead. */
export const READABLE_TITLE = { title: { color: 'var(--mantine-color-black)' } };

/** The server's decision on a cancellation and its proof: the rule in force, the deadline, holidays skipped. */
export function NdisDecisionProof({ decision, zone }: { decision: NdisDecision; zone: string }) {
  const verdict = decision.shortNotice
    ? decision.claimable
      ? `Short notice: cancellation claim (CANC) at ${decision.claimPercent}%`
      : 'Short notice, but no cancellation claim can be made'
    : 'In time: no cancellation claim';
  return (
    <Alert
      color={decision.shortNotice ? 'orange' : 'teal'}
      variant="light"
      title={verdict}
      styles={READABLE_TITLE}
    >
      <Text size="sm">{decision.explanation}</Text>
      <List size="sm" mt={4}>
        <List.Item>
          Rule: {decision.rule} ({decision.ruleSource})
        </List.Item>
        <List.Item>Notice in time before {formatInstant(decision.deadline, zone)}</List.Item>
        <List.Item>Clear days given: {decision.clearDaysGiven}</List.Item>
        {decision.holidaysSkipped.length > 0 ? (
          <List.Item>
            Public holidays skipped{decision.region ? ` in ${decision.region}` : ''}:{' '}
            {decision.holidaysSkipped
              .map((h) => `${formatPlainDate(h.date)}${h.name ? ` (${h.name})` : ''}`)
              .join(', ')}
          </List.Item>
        ) : null}
      </List>
    </Alert>
  );
}
