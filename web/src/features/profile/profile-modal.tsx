import { Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/api-client';
import type { Me } from '../../api/types';
import { ME_KEY, useMe } from '../../auth/auth-context';
import { ProblemAlert } from '../../shared/problem-alert';
import { TimeZoneSelect } from '../../shared/time-zone-select';
import { zoneAbbreviation } from '../../shared/time-zones';

type ProfilePatch = { timeZone: string | null };

/** "Your profile": the signed-in user's own time zone, which calendars show times in by default. */
export function ProfileModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const orgZone = me.organisation.timeZone;
  const [follow, setFollow] = useState(me.user.timeZone === null);
  const [zone, setZone] = useState<string | null>(me.user.timeZone ?? orgZone);
  const save = useMutation({
    mutationFn: (patch: ProfilePatch) => api.patch<Me>('/me', patch),
    onSuccess: (updated) => {
      queryClient.setQueryData(ME_KEY, updated);
      // Every calendar reads its zone from here: refetch what they show.
      void queryClient.invalidateQueries({ queryKey: ['bookings'] });
    },
  });

  const submit = async () => {
    const timeZone = follow ? null : zone;
    const updated = await save.mutateAsync({ timeZone });
    notifications.show({
      color: 'brand',
      title: 'Profile saved',
      message: `Calendars now show times in ${updated.timeZone} (${zoneAbbreviation(updated.timeZone)}).`,
    });
    onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Your profile">
      <form
        aria-label="Your profile"
        onSubmit={(event) => {
          event.preventDefault();
          void submit().catch(() => undefined);
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {me.staff.givenName} {me.staff.familyName} · {me.user.email}
          </Text>
          <Radio.Group
            label="Time zone for calendars"
            description="Times are shown in this zone; a client's own zone is shown beside where it differs."
            value={follow ? 'organisation' : 'own'}
            onChange={(value) => setFollow(value === 'organisation')}
          >
            <Stack gap={6} mt={6}>
              <Radio
                value="organisation"
                label={`The organisation's: ${orgZone} (${zoneAbbreviation(orgZone)})`}
              />
              <Radio value="own" label="My own" />
            </Stack>
          </Radio.Group>
          {follow ? null : (
            <TimeZoneSelect
              label="My time zone"
              value={zone}
              onChange={setZone}
              allowDeselect={false}
              required
            />
          )}
          {save.isError ? <ProblemAlert error={save.error} title="Your profile wasn't saved" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!follow && !zone}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
