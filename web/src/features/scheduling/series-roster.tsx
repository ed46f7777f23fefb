import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/api-client';
import type { components } from '../../api/openapi.gen';
import { formatPlainDate } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { bookingKeys } from '../bookings/bookings-queries';

type RosterEntry = components['schemas']['SeriesRosterEntry'];

const rosterKey = (seriesId: string) => ['series-roster', seriesId] as const;

/**
 * Who else takes part in a recurring session (its roster: clients, workers, resources beyond the lead client
 * and worker), each from and until a date; someone leaves from a date onward (the server takes them off the
 * booked sessions from then and leaves earlier ones as they were).
 */
export function SeriesRoster({ seriesId, canWrite }: { seriesId: string; canWrite: boolean }) {
  const roster = useQuery({
    queryKey: rosterKey(seriesId),
    queryFn: async () =>
      (await api.get<{ items: RosterEntry[] }>(`/scheduled-services/${encodeURIComponent(seriesId)}/roster`))
        .items,
  });
  const [leaving, setLeaving] = useState<RosterEntry | null>(null);
  if (!roster.data || roster.data.length === 0) return null;
  return (
    <Stack gap={2} mt={4} role="list" aria-label="Also taking part">
      {roster.data.map((entry) => (
        <Group key={entry.id} gap={6} role="listitem" wrap="nowrap">
          <Text size="xs">
            {entry.name}
            {entry.type === 'staff' ? ' (worker)' : entry.type === 'resource' ? ' (resource)' : ''} · from{' '}
            {formatPlainDate(entry.fromDate)}
            {entry.untilDate ? ` until ${formatPlainDate(entry.untilDate)}` : ''}
          </Text>
          {canWrite && entry.untilDate === null ? (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => setLeaving(entry)}
              aria-label={`Take ${entry.name} off`}
            >
              Take off…
            </Button>
          ) : null}
        </Group>
      ))}
      {leaving ? (
        <LeaveRosterModal seriesId={seriesId} entry={leaving} onClose={() => setLeaving(null)} />
      ) : null}
    </Stack>
  );
}

function LeaveRosterModal({
  seriesId,
  entry,
  onClose,
}: {
  seriesId: string;
  entry: RosterEntry;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [fromDate, setFromDate] = useState('');
  const remove = useMutation({
    mutationFn: () =>
      api.post<{ items: RosterEntry[]; sessionIds: string[] }>(
        `/scheduled-services/${encodeURIComponent(seriesId)}/roster/${encodeURIComponent(entry.id)}/remove`,
        { fromDate },
      ),
    onSuccess: async (result) => {
      queryClient.setQueryData(rosterKey(seriesId), result.items);
      await queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      notifications.show({
        color: 'brand',
        title: `${entry.name} taken off`,
        message: `From ${formatPlainDate(fromDate)}: off ${result.sessionIds.length} booked session${result.sessionIds.length === 1 ? '' : 's'}.`,
      });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Take ${entry.name} off the series`}>
      <form
        aria-label={`Take ${entry.name} off the series`}
        onSubmit={(event) => {
          event.preventDefault();
          remove.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            They come off every booked session from this date; earlier sessions, completed and cancelled ones
            stay as they are.
          </Text>
          <LocalDateInput label="No longer from" required value={fromDate} onChange={setFromDate} />
          {remove.isError ? <ProblemAlert error={remove.error} title="Nothing was changed" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red.9" loading={remove.isPending} disabled={!fromDate}>
              Take off
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
