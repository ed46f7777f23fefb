import {
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ProblemAlert } from '../../shared/problem-alert';
import { type NotificationPreference, notificationsApi, type PreferenceInput } from './notifications-api';
import { formatInstantIn } from './outbox-format';

const EMPTY: PreferenceInput = {
  recipient: 'contact',
  contactName: '',
  email: '',
  phone: '',
  channel: 'email',
  timeZone: null,
  optedIn: true,
  quietStart: '',
  quietEnd: '',
};

const blank = (v: string | null) => (v?.trim() ? v.trim() : null);

function describe(p: NotificationPreference) {
  const who = p.recipient === 'client' ? 'The client' : p.contactName;
  const where = p.channel === 'email' ? (p.email ?? "client's e-mail") : (p.phone ?? "client's phone");
  return `${who} · ${p.channel === 'email' ? 'E-mail' : 'SMS'} · ${where}`;
}

/**
 * Who hears about the client's bookings: the client by e-mail unless opted out here, by SMS once opted in,
 * and contacts once opted in; each with quiet hours in their zone.
 */
export function NotificationPreferences({
  clientId,
  timeZone,
  canWrite,
}: {
  clientId: string;
  timeZone: string;
  canWrite: boolean;
}) {
  const queryClient = useQueryClient();
  const key = ['notification-preferences', clientId];
  const prefs = useQuery({ queryKey: key, queryFn: () => notificationsApi.preferences(clientId) });
  const [draft, setDraft] = useState<PreferenceInput>(EMPTY);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: () =>
      notificationsApi.addPreference(clientId, {
        ...draft,
        contactName: draft.recipient === 'contact' ? blank(draft.contactName) : null,
        email: blank(draft.email),
        phone: blank(draft.phone),
        quietStart: blank(draft.quietStart),
        quietEnd: blank(draft.quietEnd),
      }),
    onSuccess: () => {
      setDraft(EMPTY);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => notificationsApi.removePreference(clientId, id),
    onSuccess: () => void refresh(),
  });
  const set = (patch: Partial<PreferenceInput>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <Paper withBorder radius="md" p="lg" mt="md">
      <Title order={2} size="h3" mb="xs">
        Notifications
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Without a preference, the client is e-mailed at their address. SMS and contacts need an opt-in.
      </Text>
      <ProblemAlert error={prefs.error} />
      <Table aria-label="Notification preferences" mb="md">
        <Table.Tbody>
          {(prefs.data ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{describe(p)}</Table.Td>
              <Table.Td>
                {p.optedInAt
                  ? `Opted in ${formatInstantIn(p.optedInAt, p.timeZone ?? timeZone)}`
                  : 'Opted out'}
              </Table.Td>
              <Table.Td>{p.quietStart ? `Quiet ${p.quietStart}–${p.quietEnd}` : 'No quiet hours'}</Table.Td>
              <Table.Td>
                {canWrite && (
                  <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(p.id)}>
                    Remove
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canWrite && (
        <form
          aria-label="Add a notification preference"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Who"
              value={draft.recipient}
              onChange={(v) => set({ recipient: (v ?? 'contact') as PreferenceInput['recipient'] })}
              data={[
                { value: 'client', label: 'The client' },
                { value: 'contact', label: 'A contact' },
              ]}
              allowDeselect={false}
            />
            <Select
              label="Channel"
              value={draft.channel}
              onChange={(v) => set({ channel: (v ?? 'email') as PreferenceInput['channel'] })}
              data={[
                { value: 'email', label: 'E-mail' },
                { value: 'sms', label: 'SMS' },
              ]}
              allowDeselect={false}
            />
            {draft.recipient === 'contact' && (
              <TextInput
                label="Contact name"
                value={draft.contactName ?? ''}
                onChange={(e) => set({ contactName: e.currentTarget.value })}
              />
            )}
            {draft.channel === 'email' ? (
              <TextInput
                label="E-mail"
                description={draft.recipient === 'client' ? "Blank: the client's address" : undefined}
                value={draft.email ?? ''}
                onChange={(e) => set({ email: e.currentTarget.value })}
              />
            ) : (
              <TextInput
                label="Mobile"
                description={draft.recipient === 'client' ? "Blank: the client's phone" : undefined}
                value={draft.phone ?? ''}
                onChange={(e) => set({ phone: e.currentTarget.value })}
              />
            )}
            <TextInput
              label="Quiet from (HH:MM)"
              value={draft.quietStart ?? ''}
              onChange={(e) => set({ quietStart: e.currentTarget.value })}
            />
            <TextInput
              label="Quiet until (HH:MM)"
              value={draft.quietEnd ?? ''}
              onChange={(e) => set({ quietEnd: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Group mt="sm" justify="space-between">
            <Checkbox
              label="Agreed to receive these messages (the time is recorded)"
              checked={draft.optedIn}
              onChange={(e) => set({ optedIn: e.currentTarget.checked })}
            />
            <Button type="submit" variant="light" loading={add.isPending}>
              Add preference
            </Button>
          </Group>
          <ProblemAlert error={add.error ?? remove.error} />
        </form>
      )}
    </Paper>
  );
}
