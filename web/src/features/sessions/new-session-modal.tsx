import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { clientsApi } from '../../api/endpoints';
import { useMe } from '../../auth/auth-context';
import { LocalDateInput } from '../../shared/local-date-input';
import { zoneAbbreviation } from '../../shared/time-zones';
import { bookingKeys } from '../bookings/bookings-queries';
import { toClientLocal } from '../scheduling/calendar-time';
import { type Repeat, toRrule, weekdayOf } from '../scheduling/recurrence-text';
import { RepeatFields } from '../scheduling/repeat-fields';
import { useServiceTypes } from '../scheduling/scheduling-queries';
import { type PickedClient, SessionClientsField, SessionWorkersField } from './session-people-fields';
import { SessionProblem } from './session-problem';
import { SessionResourcesField } from './session-resources-section';
import { type ServiceDraft, SessionServicesFields, toServiceInputs } from './session-services-fields';
import { type SessionInput, sessionsApi } from './sessions-api';

export type NewSessionDefaults = {
  bookingDate?: string | null;
  startTime?: string;
  durationMinutes?: number;
  staffId?: string | null;
  client?: PickedClient | null;
  /** The zone the date and time are given in (the calendar's); the server takes the lead client's. */
  zone: string;
};

/**
 * A new individual appointment or group session: clients, workers, resources, services and tags, optionally
 * repeating.
 * The server decides everything (capacity, conflicts, contracts): its refusal is shown as it words it.
 */
export function NewSessionModal({
  defaults,
  onClose,
  onCreated,
}: {
  defaults: NewSessionDefaults;
  onClose: () => void;
  onCreated: (sessionId: string) => void;
}) {
  const me = useMe();
  const queryClient = useQueryClient();
  const serviceTypes = useServiceTypes();
  const [category, setCategory] = useState<'visit' | 'group'>('visit');
  const [name, setName] = useState('');
  const [bookingDate, setBookingDate] = useState(defaults.bookingDate ?? '');
  const [startTime, setStartTime] = useState(defaults.startTime ?? '09:00');
  const [duration, setDuration] = useState<number | ''>(defaults.durationMinutes ?? 60);
  const [capacity, setCapacity] = useState<number | ''>(8);
  const [clients, setClients] = useState<PickedClient[]>(defaults.client ? [defaults.client] : []);
  const [workers, setWorkers] = useState<string[]>(defaults.staffId ? [defaults.staffId] : []);
  const [resources, setResources] = useState<string[]>([]);
  const [services, setServices] = useState<ServiceDraft[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [repeats, setRepeats] = useState(false);
  const [repeat, setRepeat] = useState<Repeat>({ frequency: 'weekly', interval: 1, weekdays: [] });
  const [endDate, setEndDate] = useState('');
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const group = category === 'group';
  const lead = clients[0] ?? null;
  const leadClient = useQuery({
    queryKey: ['clients', 'one', lead?.id],
    queryFn: () => clientsApi.get(lead!.id),
    enabled: lead !== null,
  });
  const clientZone = leadClient.data?.timeZone ?? defaults.zone;
  const local =
    bookingDate && /^\d{2}:\d{2}$/.test(startTime)
      ? toClientLocal(`${bookingDate}T${startTime}`, defaults.zone, clientZone)
      : null;

  const submit = async () => {
    setProblem(null);
    const weekdays = repeat.weekdays.length
      ? repeat.weekdays
      : [weekdayOf(bookingDate)].filter((d) => d !== null);
    const input: SessionInput = {
      category,
      name: name.trim(),
      bookingDate: local?.bookingDate ?? bookingDate,
      startTime: local?.startTime ?? startTime,
      durationMinutes: Number(duration),
      capacity: group ? Number(capacity) : null,
      clients: clients.map((client) => ({ clientId: client.id, contractId: null })),
      workers: workers.map((staffId) => ({ staffId })),
      resources: resources.map((resourceId) => ({ resourceId })),
      services: toServiceInputs(services),
      serviceTypeIds: tags,
      notes: notes.trim() || null,
      recurrence: repeats ? { rrule: toRrule({ ...repeat, weekdays }), endDate: endDate || null } : null,
    };
    setBusy(true);
    try {
      const created = await sessionsApi.create(input);
      await queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      const skipped = created.occurrences.filter((o) => o.result !== 'done').length;
      notifications.show({
        color: skipped ? 'orange' : 'brand',
        title: group ? 'Group session created' : 'Appointment created',
        message: `“${created.session.name}”${created.occurrences.length ? `: ${created.occurrences.length - skipped} sessions booked` : ''}${skipped ? `, ${skipped} not (see the series)` : ''}.`,
      });
      onCreated(created.session.id);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={group ? 'New group session' : 'New appointment'} size="xl">
      <form
        aria-label={group ? 'New group session' : 'New appointment'}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <SegmentedControl
            aria-label="Kind of session"
            value={category}
            onChange={(value) => setCategory(value === 'group' ? 'group' : 'visit')}
            data={[
              { value: 'visit', label: 'Individual appointment' },
              { value: 'group', label: 'Group session' },
            ]}
          />
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Group grow align="flex-start">
            <LocalDateInput label="Date" required value={bookingDate} onChange={setBookingDate} />
            <TimeInput
              label="Start time"
              required
              value={startTime}
              onChange={(e) => setStartTime(e.currentTarget.value)}
            />
            <NumberInput
              label="Duration (minutes)"
              required
              min={1}
              max={1440}
              value={duration}
              onChange={(v) => setDuration(v === '' ? '' : Number(v))}
            />
            {group ? (
              <NumberInput
                label="Places"
                required
                min={1}
                value={capacity}
                onChange={(v) => setCapacity(v === '' ? '' : Number(v))}
              />
            ) : null}
          </Group>
          <Text size="xs" c="gray.7" data-testid="session-zone-note">
            Times in {defaults.zone} ({zoneAbbreviation(defaults.zone)})
            {lead && clientZone !== defaults.zone && local
              ? ` · ${lead.name}'s zone is ${clientZone}: ${local.startTime} ${zoneAbbreviation(clientZone)} there`
              : ''}
            {me.timeZone !== defaults.zone ? ` · your zone is ${me.timeZone}` : ''}
          </Text>
          <SessionClientsField
            value={clients}
            onChange={setClients}
            single={!group}
            capacity={group && capacity !== '' ? capacity : null}
          />
          <SessionWorkersField value={workers} onChange={setWorkers} />
          <SessionResourcesField value={resources} onChange={setResources} />
          <SessionServicesFields
            value={services}
            onChange={setServices}
            clients={clients}
            defaultRatio={group ? Math.min(8, Math.max(1, clients.length)) : 1}
          />
          <MultiSelect
            label="Service types"
            placeholder={tags.length ? undefined : 'Tags, e.g. Social support'}
            data={(serviceTypes.data ?? []).map((type) => ({ value: type.id, label: type.name }))}
            value={tags}
            onChange={setTags}
            required={repeats}
            description={repeats ? 'A repeating session needs at least one' : undefined}
          />
          <Checkbox
            label="Repeats"
            checked={repeats}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setRepeats(on);
              const day = weekdayOf(bookingDate);
              if (on && repeat.weekdays.length === 0 && day) setRepeat({ ...repeat, weekdays: [day] });
            }}
          />
          {repeats ? (
            <Group grow align="flex-start">
              <RepeatFields value={repeat} onChange={setRepeat} />
              <LocalDateInput label="Ends on" value={endDate} onChange={setEndDate} />
            </Group>
          ) : null}
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          {problem ? (
            <SessionProblem
              error={problem}
              title={group ? 'The group was not created' : 'The appointment was not created'}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {group ? 'Create group session' : 'Create appointment'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
