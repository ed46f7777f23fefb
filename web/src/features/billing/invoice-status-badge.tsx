import { Badge, Group } from '@mantine/core';
import type { Invoice } from './billing-api';
import { STATUS_STYLE } from './billing-format';

export function InvoiceStatusBadge({ invoice }: { invoice: Pick<Invoice, 'status' | 'kind'> }) {
  const style = STATUS_STYLE[invoice.status];
  return (
    <Group gap={4} wrap="nowrap">
      <Badge variant="filled" color={style.color} tt="none">
        {style.label}
      </Badge>
      {invoice.kind === 'credit_note' ? (
        <Badge variant="outline" color="grape.9" tt="none">
          Credit note
        </Badge>
      ) : null}
    </Group>
  );
}
