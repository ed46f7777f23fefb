import { Alert, List, Text, Textarea } from '@mantine/core';

/**
 * Soft conflicts are warnings, not refusals: the booking goes ahead once the user says why. The reason is
 * kept on the booking, so whoever looks later sees what was overridden.
 */
export function SoftConflictAlert({
  warnings,
  reason,
  onReasonChange,
  reasonError,
}: {
  warnings: string[];
  reason: string;
  onReasonChange: (reason: string) => void;
  reasonError?: string | null;
}) {
  return (
    <Alert color="yellow" variant="light" title="Check before going ahead" data-testid="soft-conflicts">
      <Text size="sm">This booking has {warnings.length === 1 ? 'a warning' : 'warnings'}:</Text>
      <List size="sm" mt={4} mb="sm">
        {warnings.map((warning) => (
          <List.Item key={warning}>{warning.charAt(0).toUpperCase() + warning.slice(1)}</List.Item>
        ))}
      </List>
      <Textarea
        label="Reason for going ahead"
        description="Kept on the booking and in the audit trail"
        placeholder="e.g. Overtime agreed with the worker"
        required
        autosize
        minRows={2}
        maxLength={500}
        value={reason}
        error={reasonError}
        onChange={(event) => onReasonChange(event.currentTarget.value)}
      />
    </Alert>
  );
}
