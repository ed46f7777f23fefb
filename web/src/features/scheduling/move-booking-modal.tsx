import { Alert, Anchor, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { bookingsApi } from '../../api/endpoints';
import { softConflictsOf } from '../../api/problem';
import type { Booking, BookingPatch } from '../../api/types';
import { formatPlainDate } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { zoneAbbreviation } from '../../shared/time-zones';
import { SoftConflictAlert } from '../bookings/soft-conflict-alert';
import { type SeriesEditInput, schedulingApi } from './scheduling-api';
import { useEditSeries } from './scheduling-queries';
import { PreviewThenConfirm } from './series-modals';

/** A drop on the bookings calendar, already turned into the client's local date and time. */
export type BookingMove = {
  booking: Booking;
  bookingDate: string;
  startTime: string;
  /** undefined: same row; null: the unassigned row; else the staff member dropped on. */
  staffId: string | null | undefined;
  staffLabel: string | null;
};

type Scope = 'occurrence' | 'following' | 'series';

export function movePatch(move: BookingMove, overrideReason?: string): BookingPatch {
  const patch: BookingPatch = { bookingDate: move.bookingDate, startTime: move.startTime };
  if (move.staffId !== undefined)
    patch.assignee = move.staffId === null ? null : { type: 'staff', id: move.staffId };
  if (overrideReason) patch.overrideReason = overrideReason;
  return patch;
}

/**
 * Confirms a drag on the bookings calendar: the scope for a series occurrence (a move to another day can only
 * be this occurrence, since the series' days come from its repeat rule), a preview for series scopes, and a
 * reason when the move raises soft conflicts.
 */
export function MoveBookingModal({
  move,
  initialWarnings = null,
  onClose,
  onMoved,
}: {
  move: BookingMove;
  initialWarnings?: string[] | null;
  onClose: () => void;
  onMoved: (title: string, message: string) => void;
}) {
  const { booking } = move;
  const isSeries = booking.seriesId !== null && booking.seriesId !== undefined;
  const sameDay = move.bookingDate === booking.bookingDate;
  const [scope, setScope] = useState<Scope>('occurrence');
  const [confirmingSeries, setConfirmingSeries] = useState(false);
  const [warnings, setWarnings] = useState<string[] | null>(initialWarnings);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editSeries = useEditSeries(booking.clientId);
  // Warnings and a refusing overlap are shown before the user confirms, not after.
  const preview = useQuery({
    queryKey: ['bookings', 'move-preview', booking.id, move.bookingDate, move.startTime, move.staffId],
    queryFn: () => bookingsApi.previewChange(booking.id, movePatch(move)),
    enabled: initialWarnings === null,
    gcTime: 0,
    staleTime: 0,
  });
  const shownWarnings = warnings ?? (preview.data?.softConflicts.length ? preview.data.softConflicts : null);
  const refusal = preview.data?.conflict ?? null;
  const zone = zoneAbbreviation(booking.timeZone);
  const where = `${formatPlainDate(move.bookingDate)} at ${move.startTime} ${zone}${
    move.staffId === undefined
      ? ''
      : move.staffId === null
        ? ', as an open shift'
        : `, with ${move.staffLabel}`
  }`;

  const seriesInput = (): SeriesEditInput => {
    const changes = {
      startTime: move.startTime,
      ...(move.staffId !== undefined ? { staffId: move.staffId } : {}),
    };
    return scope === 'following'
      ? { scope: 'following', fromDate: booking.bookingDate, changes }
      : { scope: 'series', changes };
  };

  const moveOne = async () => {
    if (shownWarnings && !reason.trim()) {
      setReasonError('Say why the booking should move despite the warnings');
      return;
    }
    setBusy(true);
    setProblem(null);
    setReasonError(null);
    try {
      await bookingsApi.update(booking.id, movePatch(move, shownWarnings ? reason.trim() : undefined));
      onMoved(
        isSeries ? 'Occurrence moved' : 'Booking moved',
        `“${booking.name}” is now on ${where} (client's time).`,
      );
    } catch (error) {
      const soft = softConflictsOf(error);
      if (soft) setWarnings(soft);
      else setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  const title = isSeries ? 'Move a scheduled occurrence' : 'Move this booking?';
  return (
    <Modal opened onClose={onClose} title={title} size={confirmingSeries ? 'xl' : 'md'}>
      {confirmingSeries ? (
        <PreviewThenConfirm
          previewKey={['scheduled-services', 'drag-preview', booking.seriesId, seriesInput()]}
          loadPreview={() => schedulingApi.edit(booking.seriesId ?? '', seriesInput(), true)}
          confirmLabel={scope === 'following' ? 'Change this and following' : 'Change the whole series'}
          onConfirm={() => editSeries.mutateAsync({ seriesId: booking.seriesId ?? '', input: seriesInput() })}
          timeZone={booking.timeZone}
          onBack={() => setConfirmingSeries(false)}
          onDone={() =>
            onMoved('Scheduled service changed', `“${booking.name}” now starts at ${move.startTime} ${zone}.`)
          }
          doneMessage="Scheduled service changed"
        />
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            Move “{booking.name}” to {where}?
          </Text>
          {isSeries ? (
            <Radio.Group
              label="Which occurrences?"
              value={scope}
              onChange={(value) => setScope(value as Scope)}
            >
              <Stack gap={6} mt={6}>
                <Radio value="occurrence" label="This occurrence only" />
                <Radio
                  value="following"
                  label="This and following occurrences"
                  disabled={!sameDay}
                  description={sameDay ? 'The series is split here' : undefined}
                />
                <Radio
                  value="series"
                  label="All future occurrences of the series"
                  disabled={!sameDay}
                  description={sameDay ? 'Occurrences edited on their own are kept as they are' : undefined}
                />
              </Stack>
            </Radio.Group>
          ) : null}
          {isSeries && !sameDay ? (
            <Text size="xs" c="gray.7">
              A move to another day changes this occurrence only. To change the days of the series, edit its
              repeat rule in{' '}
              <Anchor component={Link} to={`/clients/${booking.clientId}/care-plans`} size="xs">
                the client's Scheduled services
              </Anchor>
              .
            </Text>
          ) : null}
          {problem ? <ProblemAlert error={problem} title="The booking was not moved" /> : null}
          {refusal && scope === 'occurrence' ? (
            <Alert color="orange" variant="light" title="This time clashes with another booking" role="alert">
              {refusal.detail}
            </Alert>
          ) : null}
          {shownWarnings && scope === 'occurrence' ? (
            <SoftConflictAlert
              warnings={shownWarnings}
              reason={reason}
              onReasonChange={setReason}
              reasonError={reasonError}
            />
          ) : null}
          {scope !== 'occurrence' ? (
            <Alert color="blue" variant="light">
              You'll see a preview of every occurrence that changes before anything is saved.
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            {scope === 'occurrence' ? (
              <Button
                loading={busy || preview.isFetching}
                disabled={refusal !== null}
                onClick={() => void moveOne()}
              >
                {shownWarnings ? 'Move anyway' : isSeries ? 'Move this occurrence' : 'Move'}
              </Button>
            ) : (
              <Button onClick={() => setConfirmingSeries(true)}>Preview the change</Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
