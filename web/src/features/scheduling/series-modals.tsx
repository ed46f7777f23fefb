import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatPlainDate, fullName } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { firstSplitDate, todayIn } from './calendar-time';
import { describeRule, fromRrule, type Repeat, toRrule } from './recurrence-text';
import { RepeatFields } from './repeat-fields';
import { ScheduleReportView } from './schedule-report';
import { OPEN_SHIFT } from './scheduled-service-form';
import {
  type ScheduledService,
  type ScheduleReport,
  type SeriesChanges,
  type SeriesEditInput,
  schedulingApi,
} from './scheduling-api';
import { useActivateSeries, useDeliveringStaff, useEditSeries, useEndSeries } from './scheduling-queries';

/** Shows what an operation would do (a dry run), then does it on confirmation and shows what it did. */
export function PreviewThenConfirm({
  previewKey,
  loadPreview,
  confirmLabel,
  onConfirm,
  timeZone,
  onBack,
  onDone,
  doneMessage,
}: {
  previewKey: unknown[];
  loadPreview: () => Promise<ScheduleReport>;
  confirmLabel: string;
  onConfirm: () => Promise<ScheduleReport>;
  timeZone: string;
  onBack?: () => void;
  onDone: () => void;
  doneMessage: string;
}) {
  const preview = useQuery({ queryKey: previewKey, queryFn: loadPreview, gcTime: 0, staleTime: 0 });
  const [result, setResult] = useState<ScheduleReport | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (result) {
    return (
      <Stack gap="md">
        <Alert color="brand" variant="light" title={doneMessage} role="status">
          {result.summary.done} occurrence{result.summary.done === 1 ? '' : 's'} updated
          {result.summary.conflicts ? `, ${result.summary.conflicts} with a conflict` : ''}.
        </Alert>
        <ScheduleReportView report={result} timeZone={timeZone} />
        <Group justify="flex-end">
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="gray.7">
        Preview: nothing has changed yet.
      </Text>
      {problem ? <ProblemAlert error={problem} title="That didn't work" /> : null}
      {preview.isError ? (
        <ProblemAlert error={preview.error} title="The preview couldn't be made" />
      ) : preview.data ? (
        <ScheduleReportView report={preview.data} timeZone={timeZone} />
      ) : (
        <Skeleton height={160} />
      )}
      <Group justify="flex-end">
        {onBack ? (
          <Button variant="default" onClick={onBack}>
            Back
          </Button>
        ) : null}
        <Button
          disabled={!preview.data}
          loading={busy}
          onClick={async () => {
            setProblem(null);
            setBusy(true);
            try {
              const done = await onConfirm();
              setResult(done);
              notifications.show({
                color: 'brand',
                title: doneMessage,
                message: `${done.summary.done} done`,
              });
            } catch (error) {
              setProblem(error);
            } finally {
              setBusy(false);
            }
          }}
        >
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}

export function ActivateSeriesModal({ series, onClose }: { series: ScheduledService; onClose: () => void }) {
  const activate = useActivateSeries(series.clientId);
  return (
    <Modal opened onClose={onClose} title={`Activate “${series.name}”`} size="xl">
      <Stack gap="sm">
        <Text size="sm">
          {describeRule(series.rrule, series.startTime, series.startDate)}, from{' '}
          {formatPlainDate(series.startDate)}. Activating books these occurrences.
        </Text>
        <PreviewThenConfirm
          previewKey={['scheduled-services', 'activate-preview', series.id]}
          loadPreview={() => schedulingApi.activate(series.id, true)}
          confirmLabel="Activate"
          onConfirm={() => activate.mutateAsync(series.id)}
          timeZone={series.timeZone}
          onDone={onClose}
          doneMessage="Scheduled service activated"
        />
      </Stack>
    </Modal>
  );
}

export function EndSeriesModal({ series, onClose }: { series: ScheduledService; onClose: () => void }) {
  const end = useEndSeries(series.clientId);
  const [endDate, setEndDate] = useState(todayIn(series.timeZone));
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={`End “${series.name}”`} size="xl">
      {confirming === null ? (
        <Stack gap="sm">
          <LocalDateInput
            label="Last day"
            description="Bookings after this day that were not delivered are removed"
            value={endDate}
            onChange={(value) => setEndDate(value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => setConfirming(endDate)} disabled={!endDate}>
              Preview
            </Button>
          </Group>
        </Stack>
      ) : (
        <PreviewThenConfirm
          previewKey={['scheduled-services', 'end-preview', series.id, confirming]}
          loadPreview={() => schedulingApi.end(series.id, confirming, true)}
          confirmLabel="End series"
          onConfirm={() => end.mutateAsync({ seriesId: series.id, endDate: confirming })}
          timeZone={series.timeZone}
          onBack={() => setConfirming(null)}
          onDone={onClose}
          doneMessage="Scheduled service ended"
        />
      )}
    </Modal>
  );
}

type EditValues = {
  scope: 'series' | 'following';
  fromDate: string;
  name: string;
  startTime: string;
  durationMinutes: number | string;
  repeat: Repeat | null;
  staffId: string;
  endDate: string;
  notes: string;
};

/** Only what differs from the series is sent. */
function changesOf(series: ScheduledService, values: EditValues): SeriesChanges {
  const changes: SeriesChanges = {};
  if (values.name.trim() && values.name.trim() !== series.name) changes.name = values.name.trim();
  if (values.startTime !== series.startTime) changes.startTime = values.startTime;
  if (Number(values.durationMinutes) !== series.durationMinutes)
    changes.durationMinutes = Number(values.durationMinutes);
  if (values.repeat && toRrule(values.repeat) !== series.rrule) changes.rrule = toRrule(values.repeat);
  const staffId = values.staffId === OPEN_SHIFT ? null : values.staffId;
  if (staffId !== (series.assignee?.id ?? null)) changes.staffId = staffId;
  if ((values.endDate || null) !== series.endDate) changes.endDate = values.endDate || null;
  if ((values.notes.trim() || null) !== series.notes) changes.notes = values.notes.trim() || null;
  return changes;
}

export function EditSeriesModal({ series, onClose }: { series: ScheduledService; onClose: () => void }) {
  const edit = useEditSeries(series.clientId);
  const staff = useDeliveringStaff();
  const [values, setValues] = useState<EditValues>({
    scope: 'series',
    fromDate: firstSplitDate(series.timeZone, series.earliestSplitDate),
    name: series.name,
    startTime: series.startTime,
    durationMinutes: series.durationMinutes,
    repeat: fromRrule(series.rrule),
    staffId: series.assignee?.id ?? OPEN_SHIFT,
    endDate: series.endDate ?? '',
    notes: series.notes ?? '',
  });
  const [input, setInput] = useState<SeriesEditInput | null>(null);
  const set = <K extends keyof EditValues>(key: K, value: EditValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const changes = changesOf(series, values);
  const nothingChanged = Object.keys(changes).length === 0;
  const staffOptions = [
    { value: OPEN_SHIFT, label: 'Open shift (no one yet)' },
    ...(staff.data?.items ?? [])
      .filter((member) => member.active || member.id === series.assignee?.id)
      .map((member) => ({ value: member.id, label: fullName(member) })),
  ];
  if (series.assignee && !staffOptions.some((option) => option.value === series.assignee?.id))
    staffOptions.push({ value: series.assignee.id, label: series.assignee.name });

  return (
    <Modal opened onClose={onClose} title={`Edit “${series.name}”`} size="xl">
      {input ? (
        <PreviewThenConfirm
          previewKey={['scheduled-services', 'edit-preview', series.id, input]}
          loadPreview={() => schedulingApi.edit(series.id, input, true)}
          confirmLabel="Apply changes"
          onConfirm={() => edit.mutateAsync({ seriesId: series.id, input })}
          timeZone={series.timeZone}
          onBack={() => setInput(null)}
          onDone={onClose}
          doneMessage="Scheduled service changed"
        />
      ) : (
        <form
          aria-label="Edit scheduled service"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (nothingChanged) return;
            setInput(
              values.scope === 'series'
                ? { scope: 'series', changes }
                : { scope: 'following', fromDate: values.fromDate, changes },
            );
          }}
        >
          <Stack gap="sm">
            <Radio.Group
              label="Apply to"
              value={values.scope}
              onChange={(scope) => set('scope', scope === 'following' ? 'following' : 'series')}
            >
              <Group mt={4}>
                <Radio value="series" label="The whole series" />
                <Radio value="following" label="This and following occurrences" />
              </Group>
            </Radio.Group>
            {values.scope === 'following' ? (
              <LocalDateInput
                label="From"
                required
                description="The first day to change; earlier occurrences stay as they are"
                value={values.fromDate}
                onChange={(value) => set('fromDate', value)}
              />
            ) : null}
            <TextInput
              label="Name"
              value={values.name}
              onChange={(event) => set('name', event.currentTarget.value)}
            />
            <SimpleGrid cols={2}>
              <TimeInput
                label="Start time"
                value={values.startTime}
                onChange={(event) => set('startTime', event.currentTarget.value)}
              />
              <NumberInput
                label="Duration (minutes)"
                min={1}
                max={1440}
                step={15}
                clampBehavior="none"
                value={values.durationMinutes}
                onChange={(value) => set('durationMinutes', value)}
              />
            </SimpleGrid>
            {values.repeat ? (
              <RepeatFields value={values.repeat} onChange={(repeat) => set('repeat', repeat)} />
            ) : (
              <Text size="sm" c="gray.7">
                Repeat: {series.rrule} (not editable here)
              </Text>
            )}
            <Select
              label="Assignee"
              allowDeselect={false}
              searchable
              nothingFoundMessage="No staff member matches"
              data={staffOptions}
              value={values.staffId}
              onChange={(value) => set('staffId', value ?? OPEN_SHIFT)}
            />
            <LocalDateInput
              label="End date"
              value={values.endDate}
              onChange={(value) => set('endDate', value)}
            />
            <Textarea
              label="Notes"
              autosize
              minRows={2}
              value={values.notes}
              onChange={(event) => set('notes', event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" disabled={nothingChanged}>
                Preview changes
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
