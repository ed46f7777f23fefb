import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useId, useState } from 'react';

export type ActivityItem = { key: string; label: string };

let counter = 0;
/** A stable React key for an activity row (labels repeat and change while typing). */
export const newActivityKey = () => {
  counter += 1;
  return `activity-${counter}`;
};

export const toActivityItems = (labels: readonly string[]): ActivityItem[] =>
  labels.map((label) => ({ key: newActivityKey(), label }));

export const activityLabels = (items: readonly ActivityItem[]): string[] =>
  items.map((item) => item.label.trim()).filter((label) => label !== '');

type Props = {
  items: ActivityItem[];
  onChange: (items: ActivityItem[]) => void;
  /** Errors by position, e.g. from `steps.1.activities.0`. */
  errors?: Record<number, string | undefined>;
  /** Names the list for assistive technology, e.g. 'Activities for Intake call'. */
  label?: string;
  disabled?: boolean;
};

/** An ordered checklist being written: edit in place, add at the end, move up or down, remove. */
export function ActivitiesEditor({ items, onChange, errors = {}, label = 'Activities', disabled }: Props) {
  const [draft, setDraft] = useState('');
  const headingId = useId();
  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    onChange(next);
  };
  const add = () => {
    const value = draft.trim();
    if (!value) return;
    onChange([...items, { key: newActivityKey(), label: value }]);
    setDraft('');
  };

  return (
    <Stack gap={6} role="group" aria-labelledby={headingId}>
      <Text size="sm" id={headingId} style={{ fontWeight: 'var(--mantine-font-weight-medium)' }}>
        {label}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No activities yet.
        </Text>
      ) : (
        <Stack component="ol" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((item, index) => (
            <Group component="li" key={item.key} gap={6} wrap="nowrap" align="flex-start">
              <Text size="sm" c="dimmed" w={22} ta="right" pt={7} aria-hidden>
                {index + 1}.
              </Text>
              <TextInput
                aria-label={`Activity ${index + 1}`}
                value={item.label}
                error={errors[index]}
                disabled={disabled}
                style={{ flex: 1 }}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  onChange(
                    items.map((other) => (other.key === item.key ? { ...other, label: value } : other)),
                  );
                }}
              />
              <ActionIcon
                variant="default"
                size={36}
                aria-label={`Move activity ${index + 1} up`}
                disabled={disabled || index === 0}
                onClick={() => move(index, -1)}
              >
                ↑
              </ActionIcon>
              <ActionIcon
                variant="default"
                size={36}
                aria-label={`Move activity ${index + 1} down`}
                disabled={disabled || index === items.length - 1}
                onClick={() => move(index, 1)}
              >
                ↓
              </ActionIcon>
              <ActionIcon
                variant="default"
                size={36}
                c="red.9"
                aria-label={`Remove activity ${index + 1}`}
                disabled={disabled}
                onClick={() => onChange(items.filter((other) => other.key !== item.key))}
              >
                ✕
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
      {disabled ? null : (
        <Group gap={6} wrap="nowrap" align="flex-start" pl={28}>
          <TextInput
            aria-label="New activity"
            placeholder="Add an activity, e.g. Check smoke alarms"
            value={draft}
            style={{ flex: 1 }}
            onChange={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <Button variant="light" onClick={add} disabled={!draft.trim()}>
            Add activity
          </Button>
        </Group>
      )}
    </Stack>
  );
}
