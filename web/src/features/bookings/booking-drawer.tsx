import {
  Alert,
  Button,
  Divider,
  Drawer,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Booking } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { useConfirm } from '../../shared/confirm-dialog';
import { formatDuration, formatInstant, formatLocalTime, formatPlainDate, orDash } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { BookingPriceSection } from '../billing/why-this-price';
import { NotifyClientCheckbox } from '../notifications/notify-client-checkbox';
import { BookingForm } from './booking-form';
import { BookingStatusBadge } from './booking-status-badge';
import { summariseTimes } from './booking-time';
import { useBooking, useCancelBooking, useDeleteBooking, useUpdateBooking } from './bookings-queries';
import { CompleteVisitForm } from './complete-visit-form';

type Mode = 'view' | 'edit' | 'cancel' | 'complete';

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="gray.7" tt="uppercase" fw={600} lh={1.6}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function CancelForm({
  booking,
  onDone,
  onBack,
}: {
  booking: Booking;
  onDone: () => void;
  onBack: () => void;
}) {
  const cancel = useCancelBooking(booking.id);
  const [problem, setProblem] = useState<unknown>(null);
  const [notifyClient, setNotifyClient] = useState<boolean | undefined>(undefined);
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validateInputOnChange: true,
    validate: { reason: (value: string) => (value.trim() ? null : 'Give a reason for cancelling') },
  });
  return (
    <form
      aria-label="Cancel booking"
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setProblem(null);
        try {
          await cancel.mutateAsync({ reason: values.reason.trim(), notifyClient });
          notifications.show({
            color: 'brand',
            title: 'Booking cancelled',
            message: `“${booking.name}” was cancelled.`,
          });
          onDone();
        } catch (error) {
          applyServerErrors(error, form.setErrors, ['reason']);
          setProblem(error);
        }
      })}
    >
      <Stack gap="sm">
        <Title order={3} size="h4">
          Cancel this booking
        </Title>
        {problem ? <ProblemAlert error={problem} title="The booking couldn't be cancelled" /> : null}
        <Textarea
          label="Reason for cancelling"
          required
          autosize
          minRows={2}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        {booking.clientId ? (
          <NotifyClientCheckbox
            query={{ bookingId: booking.id }}
            value={notifyClient}
            onChange={setNotifyClient}
            what="the cancellation with a calendar update that removes the visit,"
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack}>
            Keep booking
          </Button>
          <Button type="submit" color="red.9" loading={form.submitting}>
            Cancel booking
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BookingDetails({ booking, onClose }: { booking: Booking; onClose: () => void }) {
  const { can, me } = useAuth();
  const [mode, setMode] = useState<Mode>('view');
  const [problem, setProblem] = useState<unknown>(null);
  const update = useUpdateBooking(booking.id);
  const remove = useDeleteBooking();
  const confirm = useConfirm();
  const canWrite = can('bookings.write');
  const summary = summariseTimes(
    booking.bookingDate,
    booking.startTime,
    booking.durationMinutes,
    booking.timeZone,
  );
  const viewerZone = me?.staff.timeZone ?? booking.timeZone;

  const setStatus = async (status: 'booked' | 'completed') => {
    setProblem(null);
    try {
      await update.mutateAsync({ status });
      notifications.show({
        color: 'brand',
        title: status === 'completed' ? 'Marked completed' : 'Booking reopened',
        message: `“${booking.name}” is now ${status}.`,
      });
    } catch (error) {
      setProblem(error);
    }
  };

  if (mode === 'edit') {
    return (
      <BookingForm
        key={booking.updatedAt}
        booking={booking}
        timeZone={booking.timeZone}
        submitLabel="Save changes"
        onCancel={() => setMode('view')}
        onSubmit={async (input) => {
          await update.mutateAsync(input);
          notifications.show({
            color: 'brand',
            title: 'Booking updated',
            message: `“${input.name}” was saved.`,
          });
          setMode('view');
        }}
      />
    );
  }

  return (
    <Stack gap="md">
      <Group gap="sm">
        <BookingStatusBadge status={booking.status} suspendedByLeave={booking.suspendedByLeave} />
        <Text size="sm" c="gray.7">
          {booking.timeZone}
        </Text>
      </Group>
      {problem ? <ProblemAlert error={problem} /> : null}
      {booking.seriesId ? (
        <Alert
          color="blue"
          variant="light"
          title="Occurrence of a scheduled service"
          data-testid="occurrence-note"
        >
          Editing or cancelling here changes this occurrence only
          {booking.isException ? '; it has already been edited on its own' : ''}. Change the whole series from
          the client's Scheduled services.
        </Alert>
      ) : null}
      {booking.conflictOverride && booking.status !== 'cancelled' ? (
        <Alert color="yellow" variant="light" title="Booked despite warnings" data-testid="conflict-override">
          {booking.conflictOverride.warnings.join('; ')}. Reason: {booking.conflictOverride.reason}
        </Alert>
      ) : null}
      {booking.suspendedByLeave ? (
        <Alert color="orange" variant="light" title="Suspended (leave)">
          The client is on leave; this visit is suspended and comes back if the leave is shortened or removed.
        </Alert>
      ) : booking.status === 'cancelled' && booking.cancellationReason ? (
        <Alert color="red" variant="light" title="Cancelled">
          {booking.cancellationReason}
        </Alert>
      ) : null}
      {booking.completion ? (
        <Detail label="Delivered">
          <span data-testid="booking-actual">
            {formatInstant(booking.completion.actualStart, booking.timeZone)} –{' '}
            {formatInstant(booking.completion.actualEnd, booking.timeZone)}
            {booking.completion.mileage !== null ? ` · ${booking.completion.mileage} km` : ''}
            {booking.completion.note ? ` · ${booking.completion.note}` : ''}
          </span>
        </Detail>
      ) : null}
      <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
        <Detail label="Booking date">{formatPlainDate(booking.bookingDate)}</Detail>
        <Detail label="Start time">
          <span data-testid="booking-start">
            {formatLocalTime(booking.startTime, booking.timeZone, booking.startsAt)}
          </span>
        </Detail>
        <Detail label="Duration">
          <span data-testid="booking-duration">{formatDuration(booking.durationMinutes)}</span>
        </Detail>
        <Detail label="Ends">
          {summary ? `${summary.end}${summary.endsNextDay ? ' (next day)' : ''}` : '—'}
        </Detail>
        <Detail label="Assignee">{booking.assignee?.name ?? 'Open shift'}</Detail>
        <Detail label="Created by">{booking.createdBy.name}</Detail>
      </SimpleGrid>
      <Detail label="Notes">
        <span style={{ whiteSpace: 'pre-wrap' }}>{orDash(booking.notes)}</span>
      </Detail>
      <Text size="xs" c="gray.7">
        Created {formatInstant(booking.createdAt, viewerZone)} · Updated{' '}
        {formatInstant(booking.updatedAt, viewerZone)}
      </Text>
      {can('contracts.manage') || can('billing.run') ? <BookingPriceSection bookingId={booking.id} /> : null}

      {canWrite && booking.status !== 'cancelled' ? (
        <>
          <Divider />
          {mode === 'cancel' ? (
            <CancelForm booking={booking} onBack={() => setMode('view')} onDone={() => setMode('view')} />
          ) : mode === 'complete' ? (
            <CompleteVisitForm
              booking={booking}
              showPrice={can('contracts.manage') || can('billing.run') || canWrite}
              onBack={() => setMode('view')}
              onDone={() => setMode('view')}
            />
          ) : (
            <Group gap="sm">
              <Button onClick={() => setMode('edit')}>Edit booking</Button>
              {booking.status === 'booked' ? (
                <Button variant="light" onClick={() => setMode('complete')}>
                  Complete visit…
                </Button>
              ) : (
                <>
                  <Button variant="light" onClick={() => setMode('complete')}>
                    Correct completion…
                  </Button>
                  <Button variant="light" loading={update.isPending} onClick={() => setStatus('booked')}>
                    Reopen
                  </Button>
                </>
              )}
              <Button variant="outline" color="red.9" onClick={() => setMode('cancel')}>
                Cancel booking…
              </Button>
            </Group>
          )}
        </>
      ) : null}
      {can('bookings.delete') ? (
        <Group justify="flex-end">
          <Button
            variant="subtle"
            color="red"
            size="xs"
            loading={remove.isPending}
            onClick={async () => {
              const ok = await confirm({
                title: `Delete “${booking.name}” permanently?`,
                message: "This can't be undone.",
                confirmLabel: 'Delete booking',
                danger: true,
              });
              if (!ok) return;
              try {
                await remove.mutateAsync(booking.id);
                notifications.show({
                  color: 'brand',
                  title: 'Booking deleted',
                  message: `“${booking.name}” was deleted.`,
                });
                onClose();
              } catch (error) {
                setProblem(error);
              }
            }}
          >
            Delete booking
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

type DrawerProps = {
  bookingId: string | null;
  onClose: () => void;
  /** Shown if the booking can't be fetched on its own (e.g. a worker without bookings.read). */
  fallback?: Booking | null;
};

export function BookingDrawer({ bookingId, onClose, fallback = null }: DrawerProps) {
  const query = useBooking(bookingId);
  const booking = query.data ?? (query.isError ? fallback : null);
  return (
    <Drawer
      opened={!!bookingId}
      onClose={onClose}
      position="right"
      size="lg"
      title={
        <Title order={2} size="h3">
          {booking?.name ?? 'Booking'}
        </Title>
      }
    >
      {booking ? (
        <BookingDetails key={booking.id} booking={booking} onClose={onClose} />
      ) : query.isError ? (
        <ProblemAlert error={query.error} title="This booking couldn't be loaded" />
      ) : (
        <Skeleton height={240} />
      )}
    </Drawer>
  );
}
