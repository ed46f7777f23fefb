import { Badge, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import type { OutboxMessage, OutboxStatus } from './notifications-api';
import { formatInstantIn } from './outbox-format';

const STATUS_COLOUR: Record<OutboxStatus, string> = {
  pending: 'blue',
  sending: 'yellow',
  sent: 'green',
  failed: 'red',
  cancelled: 'gray',
  not_sent: 'orange',
};

/** What each status means to a coordinator (`not_sent`: nothing left Carebook, there is no provider). */
export const STATUS_LABEL: Record<OutboxStatus, string> = {
  pending: 'pending',
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
  cancelled: 'cancelled',
  not_sent: 'not sent',
};

export const EVENT_LABEL: Record<OutboxMessage['event'], string> = {
  confirmation: 'Confirmation',
  change: 'Change notice',
  cancellation: 'Cancellation',
  reminder: 'Reminder',
  leave_cancellation: 'Leave: visits cancelled',
  leave_restored: 'Leave: visits back on',
  extra_sessions_outcome: 'Extra-session outcome',
};

export function OutboxStatusBadge({ status }: { status: OutboxStatus }) {
  return (
    <Badge color={STATUS_COLOUR[status]} variant="light">
      {STATUS_LABEL[status]}
    </Badge>
  );
}

/** One message as the recipient gets it: its text, and the invitation (iCalendar) it carries. */
export function OutboxMessageModal({
  message,
  onClose,
  onResend,
  resending,
}: {
  message: OutboxMessage | null;
  onClose: () => void;
  onResend: (id: string) => void;
  resending: boolean;
}) {
  return (
    <Modal opened={message !== null} onClose={onClose} title={message?.subject} size="xl">
      {message && (
        <Stack gap="sm">
          <Group gap="xs">
            <OutboxStatusBadge status={message.status} />
            <Text size="sm">
              {EVENT_LABEL[message.event]} by {message.channel === 'email' ? 'e-mail' : 'SMS'} to{' '}
              {message.recipientName} &lt;{message.address}&gt;
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            Due {formatInstantIn(message.scheduledAt, message.timeZone)} · attempts {message.attempts}
            {message.sentAt ? ` · sent ${formatInstantIn(message.sentAt, message.timeZone)}` : ''}
          </Text>
          {message.lastError && (
            <Text size="sm" c={message.status === 'not_sent' ? 'orange.9' : 'red.9'}>
              {message.status === 'not_sent' ? message.lastError : `Last error: ${message.lastError}`}
            </Text>
          )}
          <Code block aria-label="Message text">
            {message.body}
          </Code>
          {message.ics && (
            <>
              <Text fw={600} size="sm">
                Calendar invitation: METHOD:{message.icsMethod}, SEQUENCE {message.icsSequence}
              </Text>
              <Code block aria-label="Calendar invitation" style={{ maxHeight: 240, overflow: 'auto' }}>
                {message.ics}
              </Code>
            </>
          )}
          <Group justify="flex-end">
            <Button
              variant="light"
              loading={resending}
              disabled={message.status === 'sending'}
              onClick={() => onResend(message.id)}
            >
              Resend now
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
