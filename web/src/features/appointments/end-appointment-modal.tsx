import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../shared/problem-alert';
import { type Appointment, type EndInput, useEndAppointment } from './quick-view-api';

export type Ending = { appointment: Appointment; kind: 'cancel' | 'no_show' };

/**
 * Cancel (with or without charge) or record a no-show. With charge is offered only when the server says a
 * cancellation now is less than 24 hours before; the case's rules then decide whether a session is used.
 */
export function EndAppointmentModal({ ending, onClose }: { ending: Ending | null; onClose: () => void }) {
  const end = useEndAppointment();
  const [charge, setCharge] = useState<'cancelled_charged' | 'cancelled_free'>('cancelled_free');
  const [reason, setReason] = useState('');
  const close = () => {
    end.reset();
    setReason('');
    setCharge('cancelled_free');
    onClose();
  };
  if (!ending) return <Modal opened={false} onClose={close} title="" />;
  const { appointment: a, kind } = ending;
  const noShow = kind === 'no_show';
  return (
    <Modal
      opened
      onClose={close}
      title={noShow ? `No-show: ${a.clientName ?? a.name}` : `Cancel: ${a.clientName ?? a.name}`}
    >
      <Stack
        component="form"
        aria-label={noShow ? 'Record a no-show' : 'Cancel appointment'}
        gap="sm"
        onSubmit={(e) => {
          e.preventDefault();
          const input: EndInput = { kind: noShow ? 'no_show' : charge, reason };
          end.mutate({ bookingId: a.bookingId, input }, { onSuccess: close });
        }}
      >
        {!noShow ? (
          <Radio.Group
            label="Charge"
            value={charge}
            onChange={(v) => setCharge(v as typeof charge)}
            description={
              a.chargeableCancellation
                ? 'Less than 24 hours before the start: a cancellation may be charged'
                : 'More than 24 hours before the start: no charge'
            }
          >
            <Stack gap={6} mt={6}>
              <Radio value="cancelled_free" label="Without charge" />
              <Radio value="cancelled_charged" label="With charge" disabled={!a.chargeableCancellation} />
            </Stack>
          </Radio.Group>
        ) : (
          <Text size="sm">The client did not attend. The case's rules decide whether a session is used.</Text>
        )}
        <Textarea
          label="Reason"
          withAsterisk
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <ProblemAlert error={end.error} title="This couldn't be recorded" />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Back
          </Button>
          <Button type="submit" color="red" loading={end.isPending}>
            {noShow ? 'Record no-show' : 'Cancel appointment'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
