import { Checkbox, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { LocalDateInput } from '../../shared/local-date-input';
import { type Draft, MODALITIES, PLATFORMS, type RebookingStart } from './rebooking-api';

type StepProps = { start: RebookingStart; draft: Draft; set: (patch: Partial<Draft>) => void };

/** Step 4: modality (and the video platform), the date and start time in the client's zone, notify or not. */
export function DetailsStep({ start, draft, set }: StepProps) {
  const who = start.notify.recipients.map((r) => `${r.name} (${r.channel === 'email' ? 'e-mail' : 'SMS'})`);
  return (
    <Stack gap="sm" maw={420}>
      <Select
        label="Modality"
        data={MODALITIES.map((m) => ({ ...m }))}
        value={draft.modality}
        onChange={(v) => set({ modality: (v ?? 'in_person') as Draft['modality'] })}
        allowDeselect={false}
      />
      {draft.modality === 'video' ? (
        <>
          <Select
            label="Video platform"
            data={PLATFORMS.map((p) => ({ ...p }))}
            value={draft.videoPlatform}
            onChange={(v) => set({ videoPlatform: (v ?? 'jitsi') as Draft['videoPlatform'] })}
            allowDeselect={false}
          />
          <TextInput
            label="Meeting link"
            description={
              draft.videoPlatform === 'jitsi'
                ? 'Leave blank: a private Jitsi room is generated (no account needed)'
                : "Paste the meeting's link (https://…)"
            }
            value={draft.meetingLink}
            onChange={(e) => set({ meetingLink: e.currentTarget.value })}
          />
        </>
      ) : null}
      <LocalDateInput
        label={`Date (client's zone, ${start.client.timeZone})`}
        value={draft.bookingDate}
        onChange={(v) => set({ bookingDate: v })}
        required
      />
      <TimeInput
        label="Start time (client's zone)"
        value={draft.startTime}
        onChange={(e) => set({ startTime: e.currentTarget.value })}
        required
      />
      <NumberInput
        label="Minutes"
        value={draft.durationMinutes}
        min={5}
        max={480}
        onChange={(v) => set({ durationMinutes: Number(v) || 60 })}
      />
      {draft.approach === 'manual' ? (
        <Checkbox
          label="Send the client a notification (confirmation with a calendar invitation)"
          checked={draft.notifyClient}
          onChange={(e) => set({ notifyClient: e.currentTarget.checked })}
        />
      ) : (
        <Text size="sm" c="gray.7">
          A retrospective session is recorded as delivered; nobody is notified.
        </Text>
      )}
      {draft.approach === 'manual' ? (
        <Text size="sm" c="gray.7">
          {who.length > 0
            ? `By the client's notification preferences this goes to: ${who.join(', ')}.`
            : 'The client has no address to notify (see their notification preferences).'}
        </Text>
      ) : null}
    </Stack>
  );
}
