import {
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMemo, useState } from 'react';
import { Temporal } from 'temporal-polyfill';
import { type ApiError, isApiError, softConflictsOf } from '../../api/problem';
import type { AssigneeType, Booking, BookingInput } from '../../api/types';
import { formatPlainDate } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { zoneAbbreviation } from '../../shared/time-zones';
import { ContractSelect, IN_FORCE } from '../contracts/contract-select';
import { NotifyClientCheckbox } from '../notifications/notify-client-checkbox';
import { localToInstant, summariseTimes } from './booking-time';
import { useAssigneeOptions } from './bookings-queries';
import { ConflictAlert } from './conflict-alert';
import { SoftConflictAlert } from './soft-conflict-alert';

type BookingFormValues = {
  name: string;
  bookingDate: string;
  startTime: string;
  durationMinutes: number | string;
  assignee: string | null;
  notes: string;
  contractId: string;
};

const FIELDS = [
  'name',
  'bookingDate',
  'startTime',
  'durationMinutes',
  'assignee',
  'notes',
  'contractId',
] as const;

const encodeAssignee = (assignee: { type: AssigneeType; id: string } | null) =>
  assignee ? `${assignee.type}:${assignee.id}` : null;

function decodeAssignee(value: string | null): BookingInput['assignee'] {
  if (!value) return null;
  const separator = value.indexOf(':');
  const type = value.slice(0, separator);
  if (type !== 'staff' && type !== 'provider') return null;
  return { type, id: value.slice(separator + 1) };
}

type Props = {
  booking: Booking | null;
  /** The client whose contracts are offered (the booking's, when editing). */
  clientId?: string;
  timeZone: string;
  defaultDate?: string;
  submitLabel: string;
  /** `delivered`: the visit is in the past and the person confirmed it took place (record it as completed). */
  onSubmit: (input: BookingInput, options: { delivered: boolean }) => Promise<unknown>;
  onCancel: () => void;
};

export function BookingForm({
  booking,
  clientId,
  timeZone,
  defaultDate = '',
  submitLabel,
  onSubmit,
  onCancel,
}: Props) {
  const [problem, setProblem] = useState<unknown>(null);
  /** Set once the server has named soft conflicts: the next save sends the reason to go ahead. */
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  /** A new booking that starts before now waits for the person to say whether the visit took place. */
  const [pastPrompt, setPastPrompt] = useState(false);
  /** The "notify the client" box, once the person changed it (else the server's rule applies). */
  const [notifyClient, setNotifyClient] = useState<boolean | undefined>(undefined);
  const assignees = useAssigneeOptions(true);
  const form = useForm<BookingFormValues>({
    mode: 'controlled',
    initialValues: {
      name: booking?.name ?? '',
      bookingDate: booking?.bookingDate ?? defaultDate,
      startTime: booking?.startTime ?? '',
      durationMinutes: booking?.durationMinutes ?? 60,
      assignee: encodeAssignee(booking?.assignee ?? null),
      notes: booking?.notes ?? '',
      contractId: booking?.contractId ?? IN_FORCE,
    },
    validateInputOnChange: true,
    validate: {
      name: (value) =>
        value.trim()
          ? value.length > 200
            ? 'Keep the name under 200 characters'
            : null
          : 'Name is required',
      bookingDate: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : 'Pick the booking date'),
      startTime: (value, values) => {
        if (!/^\d{2}:\d{2}$/.test(value)) return 'Enter the start time';
        if (
          /^\d{4}-\d{2}-\d{2}$/.test(values.bookingDate) &&
          !localToInstant(values.bookingDate, value, timeZone)
        ) {
          return 'That time does not exist in this time zone';
        }
        return null;
      },
      durationMinutes: (value) => {
        const minutes = typeof value === 'number' ? value : Number(value);
        if (value === '' || !Number.isInteger(minutes)) return 'Enter the duration in whole minutes';
        if (minutes < 1) return 'At least 1 minute';
        if (minutes > 24 * 60) return 'At most 24 hours (1440 minutes)';
        return null;
      },
    },
  });

  const assigneeData = useMemo(() => {
    const staff = assignees.staff.map((member) => ({
      value: `staff:${member.id}`,
      label: `${member.givenName} ${member.familyName}`,
    }));
    const providers = assignees.providers.map((provider) => ({
      value: `provider:${provider.id}`,
      label: provider.name,
    }));
    const current = booking?.assignee;
    if (current) {
      const value = `${current.type}:${current.id}`;
      const list = current.type === 'staff' ? staff : providers;
      if (!list.some((item) => item.value === value)) list.unshift({ value, label: current.name });
    }
    return [
      { group: 'Staff', items: staff },
      { group: 'External providers', items: providers },
    ].filter((group) => group.items.length > 0);
  }, [assignees.staff, assignees.providers, booking?.assignee]);

  const { bookingDate, startTime, durationMinutes } = form.values;
  const summary = summariseTimes(bookingDate, startTime, Number(durationMinutes), timeZone);
  const zoneHint = `${timeZone} (${zoneAbbreviation(timeZone, localToInstant(bookingDate, startTime || '12:00', timeZone)?.toString() ?? new Date())})`;

  const startsInPast = (values: BookingFormValues) => {
    const start = localToInstant(values.bookingDate, values.startTime, timeZone);
    return booking === null && start !== null && Temporal.Instant.compare(start, Temporal.Now.instant()) < 0;
  };

  const save = async (values: BookingFormValues, delivered: boolean) => {
    setProblem(null);
    if (warnings && !reason.trim()) {
      setReasonError('Say why the booking should go ahead');
      return;
    }
    setReasonError(null);
    try {
      await onSubmit(
        {
          name: values.name.trim(),
          bookingDate: values.bookingDate,
          startTime: values.startTime,
          durationMinutes: Number(values.durationMinutes),
          assignee: decodeAssignee(values.assignee),
          notes: values.notes.trim() ? values.notes.trim() : null,
          contractId: values.contractId === IN_FORCE ? null : values.contractId,
          ...(warnings ? { overrideReason: reason.trim() } : {}),
          ...(notifyClient === undefined ? {} : { notifyClient }),
        },
        { delivered },
      );
      setPastPrompt(false);
    } catch (error) {
      setPastPrompt(false);
      const soft = softConflictsOf(error);
      if (soft) {
        setWarnings(soft);
        return;
      }
      applyServerErrors(error, form.setErrors, FIELDS, { assignee: 'assignee', startsAt: 'startTime' });
      setProblem(error);
    }
  };

  const submit = form.onSubmit(async (values) => {
    if (startsInPast(values) && !pastPrompt) {
      setPastPrompt(true);
      return;
    }
    await save(values, false);
  });

  const conflict = isApiError(problem) && problem.status === 409 ? (problem as ApiError) : null;

  return (
    <form onSubmit={submit} noValidate aria-label={booking ? 'Edit booking' : 'New ad-hoc booking'}>
      <Stack gap="md">
        {conflict ? (
          <ConflictAlert error={conflict} />
        ) : problem ? (
          <ProblemAlert error={problem} title="The booking couldn't be saved" />
        ) : null}
        <TextInput
          label="Name"
          placeholder="e.g. Podiatry visit"
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <LocalDateInput label="Booking date" required {...form.getInputProps('bookingDate')} />
          <TimeInput label="Start time" required {...form.getInputProps('startTime')} />
          <NumberInput
            label="Duration (minutes)"
            required
            min={1}
            max={1440}
            step={15}
            clampBehavior="none"
            {...form.getInputProps('durationMinutes')}
          />
        </SimpleGrid>
        <Text size="sm" c="gray.7" data-testid="booking-time-hint">
          Times are in the client's time zone, {zoneHint}.
          {summary
            ? ` Runs ${summary.start} – ${summary.end}${summary.endsNextDay ? ' (next day)' : ''}.`
            : ''}
        </Text>
        <Select
          label="Assignee"
          placeholder={assignees.loading ? 'Loading staff and providers…' : 'Open shift (no one yet)'}
          description="Staff who deliver services, or an external provider"
          data={assigneeData}
          searchable
          clearable
          nothingFoundMessage="No one matches"
          {...form.getInputProps('assignee')}
        />
        {assignees.error && assigneeData.length === 0 ? (
          <ProblemAlert error={assignees.error} title="Assignees couldn't be loaded" />
        ) : null}
        {(clientId ?? booking?.clientId) ? (
          <ContractSelect
            clientId={(clientId ?? booking?.clientId)!}
            value={form.values.contractId}
            onChange={(v) => form.setFieldValue('contractId', v)}
            error={form.errors.contractId}
          />
        ) : null}
        <Textarea label="Notes" autosize minRows={2} maxRows={8} {...form.getInputProps('notes')} />
        {booking || clientId ? (
          <NotifyClientCheckbox
            query={booking ? { bookingId: booking.id } : { clientId: clientId! }}
            value={notifyClient}
            onChange={setNotifyClient}
            what={
              booking
                ? 'a change notice with an updated calendar invitation (when the time changes), and the reminder,'
                : 'a confirmation with a calendar invitation, and a reminder before the visit,'
            }
          />
        ) : null}
        {warnings ? (
          <SoftConflictAlert
            warnings={warnings}
            reason={reason}
            onReasonChange={setReason}
            reasonError={reasonError}
          />
        ) : null}
        {pastPrompt ? (
          <Alert
            color="yellow"
            styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
            variant="light"
            title="This visit is in the past"
            role="alertdialog"
            aria-label="This visit is in the past"
          >
            <Text size="sm">
              {formatPlainDate(bookingDate)} at {startTime} has already passed. Record it as delivered (the
              visit took place and is ready to bill), or save it as booked and complete it later?
            </Text>
            <Group mt="sm" gap="sm">
              <Button size="xs" onClick={() => save(form.values, true)} loading={form.submitting}>
                Record as delivered
              </Button>
              <Button size="xs" variant="default" onClick={() => save(form.values, false)}>
                Save as booked
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setPastPrompt(false)}>
                Change the date
              </Button>
            </Group>
          </Alert>
        ) : (
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {warnings ? `${submitLabel} anyway` : submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
