import { Checkbox, Group, Select, Stack } from '@mantine/core';
import { type Repeat, WEEKDAYS, type WeekdayCode } from './recurrence-text';

const INTERVALS = [
  { value: '1', label: 'Every week' },
  { value: '2', label: 'Every 2 weeks' },
  { value: '3', label: 'Every 3 weeks' },
  { value: '4', label: 'Every 4 weeks' },
];

/** Weekly on chosen weekdays every 1–4 weeks, or monthly on the start date's day of the month. */
export function RepeatFields({
  value,
  onChange,
  error,
}: {
  value: Repeat;
  onChange: (next: Repeat) => void;
  error?: React.ReactNode;
}) {
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <Select
          label="Repeat"
          allowDeselect={false}
          data={[
            { value: 'weekly', label: 'Weekly' },
            { value: 'monthly', label: 'Monthly, on the same date' },
          ]}
          value={value.frequency}
          onChange={(frequency) =>
            onChange({ ...value, frequency: frequency === 'monthly' ? 'monthly' : 'weekly', interval: 1 })
          }
        />
        {value.frequency === 'weekly' ? (
          <Select
            label="Frequency"
            allowDeselect={false}
            data={INTERVALS}
            value={String(value.interval)}
            onChange={(interval) => onChange({ ...value, interval: Number(interval ?? '1') })}
          />
        ) : null}
      </Group>
      {value.frequency === 'weekly' ? (
        <Checkbox.Group
          label="On"
          value={value.weekdays}
          onChange={(weekdays) => onChange({ ...value, weekdays: weekdays as WeekdayCode[] })}
          error={error}
          required
        >
          <Group gap="md" mt={4}>
            {WEEKDAYS.map((day) => (
              <Checkbox key={day.code} value={day.code} label={day.short} aria-label={day.label} />
            ))}
          </Group>
        </Checkbox.Group>
      ) : null}
    </Stack>
  );
}
