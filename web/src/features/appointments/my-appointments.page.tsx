import { Skeleton } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../shared/empty-state';
import { LoadMore } from '../../shared/load-more';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { BookingDrawer } from '../bookings/booking-drawer';
import { useMyAppointments } from '../bookings/bookings-queries';
import { BookingsTable } from '../bookings/bookings-table';

export function MyAppointmentsPage() {
  const query = useMyAppointments();
  const [openId, setOpenId] = useState<string | null>(null);
  const bookings = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader title="My bookings" description="Bookings assigned to you, in each client's time zone" />
      {query.isError ? <ProblemAlert error={query.error} title="Your bookings couldn't be loaded" /> : null}
      {query.isPending ? (
        <Skeleton height={200} radius="md" />
      ) : bookings.length === 0 && !query.isError ? (
        <EmptyState title="No bookings for you yet">Bookings assigned to you will appear here.</EmptyState>
      ) : bookings.length > 0 ? (
        <BookingsTable bookings={bookings} onOpen={(booking) => setOpenId(booking.id)} label="My bookings" />
      ) : null}
      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={query.fetchNextPage}
      />
      <BookingDrawer
        bookingId={openId}
        onClose={() => setOpenId(null)}
        fallback={bookings.find((booking) => booking.id === openId) ?? null}
      />
    </>
  );
}
