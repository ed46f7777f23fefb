import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useMe } from '../../auth/auth-context';
import { useConfirm } from '../../shared/confirm-dialog';
import { EmptyState } from '../../shared/empty-state';
import { LocalDateInput } from '../../shared/local-date-input';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { todayIn } from '../scheduling/calendar-time';
import { ClaimFiles } from './claim-files';
import { ClaimPreviewTable, ClaimProblems } from './claim-preview-table';
import { ClaimSettingsForm } from './claim-settings-form';
import { useExportClaims, usePreviewClaims } from './ndis-claims-api';

/** NDIS bulk payment requests: preview a period's claim lines, export them as portal files, reconcile results. */
export function BulkPaymentsPage() {
  const me = useMe();
  const today = todayIn(me.organisation.timeZone);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const confirm = useConfirm();
  const preview = usePreviewClaims();
  const exporting = useExportClaims();
  const data = preview.data;
  return (
    <Stack gap="md">
      <PageHeader
        title="NDIS bulk payments"
        description="Claim delivered supports and cancellations through the myplace provider portal's bulk payment request file, then import its results."
      />
      <ClaimSettingsForm />
      <Paper withBorder radius="md" p="md">
        <form
          aria-label="Claim period"
          onSubmit={(event) => {
            event.preventDefault();
            exporting.reset();
            preview.mutate({ from, to });
          }}
        >
          <Group align="flex-end" gap="md" wrap="wrap">
            <LocalDateInput label="Delivered from" required value={from} onChange={setFrom} />
            <LocalDateInput label="Delivered to" required value={to} onChange={setTo} />
            <Button type="submit" loading={preview.isPending}>
              Preview claims
            </Button>
            <Button
              variant="filled"
              color="teal"
              disabled={!data || data.lines.length === 0}
              onClick={async () => {
                const go = await confirm({
                  title: 'Export the bulk payment file?',
                  message: `${data?.lines.length ?? 0} claim lines will be written to files of at most 5,000 rows and locked: they cannot be changed afterwards, only reconciled with the portal's results.`,
                  confirmLabel: 'Export and lock',
                  cancelLabel: 'Not yet',
                });
                if (go) exporting.mutate({ from, to }, { onSuccess: () => preview.reset() });
              }}
            >
              Export bulk payment file
            </Button>
          </Group>
        </form>
      </Paper>
      {preview.isError ? <ProblemAlert error={preview.error} title="Claims couldn't be previewed" /> : null}
      {exporting.isError ? <ProblemAlert error={exporting.error} title="Nothing was exported" /> : null}
      {exporting.data ? (
        <Text size="sm" role="status">
          Exported {exporting.data.files.map((f) => `${f.name} (${f.rowCount} lines)`).join(', ')}. Its lines
          are now locked.
        </Text>
      ) : null}
      {data && !exporting.data ? (
        <Stack gap="sm">
          <ClaimProblems problems={data.problems} onChanged={() => preview.mutate({ from, to })} />
          {data.lines.length === 0 ? (
            <EmptyState title="Nothing to claim in this period">
              Completed sessions and charged cancellations not yet claimed appear here.
            </EmptyState>
          ) : (
            <ClaimPreviewTable lines={data.lines} onChanged={() => preview.mutate({ from, to })} />
          )}
        </Stack>
      ) : null}
      <ClaimFiles />
    </Stack>
  );
}
