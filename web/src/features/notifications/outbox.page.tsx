import { Alert, Anchor, Code, Paper, SegmentedControl, Stack, Table, Tabs, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../shared/empty-state';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { notificationsApi, type OutboxMessage, type OutboxStatus } from './notifications-api';
import { formatInstantIn } from './outbox-format';
import { EVENT_LABEL, OutboxMessageModal, OutboxStatusBadge, STATUS_LABEL } from './outbox-message';

const FILTERS = ['all', 'pending', 'sent', 'failed', 'cancelled', 'not_sent'] as const;

/** Every message to clients and contacts (status, attempts, content, invitation) and what the catcher caught. */
export function OutboxPage() {
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('all');
  const [open, setOpen] = useState<OutboxMessage | null>(null);
  const queryClient = useQueryClient();
  const status = filter === 'all' ? null : (filter as OutboxStatus);
  const outbox = useQuery({
    queryKey: ['outbox', status],
    queryFn: () => notificationsApi.outbox({ status }),
    refetchInterval: 5000,
  });
  const caught = useQuery({
    queryKey: ['mail-catcher'],
    queryFn: notificationsApi.caught,
    refetchInterval: 5000,
  });
  const resend = useMutation({
    mutationFn: notificationsApi.resend,
    onSuccess: (message) => {
      setOpen(message);
      void queryClient.invalidateQueries({ queryKey: ['outbox'] });
    },
  });
  const items = outbox.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Confirmations, change notices, cancellations and reminders sent to clients and their contacts, each time in the recipient's zone."
      />
      {items.some((m) => m.channel === 'sms' && m.status === 'not_sent') && (
        <Alert color="gray" mb="md" title="Text messages are not sent">
          No SMS provider is configured, so text messages are written to the server log and shown here as "not
          sent" (CAREBOOK_SMS_PROVIDER in the README).
        </Alert>
      )}
      {caught.data?.active && (
        <Alert color="blue" mb="md" title="No mail server is configured">
          Messages go to Carebook's own mail catcher on this machine and stop there: nobody receives them. Set
          SMTP_URL to send real mail (see the README).
        </Alert>
      )}
      <Tabs defaultValue="outbox">
        <Tabs.List mb="md">
          <Tabs.Tab value="outbox">Messages</Tabs.Tab>
          {caught.data?.active && (
            <Tabs.Tab value="caught">Caught mail ({caught.data.messages.length})</Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="outbox">
          <SegmentedControl
            mb="md"
            value={filter}
            onChange={(v) => setFilter(v as typeof filter)}
            data={FILTERS.map((f) => {
              const label = f === 'all' ? 'all' : STATUS_LABEL[f];
              return { value: f, label: label[0]!.toUpperCase() + label.slice(1) };
            })}
          />
          {outbox.error && <ProblemAlert error={outbox.error} />}
          {resend.error && <ProblemAlert error={resend.error} />}
          {items.length === 0 && !outbox.isLoading ? (
            <EmptyState title="No messages">
              Booking a client who has an e-mail address sends them a confirmation.
            </EmptyState>
          ) : (
            <Paper withBorder radius="md">
              <Table striped highlightOnHover aria-label="Outbox">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Message</Table.Th>
                    <Table.Th>To</Table.Th>
                    <Table.Th>Due (recipient's zone)</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Attempts</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>
                        <Anchor component="button" type="button" onClick={() => setOpen(m)}>
                          {EVENT_LABEL[m.event]}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {m.subject}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {m.recipientName}
                        <Text size="xs" c="dimmed">
                          {m.channel === 'email' ? 'E-mail' : 'SMS'} · {m.address}
                        </Text>
                      </Table.Td>
                      <Table.Td>{formatInstantIn(m.scheduledAt, m.timeZone)}</Table.Td>
                      <Table.Td>
                        <OutboxStatusBadge status={m.status} />
                        {m.status === 'not_sent' && (
                          <Text size="xs" c="orange.9">
                            {m.channel === 'sms' ? 'No SMS provider configured' : m.lastError}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{m.attempts}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="caught">
          <Stack gap="sm">
            {(caught.data?.messages ?? []).map((m, i) => (
              <Paper withBorder radius="md" p="md" key={m.messageId ?? i}>
                <Text fw={600}>{m.subject}</Text>
                <Text size="sm" c="dimmed">
                  To {m.to.join(', ')} · from {m.from}
                </Text>
                <Code block mt="xs">
                  {m.text}
                </Code>
                {m.calendars.map((c) => (
                  <Text size="sm" mt="xs" key={c.content.length}>
                    Calendar part: {c.contentType}, METHOD:{c.method}
                  </Text>
                ))}
              </Paper>
            ))}
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <OutboxMessageModal
        message={open}
        onClose={() => setOpen(null)}
        onResend={(id) => resend.mutate(id)}
        resending={resend.isPending}
      />
    </>
  );
}
