import { Alert, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { ContractCheck } from '../../api/types';
import { formatMoney } from '../../shared/money';
import { contractsApi, type OptionSet } from './contracts-api';

type Point = ContractCheck['points'][number];
type Example = ContractCheck['useFirstRange']['example']['firstRange'];

const W = 480;
const H = 160;
const PAD = 36;

/** Price by duration as a small line chart (plain SVG); the numbers are the server's. */
function PriceChart({ points }: { points: Point[] }) {
  const priced = points.filter((p): p is Point & { totalMinor: number } => p.totalMinor !== null);
  if (priced.length < 2) return null;
  const maxMinutes = Math.max(...priced.map((p) => p.minutes));
  const maxPrice = Math.max(1, ...priced.map((p) => p.totalMinor));
  const x = (m: number) => PAD + (m / maxMinutes) * (W - PAD * 1.5);
  const y = (v: number) => H - PAD + -(v / maxPrice) * (H - PAD * 1.5);
  const path = priced.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.minutes)},${y(p.totalMinor)}`).join(' ');
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      style={{ maxWidth: W }}
      role="img"
      aria-label={`Price by duration: ${priced.map((p) => `${p.minutes} min ${formatMoney(p.totalMinor)}`).join(', ')}`}
      data-testid="price-by-duration"
    >
      <line x1={PAD} y1={H - PAD} x2={W - PAD / 2} y2={H - PAD} stroke="currentColor" strokeOpacity={0.4} />
      <line x1={PAD} y1={PAD / 2} x2={PAD} y2={H - PAD} stroke="currentColor" strokeOpacity={0.4} />
      {[0, 60, 120, 180, 240]
        .filter((m) => m <= maxMinutes)
        .map((m) => (
          <text key={m} x={x(m)} y={H - PAD + 14} fontSize={10} textAnchor="middle" fill="currentColor">
            {m / 60} h
          </text>
        ))}
      <text x={PAD - 4} y={y(maxPrice) + 4} fontSize={10} textAnchor="end" fill="currentColor">
        {formatMoney(maxPrice)}
      </text>
      <path d={path} fill="none" stroke="var(--mantine-color-brand-7, teal)" strokeWidth={2} />
      {priced.map((p) => (
        <circle key={p.minutes} cx={x(p.minutes)} cy={y(p.totalMinor)} r={2.5} fill="currentColor">
          <title>{`${p.minutes} min: ${formatMoney(p.totalMinor)}`}</title>
        </circle>
      ))}
    </svg>
  );
}

const priced = (e: Example) => ('problem' in e ? e.problem : formatMoney(e.totalMinor));

/**
 * The contract check of the draft being edited: warnings where a longer visit costs less or a fixed price
 * more than an hour, the price by duration, and useFirstRange on a Friday 19:45 → Saturday 02:00 visit.
 */
export function ContractCheckPanel({
  clientId,
  contractTypeId,
  optionSets,
}: {
  clientId: string;
  contractTypeId: string;
  optionSets: OptionSet[];
}) {
  const [input] = useDebouncedValue({ contractTypeId, optionSets }, 400);
  const check = useQuery({
    queryKey: ['contract-check', clientId, input],
    queryFn: () => contractsApi.check(clientId, input),
    retry: false,
  });
  const data = check.data;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="contract-check">
      <Title order={3} size="h4" id="contract-check" mb="sm">
        Contract check
      </Title>
      {check.isError ? (
        <Text size="sm" c="dimmed">
          The check needs a valid draft: fix the options above.
        </Text>
      ) : !data ? (
        <Text size="sm" c="dimmed">
          Checking…
        </Text>
      ) : (
        <Stack gap="sm">
          {data.warnings.length > 0 ? (
            <Alert color="yellow" variant="light" title="Check these prices" data-testid="contract-warnings">
              <List size="sm">
                {data.warnings.map((w) => (
                  <List.Item key={w}>{w}</List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <Text size="sm">
              No longer visit costs less than a shorter one, and no fixed price exceeds an hour.
            </Text>
          )}
          {data.problems.length > 0 ? <Text size="sm">{data.problems.join('; ')}</Text> : null}
          <Text size="sm" c="gray.7">
            Price by duration, 0–4 h, for a visit starting {data.chartStart} on {data.date}:
          </Text>
          <PriceChart points={data.points} />
          <Text size="sm" data-testid="first-range-example">
            Use first range is <strong>{data.useFirstRange.value ? 'on' : 'off'}</strong>. A visit{' '}
            {data.useFirstRange.example.start.replace('T', ' ')} →{' '}
            {data.useFirstRange.example.end.replace('T', ' ')} costs{' '}
            {priced(data.useFirstRange.example.firstRange)} with it on (the whole visit at the rate where it
            starts) and {priced(data.useFirstRange.example.split)} with it off (split at each range).
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
