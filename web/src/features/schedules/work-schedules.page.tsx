import { Badge, Button, Card, Divider, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useMe } from '../../auth/auth-context';
import { useConfirm } from '../../shared/confirm-dialog';
import { formatMoney } from '../../shared/money';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { BreaksSection, HolidayRegion } from './breaks-section';
import { FindATime } from './find-a-time';
import { ScheduleEditor } from './schedule-editor';
import { typeLabel, useRemoveSchedule, useSchedules, WEEKDAYS, type WorkSchedule } from './schedules-api';

/** `/staff/:staffId/schedules` for managers; `/my-schedule` for the signed-in associate. */
export function WorkSchedulesPage() {
  const me = useMe();
  const { staffId = me.staff.id } = useParams();
  const own = staffId === me.staff.id;
  const schedules = useSchedules(staffId);
  const remove = useRemoveSchedule(staffId);
  const confirm = useConfirm();
  const [editing, setEditing] = useState<WorkSchedule | 'new' | null>(null);
  const data = schedules.data;
  return (
    <>
      <PageHeader
        title={own ? 'My schedule' : 'Work schedules'}
        description="When you are available, what each schedule pays, breaks and public holidays"
        actions={<Button onClick={() => setEditing('new')}>New schedule</Button>}
      />
      {schedules.isError ? (
        <ProblemAlert error={schedules.error} title="The schedules couldn't be loaded" />
      ) : null}
      {remove.isError ? <ProblemAlert error={remove.error} title="The schedule was not removed" /> : null}
      {schedules.isPending ? <Skeleton height={160} /> : null}
      {data ? (
        <Stack gap="lg">
          <Stack gap="sm">
            {data.items.length === 0 ? <Text size="sm">No work schedules yet.</Text> : null}
            {data.items.map((s) => (
              <Card key={s.id} withBorder padding="sm" aria-label={`Schedule ${s.name}`}>
                <Group justify="space-between" wrap="wrap">
                  <Group gap="xs">
                    <Text fw={600}>{s.name}</Text>
                    <Badge variant="light">{typeLabel(s.type)}</Badge>
                    {s.active ? null : <Badge color="gray">Inactive</Badge>}
                    <Text size="sm">{formatMoney(s.payRateMinor)} per hour</Text>
                  </Group>
                  <Group gap="xs">
                    <Button size="xs" variant="light" onClick={() => setEditing(s)}>
                      Edit
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={async () => {
                        if (
                          await confirm({
                            title: `Remove ${s.name}?`,
                            message: 'Bookings already made stay.',
                            confirmLabel: 'Remove schedule',
                            danger: true,
                          })
                        )
                          remove.mutate(s.id);
                      }}
                    >
                      Remove
                    </Button>
                  </Group>
                </Group>
                <Text size="sm" mt={4}>
                  {s.lines.length === 0
                    ? 'No lines'
                    : s.lines.map((l) => `${WEEKDAYS[l.weekday - 1]} ${l.startsAt}–${l.endsAt}`).join(' · ')}
                </Text>
              </Card>
            ))}
            <Text size="xs" c="gray.7">
              Times in {data.timeZone}.
            </Text>
          </Stack>
          <HolidayRegion staffId={staffId} region={data.holidayRegion} />
          <Divider />
          <BreaksSection staffId={staffId} timeZone={data.timeZone} />
          <Divider />
          <FindATime staffId={staffId} />
        </Stack>
      ) : null}
      {editing && data ? (
        <ScheduleEditor
          staffId={staffId}
          timeZone={data.timeZone}
          schedule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
