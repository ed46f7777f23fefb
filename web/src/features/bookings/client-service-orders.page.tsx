import { Button, Group, Modal, Skeleton, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Temporal } from 'temporal-polyfill';
import { useAuth } from '../../auth/auth-context';
import { EmptyState } from '../../shared/empty-state';
import { fullName } from '../../shared/format';
import { LoadMore } from '../../shared/load-more';
import { ProblemAlert } from '../../shared/problem-alert';
import { zoneAbbreviation } from '../../shared/time-zones';
import { useProfileClient } from '../clients/client-profile.layout';
import { BookingDrawer } from './booking-drawer';
import { BookingForm } from './booking-form';
import { useClientBookings, useCreateBooking } from './bookings-queries';
import { BookingsTable } from './bookings-table';

const CREATE_LABEL = '+ Create New Ad-hoc Booking';

export function ClientServiceOrdersPage() {
  const client = useProfileClient();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const query = useClientBookings(client.id);
  const create = useCreateBooking(client.id);
  const bookings = query.data?.pages.flatMap((page) => page.items) ?? [];
  const openBookingId = params.get('booking');
  const today = Temporal.Now.plainDateISO(client.timeZone).toString();

  const openBooking = (id: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('booking', id);
        else next.delete('booking');
        return next;
      },
      { replace: !id },
    );

  return (
    <section aria-labelledby="service-orders-title">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
        <div>
          <Title order={2} size="h3" id="service-orders-title">
            Service Orders
          </Title>
          <Text size="sm" c="gray.7">
            Ad-hoc bookings for {fullName(client)}, shown in {client.timeZone} (
            {zoneAbbreviation(client.timeZone)})
          </Text>
        </div>
        {can('bookings.write') ? <Button onClick={() => setCreating(true)}>{CREATE_LABEL}</Button> : null}
      </Group>

      {query.isError ? <ProblemAlert error={query.error} title="Service orders couldn't be loaded" /> : null}
      {query.isPending ? (
        <Skeleton height={200} radius="md" />
      ) : bookings.length === 0 && !query.isError ? (
        <EmptyState title="No service orders yet">
          One-off and occasional services for this client appear here once they're booked.
        </EmptyState>
      ) : bookings.length > 0 ? (
        <BookingsTable
          bookings={bookings}
          onOpen={(booking) => openBooking(booking.id)}
          label="Service orders"
        />
      ) : null}

      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={query.fetchNextPage}
        label="Load more service orders"
      />

      <Modal opened={creating} onClose={() => setCreating(false)} title="New ad-hoc booking" size="lg">
        <BookingForm
          booking={null}
          clientId={client.id}
          timeZone={client.timeZone}
          defaultDate={today}
          submitLabel="Create booking"
          onCancel={() => setCreating(false)}
          onSubmit={async (input, { delivered }) => {
            // One request: the server creates it completed (at its planned times) when it took place.
            const booking = await create.mutateAsync(delivered ? { ...input, delivered: true } : input);
            await query.refetch();
            notifications.show({
              color: 'brand',
              title: delivered ? 'Visit recorded' : 'Booking created',
              message: delivered
                ? `“${booking.name}” was recorded as delivered.`
                : `“${booking.name}” was booked.`,
            });
            setCreating(false);
          }}
        />
      </Modal>

      <BookingDrawer bookingId={openBookingId} onClose={() => openBooking(null)} />
    </section>
  );
}
