import {
  Autocomplete,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Skeleton,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useConfirm } from '../../shared/confirm-dialog';
import { EmptyState } from '../../shared/empty-state';
import { formatPlainDate } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import type { CalendarDay, CalendarDayKind } from './contracts-api';
import { useAddCalendarDay, useCalendarDays, useRemoveCalendarDay } from './contracts-queries';

export const DAY_KIND_NAMES: Record<CalendarDayKind, string> = {
  public_holiday: 'Public holiday',
  special_day: 'Special day',
};
const KIND_OPTIONS = (Object.keys(DAY_KIND_NAMES) as CalendarDayKind[]).map((value) => ({
  value,
  label: DAY_KIND_NAMES[value],
}));

type Values = { region: string; date: string; kind: CalendarDayKind; name: string };

/** The regions' public holidays and special days: a client's region decides which apply to their visits. */
export function CalendarDaysSection() {
  const days = useCalendarDays();
  const add = useAddCalendarDay();
  const remove = useRemoveCalendarDay();
  const [problem, setProblem] = useState<unknown>(null);
  const [filter, setFilter] = useState<string | null>(null);
  const items = days.data ?? [];
  const regions = [...new Set(items.map((d) => d.region))].sort();
  const shown = filter ? items.filter((d) => d.region === filter) : items;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { region: '', date: '', kind: 'public_holiday', name: '' },
    validate: {
      region: (v) => (v.trim() ? null : 'Enter a region, e.g. NSW'),
      date: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'Pick a date'),
      name: (v) => (v.trim() ? null : 'Enter a name'),
    },
  });

  const confirm = useConfirm();
  const removeDay = async (day: CalendarDay) => {
    const ok = await confirm({
      title: `Remove ${day.name} (${formatPlainDate(day.date)}) from ${day.region}'s calendar?`,
      confirmLabel: 'Remove day',
      danger: true,
    });
    if (!ok) return;
    setProblem(null);
    try {
      await remove.mutateAsync(day.id);
      notifications.show({ color: 'brand', title: 'Day removed', message: `${day.name} was removed.` });
    } catch (error) {
      setProblem(error);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="calendars-title">
      <Title order={2} size="h4" id="calendars-title">
        Public holidays and special days
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Per region. Unsociable ranges for public holidays and special days use the calendar of the client's
        region (set on the client's Contracts tab).
      </Text>
      <form
        aria-label="Add a calendar day"
        noValidate
        onSubmit={form.onSubmit(async (values, event) => {
          event?.preventDefault();
          setProblem(null);
          try {
            const saved = await add.mutateAsync({
              region: values.region.trim(),
              date: values.date,
              kind: values.kind,
              name: values.name.trim(),
            });
            notifications.show({
              color: 'brand',
              title: 'Day added',
              message: `${saved.name} on ${formatPlainDate(saved.date)} for ${saved.region}.`,
            });
            form.setValues({ ...values, date: '', name: '' });
          } catch (error) {
            applyServerErrors(error, form.setErrors, ['region', 'date', 'kind', 'name']);
            setProblem(error);
          }
        })}
      >
        <Grid align="flex-end" mb="md">
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <Autocomplete
              label="Region"
              required
              data={regions}
              placeholder="e.g. NSW"
              {...form.getInputProps('region')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <LocalDateInput label="Date" required {...form.getInputProps('date')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Select label="Kind" data={KIND_OPTIONS} allowDeselect={false} {...form.getInputProps('kind')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <TextInput
              label="Day name"
              required
              placeholder="e.g. Anzac Day"
              {...form.getInputProps('name')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 2 }}>
            <Button type="submit" fullWidth loading={add.isPending}>
              Add day
            </Button>
          </Grid.Col>
        </Grid>
      </form>
      {problem ? <ProblemAlert error={problem} title="The calendar couldn't be changed" /> : null}
      {days.isError ? <ProblemAlert error={days.error} title="Calendars couldn't be loaded" /> : null}
      {regions.length > 1 ? (
        <Select
          label="Show region"
          data={regions}
          clearable
          placeholder="All regions"
          value={filter}
          onChange={setFilter}
          w={220}
          mb="sm"
        />
      ) : null}
      {days.isPending ? (
        <Skeleton height={120} />
      ) : shown.length === 0 && !days.isError ? (
        <EmptyState title="No public holidays or special days yet">
          Add the public holidays of each region you work in, and any special days (e.g. Christmas Eve) that
          attract their own rate.
        </EmptyState>
      ) : shown.length > 0 ? (
        <Table.ScrollContainer minWidth={560} type="native">
          <Table aria-label="Calendar days">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Region</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...shown]
                .sort((a, b) =>
                  a.date === b.date ? a.region.localeCompare(b.region) : a.date < b.date ? -1 : 1,
                )
                .map((day) => (
                  <Table.Tr key={day.id}>
                    <Table.Td>{formatPlainDate(day.date)}</Table.Td>
                    <Table.Td>{day.region}</Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={day.kind === 'public_holiday' ? 'blue' : 'grape'}
                        tt="none"
                      >
                        {DAY_KIND_NAMES[day.kind]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{day.name}</Table.Td>
                    <Table.Td>
                      <Group justify="flex-end">
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          c="red.9"
                          aria-label={`Remove ${day.name} (${day.region}, ${formatPlainDate(day.date)})`}
                          loading={remove.isPending && remove.variables === day.id}
                          onClick={() => removeDay(day)}
                        >
                          Remove
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Paper>
  );
}
