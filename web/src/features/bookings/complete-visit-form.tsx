import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Temporal } from 'temporal-polyfill';
import { bookingsApi } from '../../api/endpoints';
import type { Booking, CompleteVisitInput } from '../../api/types';
import { formatMoney } from '../../shared/money';
import { ProblemAlert } from '../../shared/problem-alert';
import { localToInstant, summariseTimes } from './booking-time';
import { useCompleteVisit } from './bookings-queries';

const hhmm = (iso: string, zone: string) => {
  const z = Temporal.Instant.from(iso).toZonedDateTimeISO(zone);
  return `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
};

/**
 * The actual times as instants: both on the visit's date, the end on the next day when it is not after the
 * start (a visit over midnight). Null while a time is incomplete.
 */
function actualTimes(booking: Booking, start: string, end: string) {
  if (!/^\d{2}:\d{2}$/.test(start) || !/^\d{2}:\d{2}$/.test(end)) return null;
  const from = localToInstant(booking.bookingDate, start, booking.timeZone);
  const endDate =
    end <= start
      ? Temporal.PlainDate.from(booking.bookingDate).add({ days: 1 }).toString()
      : booking.bookingDate;
  const to = localToInstant(endDate, end, booking.timeZone);
  return from && to ? { actualStart: from.toString(), actualEnd: to.toString() } : null;
}

/**
 * Completing a visit (or correcting a completed one): actual start and end beside the planned times, mileage
 * and a note, and the price the server will bill for them (its preview; nothing is priced here).
 */
export function CompleteVisitForm({
  booking,
  showPrice,
  onDone,
  onBack,
}: {
  booking: Booking;
  showPrice: boolean;
  onDone: () => void;
  onBack: () => void;
}) {
  const planned = summariseTimes(
    booking.bookingDate,
    booking.startTime,
    booking.durationMinutes,
    booking.timeZone,
  );
  const done = booking.completion;
  const [start, setStart] = useState(done ? hhmm(done.actualStart, booking.timeZone) : booking.startTime);
  const [end, setEnd] = useState(hhmm(done ? done.actualEnd : booking.endsAt, booking.timeZone));
  const [mileage, setMileage] = useState<number | string>(done?.mileage ?? '');
  const [note, setNote] = useState(done?.note ?? '');
  const [problem, setProblem] = useState<unknown>(null);
  const complete = useCompleteVisit(booking.id);
  const times = actualTimes(booking, start, end);
  const input: CompleteVisitInput = {
    ...(times ?? {}),
    mileage: mileage === '' ? null : Number(mileage),
    note: note.trim() ? note.trim() : null,
  };
  const [debounced] = useDebouncedValue(input, 300);
  const preview = useQuery({
    queryKey: ['bookings', 'completion-preview', booking.id, debounced],
    queryFn: () => bookingsApi.completionPreview(booking.id, debounced),
    enabled: showPrice && times !== null,
  });

  const save = async () => {
    setProblem(null);
    try {
      await complete.mutateAsync(input);
      notifications.show({
        color: 'brand',
        title: done ? 'Completion corrected' : 'Visit completed',
        message: `“${booking.name}” ${start}–${end} was recorded.`,
      });
      onDone();
    } catch (error) {
      setProblem(error);
    }
  };

  const price = preview.data?.price;
  return (
    <Stack gap="sm" aria-label="Complete visit">
      {problem ? <ProblemAlert error={problem} title="The visit couldn't be completed" /> : null}
      <Text size="sm">
        Planned{' '}
        <strong data-testid="planned-times">{planned ? `${planned.start} – ${planned.end}` : '—'}</strong>
      </Text>
      <SimpleGrid cols={2}>
        <TimeInput label="Actual start" value={start} onChange={(e) => setStart(e.currentTarget.value)} />
        <TimeInput label="Actual end" value={end} onChange={(e) => setEnd(e.currentTarget.value)} />
      </SimpleGrid>
      {times === null ? (
        <Text size="xs" c="red.8">
          Enter both times as HH:MM
        </Text>
      ) : null}
      <NumberInput
        label="Mileage"
        min={0}
        max={10000}
        decimalScale={2}
        value={mileage}
        onChange={setMileage}
      />
      <Textarea
        label="Note"
        autosize
        minRows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      {showPrice ? (
        <Alert variant="light" color={preview.data?.problems.length ? 'yellow' : 'blue'} title="Price">
          {preview.isError ? (
            'The price could not be previewed.'
          ) : price ? (
            <span data-testid="completion-price">
              {formatMoney(price.totalMinor)} under {price.contract.name}
              {preview.data?.billOnActualTimes
                ? ', billed on the actual times'
                : ', billed on the planned times'}
            </span>
          ) : preview.data?.problems.length ? (
            preview.data.problems.map((p) => p.reason).join('; ')
          ) : (
            'Working it out…'
          )}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onBack}>
          Back
        </Button>
        <Button onClick={save} loading={complete.isPending} disabled={times === null}>
          {done ? 'Save correction' : 'Complete visit'}
        </Button>
      </Group>
    </Stack>
  );
}
