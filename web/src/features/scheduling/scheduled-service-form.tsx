import {
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { Client } from '../../api/types';
import { formatPlainDate, fullName } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { zoneAbbreviation } from '../../shared/time-zones';
import { ContractSelect, IN_FORCE } from '../contracts/contract-select';
import { splitZoned, todayIn } from './calendar-time';
import { describeRule, type Repeat, toRrule, weekdayOf } from './recurrence-text';
import { RepeatFields } from './repeat-fields';
import type { PreviewInput, ScheduledServiceInput } from './scheduling-api';
import { useDeliveringStaff, useOccurrencePreview, useServiceTypes } from './scheduling-queries';

export const OPEN_SHIFT = 'open';

type Values = {
  serviceTypeId: string | null;
  name: string;
  startDate: string;
  startTime: string;
  repeat: Repeat;
  endDate: string;
  durationMinutes: number | string;
  staffId: string;
  notes: string;
  contractId: string;
};

const FIELDS = [
  'serviceTypeId',
  'name',
  'startDate',
  'startTime',
  'repeat',
  'endDate',
  'durationMinutes',
  'staffId',
  'notes',
  'contractId',
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/** The next occurrences of the rule being entered, in the client's zone. */
function OccurrencePreview({ input, timeZone }: { input: PreviewInput | null; timeZone: string }) {
  const preview = useOccurrencePreview(input);
  return (
    <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-gray-0)">
      <Title order={3} size="h5" mb={4} id="occurrence-preview-title">
        Next occurrences
      </Title>
      <Text size="xs" c="gray.7" mb="xs">
        In the client's time zone, {timeZone} ({zoneAbbreviation(timeZone)})
      </Text>
      {!input ? (
        <Text size="sm" c="gray.7">
          Fill in the start date, time, repeat and duration to see when this service happens.
        </Text>
      ) : preview.isError ? (
        <ProblemAlert error={preview.error} title="No preview for this rule" />
      ) : !preview.data ? (
        <Skeleton height={120} />
      ) : preview.data.occurrences.length === 0 ? (
        <Text size="sm">This rule gives no occurrences.</Text>
      ) : (
        <List
          size="sm"
          spacing={2}
          aria-labelledby="occurrence-preview-title"
          data-testid="occurrence-preview"
          style={{ opacity: preview.isPlaceholderData ? 0.5 : 1 }}
        >
          {preview.data.occurrences.map((occurrence) => {
            const start = splitZoned(occurrence.startsAt, preview.data.timeZone);
            const end = splitZoned(occurrence.endsAt, preview.data.timeZone);
            return (
              <List.Item key={occurrence.startsAt}>
                {formatPlainDate(start.date)}, {start.time}–{end.time} {start.zone}
              </List.Item>
            );
          })}
        </List>
      )}
    </Paper>
  );
}

type Props = {
  client: Client;
  onSubmit: (input: ScheduledServiceInput) => Promise<unknown>;
  onCancel: () => void;
};

/** New scheduled service: what, when and how often, who; with a live preview of the next occurrences. */
export function ScheduledServiceForm({ client, onSubmit, onCancel }: Props) {
  const [problem, setProblem] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState<'draft' | 'active' | null>(null);
  // Until the weekdays are chosen by hand, they follow the start date's weekday.
  const [daysChosen, setDaysChosen] = useState(false);
  const serviceTypes = useServiceTypes();
  const staff = useDeliveringStaff();
  const today = todayIn(client.timeZone);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      serviceTypeId: null,
      name: '',
      startDate: today,
      startTime: '09:00',
      repeat: { frequency: 'weekly', interval: 1, weekdays: [weekdayOf(today) ?? 'MO'] },
      endDate: '',
      durationMinutes: 60,
      staffId: OPEN_SHIFT,
      notes: '',
      contractId: IN_FORCE,
    },
    validate: {
      serviceTypeId: (value) => (value ? null : 'Choose a service type'),
      name: (value) => (value.trim() ? null : 'Name is required'),
      startDate: (value) => (DATE.test(value) ? null : 'Pick the first day'),
      startTime: (value) => (TIME.test(value) ? null : 'Enter the start time'),
      repeat: (value) =>
        value.frequency === 'weekly' && value.weekdays.length === 0 ? 'Choose at least one day' : null,
      endDate: (value, values) =>
        value && (!DATE.test(value) || value < values.startDate) ? 'Ends on or after the start date' : null,
      durationMinutes: (value) => {
        const minutes = Number(value);
        return value !== '' && Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440
          ? null
          : 'Between 1 and 1440 minutes';
      },
    },
  });

  const v = form.values;
  const ready =
    DATE.test(v.startDate) &&
    TIME.test(v.startTime) &&
    (v.repeat.frequency === 'monthly' || v.repeat.weekdays.length > 0) &&
    Number.isInteger(Number(v.durationMinutes)) &&
    Number(v.durationMinutes) >= 1 &&
    Number(v.durationMinutes) <= 1440 &&
    (!v.endDate || (DATE.test(v.endDate) && v.endDate >= v.startDate));
  const [previewInput] = useDebouncedValue<PreviewInput | null>(
    ready
      ? {
          clientId: client.id,
          startDate: v.startDate,
          startTime: v.startTime,
          rrule: toRrule(v.repeat),
          endDate: v.endDate || null,
          durationMinutes: Number(v.durationMinutes),
          count: 6,
        }
      : null,
    300,
  );

  const submit = (status: 'draft' | 'active') =>
    form.onSubmit(async (values) => {
      setProblem(null);
      setSubmitting(status);
      try {
        await onSubmit({
          serviceTypeId: values.serviceTypeId ?? '',
          name: values.name.trim(),
          startDate: values.startDate,
          startTime: values.startTime,
          rrule: toRrule(values.repeat),
          endDate: values.endDate || null,
          durationMinutes: Number(values.durationMinutes),
          staffId: values.staffId === OPEN_SHIFT ? null : values.staffId,
          notes: values.notes.trim() || null,
          contractId: values.contractId === IN_FORCE ? null : values.contractId,
          status,
        });
      } catch (error) {
        applyServerErrors(error, form.setErrors, FIELDS, { rrule: 'repeat' });
        setProblem(error);
      } finally {
        setSubmitting(null);
      }
    })();

  const staffOptions = [
    { value: OPEN_SHIFT, label: 'Open shift (no one yet)' },
    ...(staff.data?.items ?? [])
      .filter((member) => member.active)
      .map((member) => ({ value: member.id, label: fullName(member) })),
  ];

  return (
    <form
      aria-label="New scheduled service"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit('active');
      }}
    >
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          {problem ? <ProblemAlert error={problem} title="The scheduled service couldn't be saved" /> : null}
          <Select
            label="Service type"
            required
            data-autofocus
            placeholder={serviceTypes.isPending ? 'Loading…' : 'Choose'}
            data={(serviceTypes.data ?? [])
              .filter((type) => type.active)
              .map((type) => ({ value: type.id, label: type.name }))}
            {...form.getInputProps('serviceTypeId')}
            onChange={(value) => {
              form.setFieldValue('serviceTypeId', value);
              const type = serviceTypes.data?.find((t) => t.id === value);
              if (type && !form.values.name.trim()) form.setFieldValue('name', type.name);
            }}
          />
          <TextInput
            label="Name"
            required
            placeholder="e.g. Morning personal care"
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={3}>
            <LocalDateInput
              label="Start date"
              required
              {...form.getInputProps('startDate')}
              onChange={(value) => {
                const startDate = value;
                form.setFieldValue('startDate', startDate);
                const day = weekdayOf(startDate);
                if (!daysChosen && day)
                  form.setFieldValue('repeat', { ...form.values.repeat, weekdays: [day] });
              }}
            />
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
          <RepeatFields
            value={v.repeat}
            onChange={(repeat) => {
              setDaysChosen(true);
              form.setFieldValue('repeat', repeat);
            }}
            error={form.errors.repeat}
          />
          <LocalDateInput
            label="End date"
            description="Optional: leave empty to keep it going"
            {...form.getInputProps('endDate')}
          />
          <Select
            label="Assignee"
            allowDeselect={false}
            searchable
            data={staffOptions}
            nothingFoundMessage="No one matches"
            {...form.getInputProps('staffId')}
          />
          <ContractSelect
            clientId={client.id}
            value={form.values.contractId}
            onChange={(v) => form.setFieldValue('contractId', v)}
            error={form.errors.contractId}
          />
          <Textarea label="Notes" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
        </Stack>
        <Stack gap="sm">
          {ready ? (
            <Text size="sm" fw={600} data-testid="rule-summary">
              {describeRule(toRrule(v.repeat), v.startTime, v.startDate)}
            </Text>
          ) : null}
          <OccurrencePreview input={previewInput} timeZone={client.timeZone} />
        </Stack>
      </SimpleGrid>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button variant="light" loading={submitting === 'draft'} onClick={() => void submit('draft')}>
          Save as draft
        </Button>
        <Button type="submit" loading={submitting === 'active'}>
          Save and activate
        </Button>
      </Group>
    </form>
  );
}
