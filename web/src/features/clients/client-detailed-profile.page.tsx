import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Client } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { formatInstant, formatPlainDate, fullName, orDash } from '../../shared/format';
import { zoneAbbreviation } from '../../shared/time-zones';
import { NotificationPreferences } from '../notifications/notification-preferences';
import { ClientForm } from './client-form';
import { useProfileClient } from './client-profile.layout';
import { useUpdateClient } from './clients-queries';
import { locationBandLabel } from './location-band';

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="gray.7" tt="uppercase" fw={600} lh={1.6}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

function ClientDetails({ client }: { client: Client }) {
  const address = [client.addressLine1, client.addressLine2].filter(Boolean).join(', ');
  const locality = [client.suburb, client.state, client.postcode].filter(Boolean).join(' ');
  return (
    <Stack gap="lg">
      <section aria-labelledby="details-personal">
        <Title order={2} size="h4" id="details-personal" mb="sm">
          Personal details
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Field label="Given name" value={client.givenName} />
          <Field label="Family name" value={client.familyName} />
          <Field label="Preferred name" value={orDash(client.preferredName)} />
          <Field label="Date of birth" value={formatPlainDate(client.dateOfBirth)} />
          <Field label="NDIS number" value={orDash(client.ndisNumber)} />
          <Field label="Local authority reference" value={orDash(client.localAuthorityReference)} />
          <Field label="Status" value={client.status === 'active' ? 'Active' : 'Inactive'} />
        </SimpleGrid>
      </section>
      <section aria-labelledby="details-contact">
        <Title order={2} size="h4" id="details-contact" mb="sm">
          Contact and address
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Field label="E-mail" value={orDash(client.email)} />
          <Field label="Phone" value={orDash(client.phone)} />
          <Field label="Address" value={orDash(address)} />
          <Field label="Suburb, state, postcode" value={orDash(locality)} />
          <Field label="Country" value={orDash(client.country)} />
          <Field label="Time zone" value={`${client.timeZone} (${zoneAbbreviation(client.timeZone)})`} />
          <Field label="Location band" value={locationBandLabel(client.mmmBand)} />
        </SimpleGrid>
      </section>
      <section aria-labelledby="details-notes">
        <Title order={2} size="h4" id="details-notes" mb="sm">
          Notes
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {orDash(client.notes)}
        </Text>
      </section>
    </Stack>
  );
}

export function ClientDetailedProfilePage() {
  const client = useProfileClient();
  const { can, me } = useAuth();
  const [editing, setEditing] = useState(false);
  const update = useUpdateClient(client.id);
  const viewerZone = me?.staff.timeZone ?? client.timeZone;

  return (
    <>
      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" mb="md">
          <Title order={2} size="h3">
            Detailed Profile
          </Title>
          {can('clients.write') && !editing ? (
            <Button variant="light" onClick={() => setEditing(true)}>
              Edit profile
            </Button>
          ) : null}
        </Group>
        {editing ? (
          <ClientForm
            key={client.updatedAt}
            client={client}
            defaultTimeZone={client.timeZone}
            submitLabel="Save changes"
            onCancel={() => setEditing(false)}
            onSubmit={async (input) => {
              const saved = await update.mutateAsync(input);
              notifications.show({
                color: 'brand',
                title: 'Profile saved',
                message: `${fullName(saved)}'s details were updated.`,
              });
              setEditing(false);
            }}
          />
        ) : (
          <ClientDetails client={client} />
        )}
        <Text size="xs" c="gray.7" mt="xl">
          Created {formatInstant(client.createdAt, viewerZone)} · Last updated{' '}
          {formatInstant(client.updatedAt, viewerZone)}
        </Text>
      </Paper>
      <NotificationPreferences
        clientId={client.id}
        timeZone={client.timeZone}
        canWrite={can('clients.write')}
      />
    </>
  );
}
