import { Button, Group, NumberInput, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import {
  useAppointmentSettings,
  useRebookingSettings,
  useSaveAppointmentSettings,
  useSaveRebookingSettings,
} from './appointment-settings-api';

/** The organisation's rules for the associate's day: the retrospective window and the overdue flag. */
export function AppointmentSettingsPage() {
  const rebooking = useRebookingSettings();
  const appointments = useAppointmentSettings();
  const saveRebooking = useSaveRebookingSettings();
  const saveAppointments = useSaveAppointmentSettings();
  return (
    <>
      <PageHeader
        title="Appointment settings"
        description="How far back a session may be entered, and when an appointment not completed is flagged."
      />
      <Stack gap="md" maw={640}>
        {rebooking.data ? (
          <DaysForm
            name="Retrospective bookings"
            field="retrospectiveDays"
            label="Retrospective window (days)"
            description="The rebooking wizard enters a session that happened but was not recorded up to this many days after it (30 by default)."
            max={365}
            initial={rebooking.data.retrospectiveDays}
            save={saveRebooking}
          />
        ) : rebooking.isPending ? (
          <Skeleton height={160} radius="md" />
        ) : (
          <ProblemAlert error={rebooking.error} title="The rebooking settings couldn’t be loaded" />
        )}
        {appointments.data ? (
          <DaysForm
            name="Overdue appointments"
            field="overdueAfterDays"
            label="Flag an appointment not completed after (days)"
            description="Quick View and the Today board flag it to the associate and the coordinator (7 by default)."
            max={90}
            initial={appointments.data.overdueAfterDays}
            save={saveAppointments}
          />
        ) : appointments.isPending ? (
          <Skeleton height={160} radius="md" />
        ) : (
          <ProblemAlert error={appointments.error} title="The Quick View settings couldn’t be loaded" />
        )}
      </Stack>
    </>
  );
}

type Field = 'retrospectiveDays' | 'overdueAfterDays';

/** One setting, saved on its own (each is its own API resource, so a save never half-succeeds). */
function DaysForm<F extends Field>({
  name,
  field,
  label,
  description,
  max,
  initial,
  save,
}: {
  name: string;
  field: F;
  label: string;
  description: string;
  max: number;
  initial: number;
  save: { mutateAsync: (input: Record<F, number>) => Promise<unknown>; isPending: boolean };
}) {
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<{ days: number | string }>({ mode: 'controlled', initialValues: { days: initial } });
  return (
    <Paper withBorder radius="md" p="md">
      <form
        noValidate
        aria-label={name}
        onSubmit={form.onSubmit(async (values) => {
          setProblem(null);
          setSaved(false);
          try {
            await save.mutateAsync({ [field]: Number(values.days) } as Record<F, number>);
            setSaved(true);
          } catch (error) {
            applyServerErrors(error, form.setErrors, ['days'], { [field]: 'days' });
            setProblem(error);
          }
        })}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {name}
          </Title>
          {problem ? <ProblemAlert error={problem} title={`${name}: not saved`} /> : null}
          <NumberInput
            label={label}
            description={description}
            min={1}
            max={max}
            allowDecimal={false}
            w={{ base: '100%', sm: 360 }}
            {...form.getInputProps('days')}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
            {saved ? (
              <Text role="status" c="teal.9" fw={600} size="sm">
                Saved.
              </Text>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
