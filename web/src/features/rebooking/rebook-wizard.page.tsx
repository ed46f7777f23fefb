import { Alert, Button, Group, Skeleton, Stack, Stepper, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useAuth } from '../../auth/auth-context';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import {
  type Draft,
  type RebookingStart,
  type RebookingTime,
  useFinaliseRebooking,
  useRebookingPreview,
  useRebookingStart,
} from './rebooking-api';
import { AttendanceStep } from './wizard-attendance';
import { DetailsStep } from './wizard-details';
import { DoneCard, ReviewStep } from './wizard-review';
import { ApproachStep, ScheduleStep, SummaryStep } from './wizard-steps';

const STEPS = ['Sessions', 'Approach', 'Schedule', 'Details', 'Review', 'Attendance'] as const;

/** The rebooking wizard, opened from Quick View's "Rebook" on a client's last appointment. */
export function RebookWizardPage() {
  const { bookingId = '' } = useParams();
  const start = useRebookingStart(bookingId);
  return (
    <Stack gap="md">
      <PageHeader title={start.data ? `Rebook ${start.data.client.name}` : 'Rebook'} />
      {start.isError ? <ProblemAlert error={start.error} title="The appointment couldn't be loaded" /> : null}
      {start.isPending ? <Skeleton height={240} /> : null}
      {start.data ? <Wizard start={start.data} /> : null}
    </Stack>
  );
}

function Wizard({ start }: { start: RebookingStart }) {
  const { can } = useAuth();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Draft>(() => ({
    approach: 'manual',
    workScheduleId: start.schedules.length === 1 ? (start.schedules[0]?.id ?? null) : null,
    bookingDate: '',
    startTime: '',
    durationMinutes: start.booking.durationMinutes,
    modality: 'in_person',
    videoPlatform: 'jitsi',
    meetingLink: '',
    notifyClient: start.notify.default,
    attendance: 'individual',
    participants: [],
    confirmed: true,
  }));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const caseId = start.case?.case.id ?? null;
  const time = useMemo<RebookingTime | null>(
    () =>
      draft.bookingDate && /^\d\d:\d\d$/.test(draft.startTime)
        ? {
            approach: draft.approach,
            staffId: start.associate.id,
            workScheduleId: draft.workScheduleId,
            bookingDate: draft.bookingDate,
            startTime: draft.startTime,
            durationMinutes: draft.durationMinutes,
          }
        : null,
    [draft, start.associate.id],
  );
  const preview = useRebookingPreview(step >= 4 ? caseId : null, time);
  const finalise = useFinaliseRebooking(caseId ?? '');
  const balance = start.case?.balance;
  const blocked =
    (step === 0 &&
      (!start.case || !balance || balance.remaining <= 0 || start.case.case.status !== 'open')) ||
    (step === 2 && !draft.workScheduleId) ||
    (step === 3 && time === null) ||
    (step === 4 && (preview.data?.problems.length ?? 1) > 0);

  if (finalise.data) return <DoneCard result={finalise.data} canSeeOutbox={can('bookings.write')} />;
  const submit = () =>
    finalise.mutate({
      approach: draft.approach,
      staffId: start.associate.id,
      workScheduleId: draft.workScheduleId,
      bookingDate: draft.bookingDate,
      startTime: draft.startTime,
      durationMinutes: draft.durationMinutes,
      modality: draft.modality,
      videoPlatform: draft.modality === 'video' ? draft.videoPlatform : null,
      meetingLink: draft.modality === 'video' && draft.meetingLink.trim() ? draft.meetingLink.trim() : null,
      notifyClient: draft.approach === 'manual' && draft.notifyClient,
      attendance: draft.attendance,
      participantClientIds: draft.attendance === 'individual' ? [] : draft.participants.map((p) => p.id),
      confirmed: draft.confirmed,
      previousBookingId: start.booking.id,
    });
  return (
    <Stack gap="md">
      <Text size="sm" c="gray.7">
        From {start.booking.name} with {start.associate.name}. Times are booked in the client's zone (
        {start.client.timeZone}).
      </Text>
      <Stepper active={step} onStepClick={(i) => i < step && setStep(i)} size="sm" wrap>
        {STEPS.map((label, i) => (
          <Stepper.Step key={label} label={label} aria-label={`Step ${i + 1}: ${label}`}>
            <Stack gap="sm" mt="md">
              {i === 0 ? <SummaryStep start={start} /> : null}
              {i === 1 ? <ApproachStep start={start} draft={draft} set={set} /> : null}
              {i === 2 ? <ScheduleStep start={start} draft={draft} set={set} /> : null}
              {i === 3 ? <DetailsStep start={start} draft={draft} set={set} /> : null}
              {i === 4 ? (
                <ReviewStep
                  preview={preview.data}
                  error={preview.error}
                  loading={preview.isFetching}
                  scheduleId={draft.workScheduleId}
                />
              ) : null}
              {i === 5 ? <AttendanceStep caseId={caseId} draft={draft} set={set} /> : null}
            </Stack>
          </Stepper.Step>
        ))}
      </Stepper>
      {finalise.isError ? (
        <ProblemAlert error={finalise.error} title="The appointment was not booked" />
      ) : null}
      {step === 3 && time === null ? (
        <Alert color="blue" variant="light">
          Choose the date and the start time (HH:MM) in the client's zone.
        </Alert>
      ) : null}
      <Group>
        {step > 0 ? (
          <Button variant="default" onClick={() => setStep(step - 1)}>
            Back
          </Button>
        ) : null}
        {step < STEPS.length - 1 ? (
          <Button onClick={() => setStep(step + 1)} disabled={blocked}>
            Next
          </Button>
        ) : (
          <Button onClick={submit} loading={finalise.isPending} disabled={!draft.confirmed}>
            Finalise appointment
          </Button>
        )}
      </Group>
    </Stack>
  );
}
