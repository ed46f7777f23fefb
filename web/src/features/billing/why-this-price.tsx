import { Badge, Button, Collapse, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import { ProblemAlert } from '../../shared/problem-alert';
import type { OptionSource, PricedLine } from './billing-api';
import {
  describeCalculation,
  describePeriod,
  describeRule,
  describeSource,
  LINE_KIND_LABEL,
  optionLabel,
} from './billing-format';
import { useBookingPrice } from './billing-queries';
import { SupportItemNote } from './support-item-note';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Text component="dt" size="xs" c="gray.7" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} mb={6}>
        {children}
      </Text>
    </>
  );
}

function SourceText({ source }: { source: OptionSource }) {
  const s = describeSource(source);
  return (
    <Group gap={6} wrap="wrap" component="span">
      <span>
        {s.origin}
        {s.effective ? ` effective ${formatPlainDate(s.effective)}` : ''}
      </span>
      {s.inheritance ? (
        <Badge
          size="sm"
          variant="light"
          color={s.inheritance === 'overridden' ? 'indigo' : 'gray'}
          c={s.inheritance === 'overridden' ? 'indigo.9' : 'gray.8'}
          tt="none"
          component="span"
        >
          {s.inheritance === 'overridden' ? 'Overridden by the client’s contract' : 'Inherited'}
        </Badge>
      ) : null}
    </Group>
  );
}

/** The explanation of one rated line, readable: rule, option set (and where it came from), arithmetic. */
export function WhyThisPriceDetails({ line }: { line: PricedLine }) {
  // A completed session's line carries `source.delivered` (no rule or option set): its completion priced it.
  const delivered = typeof line.source === 'object' && line.source !== null && 'delivered' in line.source;
  // A stay's line is priced by the contract's accommodation rate in force on its nights (the option set is
  // in source.option), or by a price typed on the stay's service.
  const stay = line.kind === 'stay';
  const stayRate = stay
    ? (line.source as { option?: { rateName: string; source: OptionSource } } | null | undefined)?.option
    : undefined;
  const source = delivered || stay ? null : line.source;
  return (
    <Paper withBorder radius="sm" p="sm" bg="var(--mantine-color-gray-0)" data-testid="why-this-price">
      <dl style={{ margin: 0 }}>
        {delivered ? <Fact label="Priced by">The session’s completion (its delivered record)</Fact> : null}
        {stay ? (
          <Fact label="Priced by">
            {stayRate
              ? `The contract’s accommodation rate “${stayRate.rateName}”, from the option set in force on these nights`
              : 'The price typed on the stay’s service, per night or day'}
          </Fact>
        ) : null}
        {stayRate ? (
          <Fact label="Option set">
            <SourceText source={stayRate.source} />
          </Fact>
        ) : null}
        {source ? (
          <>
            {line.kind === 'time' || line.kind === 'nonProRata' ? (
              <Fact label="Rule">{describeRule(source.rule)}</Fact>
            ) : null}
            <Fact label="Option">{optionLabel(source.option.name)}</Fact>
            <Fact label="Option set">
              <SourceText source={source.option.source} />
            </Fact>
            {source.via ? (
              <Fact label={`Via ${optionLabel(source.via.name).toLowerCase()}`}>
                <SourceText source={source.via.source} />
              </Fact>
            ) : null}
            {source.period ? <Fact label="Time priced">{describePeriod(source.period)}</Fact> : null}
          </>
        ) : null}
        <Fact label="Calculation">{describeCalculation(line)}</Fact>
      </dl>
      <Text size="xs" c="gray.7" mt={4}>
        Engine’s note: {line.explanation}
      </Text>
    </Paper>
  );
}

/** A "Why this price" toggle and its panel, for one line. */
export function WhyThisPriceToggle({ line }: { line: PricedLine }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <Stack gap={4}>
      <Button
        variant="subtle"
        size="compact-xs"
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        aria-controls={id}
        w="fit-content"
      >
        {open ? 'Hide why this price' : 'Why this price'}
      </Button>
      <Collapse expanded={open} id={id}>
        {open ? <WhyThisPriceDetails line={line} /> : null}
      </Collapse>
    </Stack>
  );
}

/** Why the server rated the visit under this contract (billing's chooseContract), as a coordinator reads it. */
const CHOSEN_IN_WORDS: Record<'booking' | 'default' | 'in_force', string> = {
  booking: ', named on the booking',
  default: ', the client’s default contract',
  in_force: ', the contract in force on the visit’s date',
};

/** "Why this price" for a booking: its contract and every rated line, from GET /bookings/:id/price. */
export function BookingPricePanel({ bookingId }: { bookingId: string }) {
  const price = useBookingPrice(bookingId);
  if (price.isPending) return <Skeleton height={120} />;
  if (price.isError) return <ProblemAlert error={price.error} title="This booking can’t be priced yet" />;
  const p = price.data;
  return (
    <Stack gap="sm" data-testid="booking-price">
      <Text size="sm">
        Rated under <strong>{p.contract.name}</strong> ({p.contract.contractType.name}
        {CHOSEN_IN_WORDS[p.contract.chosen]}) for {formatPlainDate(p.visitDate)} in {p.timeZone}.
      </Text>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Line</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.lines.map((line, index) => (
            // Lines have no id; their order is the engine's.
            // biome-ignore lint/suspicious/noArrayIndexKey: stable order from the server
            <Table.Tr key={index}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {LINE_KIND_LABEL[line.kind]}
                </Text>
                <WhyThisPriceToggle line={line} />
              </Table.Td>
              <Table.Td ta="right" style={{ verticalAlign: 'top' }}>
                {formatMoney(line.amountMinor)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>Total</Table.Th>
            <Table.Th ta="right">{formatMoney(p.totalMinor)}</Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      {p.supportItem ? <SupportItemNote check={p.supportItem} /> : null}
    </Stack>
  );
}

/** For the booking drawer: a button that opens the booking's price and its reasons. */
export function BookingPriceSection({ bookingId }: { bookingId: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <Stack gap="xs">
      <Button
        variant="light"
        w="fit-content"
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        aria-controls={id}
      >
        {open ? 'Hide why this price' : 'Why this price'}
      </Button>
      <Collapse expanded={open} id={id}>
        {open ? <BookingPricePanel bookingId={bookingId} /> : null}
      </Collapse>
    </Stack>
  );
}
