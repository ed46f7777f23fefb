import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/api-client';
import { useMe } from '../../auth/auth-context';
import { EmptyState } from '../../shared/empty-state';
import { formatPlainDate, fullName } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { formatMoney } from '../../shared/money';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import type { PricedLine } from '../billing/billing-api';
import { LINE_KIND_LABEL } from '../billing/billing-format';
import { WhyThisPriceToggle } from '../billing/why-this-price';
import { todayIn } from '../scheduling/calendar-time';
import { useDeliveringStaff } from '../scheduling/scheduling-queries';

type CarerPay = {
  staff: { id: string; name: string; timeZone: string };
  from: string;
  to: string;
  totalMinor: number;
  visits: {
    bookingId: string;
    name: string;
    client: { id: string; name: string };
    visitDate: string;
    timeZone: string;
    totalMinor: number;
    lines: PricedLine[];
  }[];
  problems: {
    bookingId: string;
    name: string;
    visitDate: string;
    issues: { field: string; reason: string }[];
  }[];
};

type Query = { staffId: string; from: string; to: string };

const payPath = (q: Query, suffix = '') =>
  `/staff/${encodeURIComponent(q.staffId)}/pay${suffix}?from=${q.from}&to=${q.to}`;

/** The first day of the month `date` falls in. */
const monthStart = (date: string) => `${date.slice(0, 8)}01`;

/** Carer pay: a staff member's delivered visits in a period, priced under their carer contract, line by line. */
export function CarerPayPage() {
  const me = useMe();
  const today = todayIn(me.organisation.timeZone);
  const staff = useDeliveringStaff();
  const [staffId, setStaffId] = useState<string | null>(null);
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const [query, setQuery] = useState<Query | null>(null);
  const pay = useQuery({
    queryKey: ['carer-pay', query],
    queryFn: () => api.get<CarerPay>(payPath(query as Query)),
    enabled: query !== null,
  });
  const report = pay.data;

  return (
    <Stack gap="md">
      <PageHeader
        title="Carer pay"
        description="Delivered visits priced under each carer's contract: hours, unsociable ranges, non-pro-rata rates and travel."
      />
      <Paper withBorder radius="md" p="md">
        <form
          aria-label="Carer pay period"
          onSubmit={(event) => {
            event.preventDefault();
            if (staffId && from && to) setQuery({ staffId, from, to });
          }}
        >
          <Group align="flex-end" gap="md" wrap="wrap">
            <Select
              label="Staff member"
              placeholder={staff.isPending ? 'Loading staff…' : 'Choose a carer'}
              searchable
              nothingFoundMessage={staff.isPending ? 'Loading staff…' : 'No staff member matches'}
              required
              w={280}
              data={(staff.data?.items ?? []).map((member) => ({
                value: member.id,
                label: fullName(member),
              }))}
              value={staffId}
              onChange={setStaffId}
            />
            <LocalDateInput label="From" required value={from} onChange={(value) => setFrom(value)} />
            <LocalDateInput label="To" required value={to} onChange={(value) => setTo(value)} />
            <Button type="submit" disabled={!staffId || !from || !to}>
              Show pay
            </Button>
          </Group>
        </form>
      </Paper>
      {pay.isError ? <ProblemAlert error={pay.error} title="Pay couldn't be worked out" /> : null}
      {pay.isFetching && !report ? <Skeleton height={200} /> : null}
      {report && query ? (
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">
              <strong>{report.staff.name}</strong>, {formatPlainDate(report.from)} –{' '}
              {formatPlainDate(report.to)} ({report.staff.timeZone}): {report.visits.length} visit
              {report.visits.length === 1 ? '' : 's'},{' '}
              <strong data-testid="pay-total">{formatMoney(report.totalMinor)}</strong>
            </Text>
            <Anchor href={`/api/v1${payPath(query, '.csv')}`} download>
              Export CSV
            </Anchor>
          </Group>
          {report.problems.length > 0 ? (
            <Alert color="orange" variant="light" title="Visits that could not be priced">
              <List size="sm">
                {report.problems.map((p) => (
                  <List.Item key={p.bookingId}>
                    {formatPlainDate(p.visitDate)} “{p.name}”:{' '}
                    {p.issues.map((i) => `${i.field} ${i.reason}`).join('; ')}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          {report.visits.length === 0 ? (
            <EmptyState title="No delivered visits in this period" />
          ) : (
            <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
              <Table aria-label="Pay lines" verticalSpacing="xs">
                <Table.Thead bg="gray.0">
                  <Table.Tr>
                    <Table.Th>Visit</Table.Th>
                    <Table.Th>Line</Table.Th>
                    <Table.Th ta="right">Minutes</Table.Th>
                    <Table.Th ta="right">Rate</Table.Th>
                    <Table.Th ta="right">Amount</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.visits.map((visit) => (
                    <Fragment key={visit.bookingId}>
                      {visit.lines.map((line, index) => (
                        <Table.Tr key={`${visit.bookingId}-${line.kind}-${line.explanation}`}>
                          <Table.Td>
                            {index === 0 ? (
                              <Stack gap={0}>
                                <Text size="sm" fw={600}>
                                  {formatPlainDate(visit.visitDate)} · {visit.name}
                                </Text>
                                <Anchor component={Link} to={`/clients/${visit.client.id}/profile`} size="xs">
                                  {visit.client.name}
                                </Anchor>
                              </Stack>
                            ) : null}
                          </Table.Td>
                          <Table.Td>
                            <Badge variant="light" color="gray" tt="none">
                              {LINE_KIND_LABEL[line.kind]}
                            </Badge>
                            <WhyThisPriceToggle line={line} />
                          </Table.Td>
                          <Table.Td ta="right">{line.minutes ?? '—'}</Table.Td>
                          <Table.Td ta="right">
                            {line.rateMinor === undefined ? '—' : formatMoney(line.rateMinor)}
                          </Table.Td>
                          <Table.Td ta="right">{formatMoney(line.amountMinor)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Fragment>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </Stack>
      ) : null}
    </Stack>
  );
}
