import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../shared/empty-state';
import { formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import { ProblemAlert } from '../../shared/problem-alert';
import { fileCsvHref, useAttention, useClaimFiles, useImportResults } from './ndis-claims-api';

/** Exported files to download and upload to the portal, and the portal's results to import back. */
export function ClaimFiles() {
  const files = useClaimFiles();
  const [results, setResults] = useState<File | null>(null);
  const importing = useImportResults();
  const list = files.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Exported files
      </Title>
      {files.isError ? <ProblemAlert error={files.error} title="Files couldn't be loaded" /> : null}
      {files.isPending ? (
        <Skeleton height={80} aria-busy="true" />
      ) : list.length === 0 ? (
        <EmptyState title="No bulk payment files yet">Preview a period and export it.</EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table aria-label="Bulk payment files" verticalSpacing="xs">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>File</Table.Th>
                <Table.Th>Period</Table.Th>
                <Table.Th ta="right">Lines</Table.Th>
                <Table.Th ta="right">Claimed</Table.Th>
                <Table.Th>Results</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>
                    <Anchor href={fileCsvHref(f.id)} download={f.name}>
                      {f.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {formatPlainDate(f.periodFrom)} – {formatPlainDate(f.periodTo)}
                  </Table.Td>
                  <Table.Td ta="right">{f.rowCount}</Table.Td>
                  <Table.Td ta="right">{formatMoney(f.claimedMinor)}</Table.Td>
                  <Table.Td>
                    {f.resultsImportedAt ? (
                      f.rejected > 0 ? (
                        <Badge color="red" variant="light">{`${f.rejected} rejected`}</Badge>
                      ) : (
                        <Badge color="green" variant="light">
                          Reconciled
                        </Badge>
                      )
                    ) : (
                      <Text size="sm" c="dimmed">
                        Awaiting results
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Paper withBorder radius="md" p="md">
        <form
          aria-label="Import payment results"
          onSubmit={async (event) => {
            event.preventDefault();
            if (results) importing.mutate(await results.text());
          }}
        >
          <Group align="flex-end" gap="md" wrap="wrap">
            <FileInput
              label="Results file from the myplace portal (CSV)"
              accept=".csv,text/csv"
              w={340}
              value={results}
              onChange={setResults}
              clearable
              clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
            />
            <Button type="submit" variant="light" disabled={!results} loading={importing.isPending}>
              Import results
            </Button>
          </Group>
        </form>
        {importing.isError ? <ProblemAlert error={importing.error} title="Results not imported" /> : null}
        {importing.data ? (
          <Alert color="green" variant="light" mt="sm" role="status">
            <strong>Results imported:</strong> {importing.data.paid} paid, {importing.data.rejected} rejected
            {importing.data.unmatched.length
              ? `; ${importing.data.unmatched.length} rows name no exported line (${importing.data.unmatched.map((u) => u.claimReference).join(', ')})`
              : ''}
            .
          </Alert>
        ) : null}
      </Paper>
      <NeedsAttention />
    </Stack>
  );
}

function NeedsAttention() {
  const attention = useAttention();
  const items = attention.data?.items ?? [];
  if (attention.isPending) return <Skeleton height={40} aria-busy="true" />;
  if (attention.isError)
    return <ProblemAlert error={attention.error} title="Couldn't load what needs attention" />;
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No claim lines need attention.
      </Text>
    );
  return (
    <Alert color="orange" variant="light" title="Needs attention">
      <List size="sm">
        {items.map((l) => (
          <List.Item key={l.id}>
            {l.claimReference} · {l.clientName} · {formatPlainDate(l.deliveredFrom)} · {l.supportNumber}:{' '}
            {l.attention}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
