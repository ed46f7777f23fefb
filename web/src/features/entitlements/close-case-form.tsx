import { Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/api-client';
import { useConfirm } from '../../shared/confirm-dialog';
import { ProblemAlert } from '../../shared/problem-alert';
import type { CaseSummary } from './entitlements-api';

/** Closes the case with a reason (audited); a closed case takes no further bookings. */
export function CloseCaseForm({ summary }: { summary: CaseSummary }) {
  const [reason, setReason] = useState('');
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: () =>
      api.post(`/cases/${encodeURIComponent(summary.case.id)}/close`, { reason: reason.trim() }),
    onSuccess: async () => {
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      await queryClient.invalidateQueries({ queryKey: ['clients', summary.case.clientId] });
    },
  });
  const go = async () => {
    const yes = await confirm({
      title: 'Close this case?',
      message: `No further sessions can be booked on "${summary.case.issue}". Sessions already booked stay.`,
      confirmLabel: 'Close case',
      danger: true,
    });
    if (yes) close.mutate();
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Close the case
      </Title>
      {close.isError ? <ProblemAlert error={close.error} title="The case was not closed" /> : null}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          label="Reason for closing"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          w={320}
        />
        <Button color="red" variant="light" onClick={go} disabled={!reason.trim()} loading={close.isPending}>
          Close case
        </Button>
      </Group>
    </Stack>
  );
}
