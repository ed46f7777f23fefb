import {
  Box,
  Group,
  List,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { formatPlainDate } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import type {
  ClientContract,
  ContractTimeline,
  OptionName,
  TimelineBoundary,
  TimelineSegment,
  TimelineSource,
} from './contracts-api';
import { useContractTimeline } from './contracts-queries';
import { CONTRACT_OPTIONS, describeOption, OPTION_LABELS } from './option-draft';

const DAY_MS = 86_400_000;
const epochDay = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => dateOf(epochDay(date) + days);

/** Type and contract are told apart by fill, border style and a text tag, not colour alone. */
const SOURCE_STYLE: Record<TimelineSource, { label: string; fill: string; border: string; tag: string }> = {
  type: {
    label: 'Inherited from the contract type',
    fill: 'var(--mantine-color-blue-0)',
    border: '1px solid var(--mantine-color-blue-7)',
    tag: 'Type',
  },
  assignment: {
    label: 'Overridden by this contract',
    fill: 'var(--mantine-color-orange-1)',
    border: '2px solid var(--mantine-color-orange-9)',
    tag: 'Contract',
  },
  default: {
    label: 'Default (no option set gives it)',
    fill: 'var(--mantine-color-gray-0)',
    border: '1px dashed var(--mantine-color-gray-6)',
    tag: 'Default',
  },
};

const BOUNDARY_STYLE: Record<TimelineBoundary['schedule'], { line: string; label: string }> = {
  type: { line: '2px dashed var(--mantine-color-blue-8)', label: 'Contract type option set' },
  assignment: { line: '2px solid var(--mantine-color-orange-9)', label: 'Contract option set' },
};

const lastDay = (segment: { to: string }) => addDays(segment.to, -1);

function sourceText(segment: TimelineSegment): string {
  if (segment.source === 'default') return 'Default';
  const set = segment.effectiveFrom ? ` (option set from ${formatPlainDate(segment.effectiveFrom)})` : '';
  return segment.source === 'type' ? `Contract type${set}` : `This contract, overridden${set}`;
}

function segmentLabel(name: OptionName, segment: TimelineSegment): string {
  return `${OPTION_LABELS[name]}: ${describeOption(name, segment.value)}, ${formatPlainDate(segment.from)} to ${formatPlainDate(lastDay(segment))}. ${sourceText(segment)}.`;
}

/** The effective options of a client's contract over dates: which value applies when, and from where. */
export function ContractTimelineView({ contract, today }: { contract: ClientContract; today: string }) {
  // Opens on today when the contract runs then (else on its start): what applies now comes first.
  const opensOn =
    today >= contract.startDate && (contract.endDate === null || today <= contract.endDate)
      ? today
      : contract.startDate;
  const defaultTo = contract.endDate ? addDays(contract.endDate, 1) : addDays(opensOn, 365);
  const [from, setFrom] = useState(opensOn);
  const [to, setTo] = useState(defaultTo);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from < to;
  const query = useContractTimeline(contract.id, from, to, valid);

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="timeline-title">
      <Group justify="space-between" align="flex-end" wrap="wrap" mb="md">
        <div>
          <Title order={2} size="h4" id="timeline-title">
            Effective options
          </Title>
          <Text size="sm" c="dimmed">
            What this contract charges on each day, and whether each value comes from the type or the
            contract.
          </Text>
        </div>
        <Group align="flex-end" gap="sm">
          <LocalDateInput label="From" value={from} onChange={(value) => setFrom(value)} w={160} />
          <LocalDateInput
            label="Until (exclusive)"
            value={to}
            onChange={(value) => setTo(value)}
            error={valid ? undefined : 'Must be after From'}
            w={170}
          />
          <SegmentedControl
            aria-label="Timeline view"
            value={view}
            onChange={(v) => setView(v === 'table' ? 'table' : 'chart')}
            data={[
              { value: 'chart', label: 'Chart' },
              { value: 'table', label: 'Table' },
            ]}
          />
        </Group>
      </Group>
      {query.isError ? <ProblemAlert error={query.error} title="The timeline couldn't be loaded" /> : null}
      {query.isPending && valid ? <Skeleton height={360} /> : null}
      {query.data ? (
        <Stack gap="md">
          {view === 'chart' ? (
            <TimelineChart timeline={query.data} today={today} />
          ) : (
            <TimelineTable timeline={query.data} />
          )}
          <Boundaries timeline={query.data} />
        </Stack>
      ) : null}
    </Paper>
  );
}

function Legend() {
  return (
    <Group gap="lg" wrap="wrap" aria-label="Legend" role="group">
      {(['type', 'assignment', 'default'] as const).map((source) => (
        <Group key={source} gap={6} wrap="nowrap">
          <Box
            aria-hidden
            w={28}
            h={16}
            style={{
              background: SOURCE_STYLE[source].fill,
              border: SOURCE_STYLE[source].border,
              borderRadius: 4,
            }}
          />
          <Text size="sm">{SOURCE_STYLE[source].label}</Text>
        </Group>
      ))}
      {(['type', 'assignment'] as const).map((schedule) => (
        <Group key={schedule} gap={6} wrap="nowrap">
          <Box aria-hidden w={0} h={18} style={{ borderLeft: BOUNDARY_STYLE[schedule].line }} />
          <Text size="sm">{BOUNDARY_STYLE[schedule].label} starts</Text>
        </Group>
      ))}
    </Group>
  );
}

function TimelineChart({ timeline, today }: { timeline: ContractTimeline; today: string }) {
  const start = epochDay(timeline.from);
  const span = Math.max(1, epochDay(timeline.to) - start);
  const pct = (date: string) => `${((epochDay(date) - start) / span) * 100}%`;
  const showToday = today >= timeline.from && today < timeline.to;
  const LABEL_WIDTH = 190;
  const boundaryDates = [...new Map(timeline.boundaries.map((b) => [b.date, b])).values()];

  return (
    <Stack gap="sm">
      <Legend />
      <Box
        role="figure"
        aria-label={`Effective options from ${formatPlainDate(timeline.from)} to ${formatPlainDate(addDays(timeline.to, -1))}`}
        data-testid="timeline-chart"
        style={{ overflowX: 'auto' }}
      >
        <Box miw={720}>
          {/* The axis: start, each option-set boundary, end. */}
          <Box style={{ display: 'grid', gridTemplateColumns: `${LABEL_WIDTH}px 1fr` }} aria-hidden>
            <div />
            <Box pos="relative" h={40}>
              <Text size="xs" pos="absolute" left={0} top={22}>
                {formatPlainDate(timeline.from)}
              </Text>
              <Text size="xs" pos="absolute" right={0} top={22} ta="right">
                {formatPlainDate(addDays(timeline.to, -1))}
              </Text>
              {boundaryDates.map((b, i) => (
                <Text
                  key={b.date}
                  size="xs"
                  fw={600}
                  pos="absolute"
                  top={i % 2 === 0 ? 0 : 11}
                  style={{ left: pct(b.date), transform: 'translateX(-50%)', whiteSpace: 'nowrap' }}
                  c={b.schedule === 'type' ? 'blue.9' : 'orange.9'}
                >
                  {formatPlainDate(b.date)}
                </Text>
              ))}
            </Box>
          </Box>
          <Box pos="relative" mb={22}>
            {CONTRACT_OPTIONS.map((name) => (
              <Box
                key={name}
                role="group"
                aria-label={OPTION_LABELS[name]}
                data-testid={`timeline-row-${name}`}
                style={{
                  display: 'grid',
                  gridTemplateColumns: `${LABEL_WIDTH}px 1fr`,
                  alignItems: 'center',
                  borderTop: '1px solid var(--mantine-color-gray-2)',
                }}
              >
                <Text size="sm" fw={500} pr="sm" py={6}>
                  {OPTION_LABELS[name]}
                </Text>
                <Box pos="relative" h={34}>
                  {(timeline.options[name] ?? []).map((segment) => {
                    const style = SOURCE_STYLE[segment.source];
                    return (
                      <Box
                        key={segment.from}
                        role="img"
                        aria-label={segmentLabel(name, segment)}
                        title={segmentLabel(name, segment)}
                        data-source={segment.source}
                        pos="absolute"
                        top={3}
                        bottom={3}
                        style={{
                          left: pct(segment.from),
                          width: `calc(${pct(segment.to)} - ${pct(segment.from)} - 2px)`,
                          background: style.fill,
                          border: style.border,
                          borderRadius: 6,
                          overflow: 'hidden',
                          display: 'flex',
                          alignItems: 'center',
                          padding: '0 6px',
                        }}
                      >
                        <Text size="xs" c="gray.9" truncate="end">
                          <Text span size="xs" fw={700}>
                            {style.tag}
                          </Text>{' '}
                          {describeOption(name, segment.value)}
                        </Text>
                      </Box>
                    );
                  })}
                </Box>
              </Box>
            ))}
            {/* Boundary and today lines across all rows. */}
            <Box
              aria-hidden
              pos="absolute"
              top={0}
              bottom={0}
              left={LABEL_WIDTH}
              right={0}
              style={{ pointerEvents: 'none' }}
            >
              {timeline.boundaries.map((b) => (
                <Box
                  key={`${b.schedule}-${b.date}`}
                  pos="absolute"
                  top={0}
                  bottom={0}
                  data-boundary={b.schedule}
                  style={{
                    left: pct(b.date),
                    borderLeft: BOUNDARY_STYLE[b.schedule].line,
                    marginLeft: b.schedule === 'assignment' ? 2 : -1,
                  }}
                />
              ))}
              {showToday ? (
                <Box
                  pos="absolute"
                  top={0}
                  bottom={-18}
                  style={{ left: pct(today), borderLeft: '2px dotted var(--mantine-color-gray-8)' }}
                >
                  <Text
                    size="xs"
                    fw={700}
                    c="gray.9"
                    pl={3}
                    pos="absolute"
                    bottom={0}
                    style={{ lineHeight: 1 }}
                  >
                    Today
                  </Text>
                </Box>
              ) : null}
            </Box>
          </Box>
        </Box>
      </Box>
    </Stack>
  );
}

function TimelineTable({ timeline }: { timeline: ContractTimeline }) {
  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table aria-label="Effective options by period" data-testid="timeline-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Option</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Comes from</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {CONTRACT_OPTIONS.flatMap((name) =>
            (timeline.options[name] ?? []).map((segment, i) => (
              <Table.Tr key={`${name}-${segment.from}`}>
                {i === 0 ? (
                  <Table.Th scope="rowgroup" rowSpan={timeline.options[name]?.length ?? 1} fw={600}>
                    {OPTION_LABELS[name]}
                  </Table.Th>
                ) : null}
                <Table.Td>{formatPlainDate(segment.from)}</Table.Td>
                <Table.Td>{formatPlainDate(lastDay(segment))}</Table.Td>
                <Table.Td>{describeOption(name, segment.value)}</Table.Td>
                <Table.Td>{sourceText(segment)}</Table.Td>
              </Table.Tr>
            )),
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Boundaries({ timeline }: { timeline: ContractTimeline }) {
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        Option set changes in this period
      </Title>
      {timeline.boundaries.length === 0 ? (
        <Text size="sm" c="dimmed">
          None: the same option sets apply throughout.
        </Text>
      ) : (
        <List size="sm" spacing={2} data-testid="timeline-boundaries">
          {timeline.boundaries.map((b) => (
            <List.Item key={`${b.schedule}-${b.date}`}>
              {formatPlainDate(b.date)}: {b.schedule === 'type' ? "the contract type's" : "this contract's"}{' '}
              option set {b.setIndex + 1} takes over
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
