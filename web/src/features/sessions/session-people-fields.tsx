import { ActionIcon, Badge, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { fullName } from '../../shared/format';
import { ClientPicker } from '../clients/client-picker';
import { useDeliveringStaff } from '../scheduling/scheduling-queries';

export type PickedClient = { id: string; name: string };

/** The clients of a new session: picked one by one (the first is the lead); a visit takes one. */
export function SessionClientsField({
  value,
  onChange,
  single,
  capacity,
  error,
}: {
  value: PickedClient[];
  onChange: (clients: PickedClient[]) => void;
  single: boolean;
  capacity: number | null;
  error?: string | null;
}) {
  const [pickerKey, setPickerKey] = useState(0);
  const full = single ? value.length >= 1 : capacity !== null && value.length >= capacity;
  return (
    <Stack gap={6}>
      <ClientPicker
        key={pickerKey}
        label={single ? 'Client' : 'Add a client'}
        description={
          single
            ? undefined
            : `${value.length}${capacity ? ` of ${capacity}` : ''} places taken; the first client is the lead`
        }
        value={null}
        disabled={full}
        placeholder={
          full ? (single ? 'Remove the client to choose another' : 'The group is full') : undefined
        }
        error={error}
        onChange={(clientId, name) => {
          if (!clientId || value.some((c) => c.id === clientId)) return;
          onChange([...value, { id: clientId, name: name ?? '' }]);
          setPickerKey((k) => k + 1);
        }}
      />
      {value.length > 0 ? (
        <Group gap={6} aria-label="Clients of the session" role="list">
          {value.map((client, index) => (
            <Badge
              key={client.id}
              role="listitem"
              variant="light"
              size="lg"
              tt="none"
              rightSection={
                <ActionIcon
                  size="xs"
                  variant="transparent"
                  aria-label={`Remove ${client.name}`}
                  onClick={() => onChange(value.filter((c) => c.id !== client.id))}
                >
                  ✕
                </ActionIcon>
              }
            >
              {client.name}
              {index === 0 && !single ? ' (lead)' : ''}
            </Badge>
          ))}
        </Group>
      ) : (
        <Text size="xs" c="gray.7">
          No client yet.
        </Text>
      )}
    </Stack>
  );
}

/** The workers of a new session, in order: the first is the lead (the assignee). */
export function SessionWorkersField({
  value,
  onChange,
}: {
  value: string[];
  onChange: (staffIds: string[]) => void;
}) {
  const staff = useDeliveringStaff();
  return (
    <MultiSelect
      label="Workers"
      description="The first is the lead worker; leave empty for an open shift"
      placeholder={value.length ? undefined : 'Choose workers'}
      searchable
      data={(staff.data?.items ?? [])
        .filter((member) => member.active)
        .map((member) => ({ value: member.id, label: fullName(member) }))}
      value={value}
      onChange={onChange}
    />
  );
}
