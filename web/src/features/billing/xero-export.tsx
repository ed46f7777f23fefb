import { Anchor, Group, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { LocalDateInput } from '../../shared/local-date-input';
import { xeroExportUrl } from './billing-api';

/** Issued invoices and credit notes for the accounting system, in Xero's sales-invoice CSV layout. */
export function XeroExport() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const ready = from !== '' && to !== '' && from <= to;
  return (
    <Paper withBorder radius="md" p="md" mt="lg">
      <Title order={2} size="h4">
        Accounting export
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        Invoices and credit notes issued between two dates, as a CSV Xero imports as sales invoices (amounts
        tax exclusive). MYOB can map the same columns; see the README.
      </Text>
      <Group align="flex-end">
        <LocalDateInput label="Issued from" value={from} onChange={(value) => setFrom(value)} />
        <LocalDateInput label="Issued to" value={to} onChange={(value) => setTo(value)} />
        {ready ? (
          <Anchor href={xeroExportUrl(from, to)} download mb={8}>
            Download Xero CSV
          </Anchor>
        ) : (
          <Text size="sm" c="gray.7" mb={8}>
            Choose both dates to download
          </Text>
        )}
      </Group>
    </Paper>
  );
}
