import { ActionIcon, Badge, Checkbox, Group, Radio, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ATTENDANCE, type Draft, useRebookingParticipants } from './rebooking-api';

const WHO_ELSE: Record<Exclude<Draft['attendance'], 'individual'>, string> = {
  couple: 'A couple session has one other participant.',
  family: 'Add the family members who attend.',
  group: 'Add the other clients in the group.',
};

/** Step 6: attendance and, for a couple, family or group, who else attends; "Appointment confirmed". */
export function AttendanceStep({
  caseId,
  draft,
  set,
}: {
  caseId: string | null;
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
}) {
  return (
    <Stack gap="sm">
      <Radio.Group
        label="Attendance"
        value={draft.attendance}
        onChange={(v) => set({ attendance: v as Draft['attendance'] })}
      >
        <Stack gap="xs" mt="xs">
          {ATTENDANCE.map((a) => (
            <Radio key={a.value} value={a.value} label={a.label} />
          ))}
        </Stack>
      </Radio.Group>
      {draft.attendance !== 'individual' ? (
        <OtherParticipants
          caseId={caseId}
          hint={WHO_ELSE[draft.attendance]}
          value={draft.participants}
          onChange={(participants) => set({ participants })}
        />
      ) : null}
      <Checkbox
        label="Appointment confirmed"
        checked={draft.confirmed}
        onChange={(e) => set({ confirmed: e.currentTarget.checked })}
      />
    </Stack>
  );
}

type Person = { id: string; name: string };

function OtherParticipants({
  caseId,
  hint,
  value,
  onChange,
}: {
  caseId: string | null;
  hint: string;
  value: Person[];
  onChange: (next: Person[]) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useRebookingParticipants(caseId, debounced);
  const options = (found.data?.items ?? [])
    .filter((p) => !value.some((v) => v.id === p.id))
    .map((p) => ({ value: p.id, label: p.name }));
  return (
    <Stack gap={6}>
      <Select
        label="Add a participant"
        description={hint}
        placeholder="Search by name"
        searchable
        data={options}
        value={null}
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options: all }) => all}
        nothingFoundMessage={found.isFetching ? 'Searching…' : 'No client matches'}
        onChange={(id, option) => {
          if (!id || !option) return;
          onChange([...value, { id, name: option.label }]);
          setSearch('');
        }}
      />
      {value.length > 0 ? (
        <Group gap={6} aria-label="Other participants" role="list">
          {value.map((p) => (
            <Badge
              key={p.id}
              role="listitem"
              variant="light"
              size="lg"
              tt="none"
              rightSection={
                <ActionIcon
                  size="xs"
                  variant="transparent"
                  aria-label={`Remove ${p.name}`}
                  onClick={() => onChange(value.filter((v) => v.id !== p.id))}
                >
                  ✕
                </ActionIcon>
              }
            >
              {p.name}
            </Badge>
          ))}
        </Group>
      ) : (
        <Text size="xs" c="gray.7">
          Nobody else yet.
        </Text>
      )}
    </Stack>
  );
}
