import { MultiSelect, Select, Stack, Text, Title } from '@mantine/core';
import { SessionProblem } from './session-problem';
import { type Resource, type Session, sessionsApi } from './sessions-api';
import { useResources, useSessionWrite } from './sessions-queries';

const KIND_WORDS: Record<Resource['kind'], string> = {
  site: 'site',
  room: 'room',
  bed: 'bed',
  vehicle: 'vehicle',
  equipment: 'equipment',
};

function options(resources: Resource[] | undefined) {
  return (resources ?? [])
    .filter((r) => r.kind === 'room' || r.kind === 'vehicle' || r.kind === 'equipment')
    .map((r) => ({ value: r.id, label: `${r.name} (${KIND_WORDS[r.kind]})` }));
}

/** The rooms, vehicles and equipment of a new session; the server refuses one booked elsewhere then. */
export function SessionResourcesField({
  value,
  onChange,
}: {
  value: string[];
  onChange: (resourceIds: string[]) => void;
}) {
  const resources = useResources();
  return (
    <MultiSelect
      label="Resources"
      description="A room, vehicle or equipment the session needs"
      placeholder={value.length ? undefined : resources.isPending ? 'Loading…' : 'Choose resources'}
      searchable
      nothingFoundMessage="No resource by that name"
      data={options(resources.data)}
      value={value}
      onChange={onChange}
    />
  );
}

/** A session's resources, and one more booked for it (a resource booked elsewhere then is refused). */
export function SessionResourcesSection({ session, canWrite }: { session: Session; canWrite: boolean }) {
  const resources = useResources();
  const add = useSessionWrite(session.id, (resourceId: string) =>
    sessionsApi.addResource(session.id, resourceId),
  );
  const booked = session.status === 'booked';
  if (session.resources.length === 0 && !(canWrite && booked)) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Resources
      </Title>
      {session.resources.length === 0 ? <Text size="sm">No room, vehicle or equipment booked.</Text> : null}
      <Stack gap={2} role="list" aria-label="Resources of the session">
        {session.resources.map((r) => (
          <Text key={r.participantId} size="sm" role="listitem">
            {r.name}
            {r.status === 'cancelled' ? ' · cancelled' : ''}
          </Text>
        ))}
      </Stack>
      {canWrite && booked ? (
        <Select
          label="Book a resource"
          placeholder="Choose a room, vehicle or equipment"
          w={280}
          searchable
          value={null}
          data={options(resources.data).filter(
            (o) => !session.resources.some((r) => r.resourceId === o.value),
          )}
          onChange={(resourceId) => resourceId && void add.mutateAsync(resourceId).catch(() => undefined)}
        />
      ) : null}
      {add.isError ? <SessionProblem error={add.error} title="The resource was not booked" /> : null}
    </Stack>
  );
}
