import { ActionIcon, Badge, Code, Collapse, SimpleGrid, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { AuditAction, AuditEvent } from '../../api/types';
import { formatInstant, orDash } from '../../shared/format';

const ACTION_STYLE: Record<AuditAction, { label: string; color: string }> = {
  create: { label: 'Created', color: 'brand' },
  update: { label: 'Changed', color: 'blue' },
  delete: { label: 'Deleted', color: 'red' },
  sign_in: { label: 'Signed in', color: 'gray' },
  sign_in_failed: { label: 'Sign-in failed', color: 'orange' },
  sign_out: { label: 'Signed out', color: 'gray' },
};

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <Text size="xs" fw={600} c="gray.7" tt="uppercase" mb={4}>
        {label}
      </Text>
      {value === null || value === undefined ? (
        <Text size="sm" c="gray.7">
          Nothing recorded
        </Text>
      ) : (
        <Code
          block
          tabIndex={0}
          aria-label={`${label} (full record)`}
          style={{ maxHeight: 320, overflow: 'auto' }}
        >
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </div>
  );
}

/** The changed fields, before → after, the new value highlighted. */
function Changes({ changes }: { changes: AuditEvent['changes'] }) {
  if (changes.length === 0) return null;
  return (
    <Table
      withRowBorders={false}
      verticalSpacing={2}
      horizontalSpacing="xs"
      mt={4}
      aria-label="Changed fields"
    >
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={change.field}>
            <Table.Td c="gray.7" fz="xs" w={140}>
              {change.field}
            </Table.Td>
            <Table.Td fz="xs">
              <Text span fz="xs" td="line-through" c="gray.7">
                {change.before}
              </Text>
              {' → '}
              <Text span fz="xs" fw={600} bg="yellow.1" px={4} style={{ borderRadius: 4 }}>
                {change.after}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function AuditRow({ event, timeZone }: { event: AuditEvent; timeZone: string }) {
  const [open, setOpen] = useState(false);
  const style = ACTION_STYLE[event.action] ?? { label: event.action, color: 'gray' };
  const detailsId = `audit-details-${event.id}`;
  const hasDetails = event.before != null || event.after != null;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td style={{ whiteSpace: 'nowrap' }} valign="top">
          {formatInstant(event.occurredAt, timeZone, true)}
        </Table.Td>
        <Table.Td valign="top" miw={130}>
          <Badge variant="light" color={style.color} tt="none" style={{ overflow: 'visible' }}>
            {style.label}
          </Badge>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{event.description}</Text>
          <Changes changes={event.changes} />
        </Table.Td>
        <Table.Td ff="monospace" valign="top">
          {orDash(event.ip)}
        </Table.Td>
        <Table.Td w={48} valign="top">
          {hasDetails ? (
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => setOpen((value) => !value)}
              aria-expanded={open}
              aria-controls={detailsId}
              aria-label={open ? 'Hide the full record' : 'Show the full record'}
            >
              <span
                aria-hidden
                style={{
                  display: 'inline-block',
                  transform: open ? 'rotate(90deg)' : 'none',
                  transition: 'transform 120ms',
                }}
              >
                ▶
              </span>
            </ActionIcon>
          ) : null}
        </Table.Td>
      </Table.Tr>
      {hasDetails ? (
        <Table.Tr style={{ display: open ? undefined : 'none' }}>
          <Table.Td colSpan={5} p={0}>
            <Collapse expanded={open} id={detailsId}>
              <SimpleGrid cols={{ base: 1, md: 2 }} p="md" bg="gray.0">
                <JsonBlock label="Before" value={event.before} />
                <JsonBlock label="After" value={event.after} />
              </SimpleGrid>
            </Collapse>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </Fragment>
  );
}
