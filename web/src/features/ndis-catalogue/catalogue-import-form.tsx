import { Alert, Button, FileInput, Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../shared/problem-alert';
import { useImportCatalogue } from './catalogue-api';

/** Upload the NDIA Support Catalogue saved as CSV; the server checks every row before importing any. */
export function CatalogueImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const importing = useImportCatalogue();
  return (
    <Paper withBorder radius="md" p="md">
      <form
        aria-label="Import the support catalogue"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!file) return;
          importing.mutate({ csv: await file.text(), source: file.name });
        }}
      >
        <Group align="flex-end" gap="md" wrap="wrap">
          <FileInput
            label="Support Catalogue (CSV)"
            description="The NDIA's spreadsheet saved as CSV, or the 2026-27 pricing schedule"
            accept=".csv,text/csv"
            w={340}
            value={file}
            onChange={setFile}
            clearable
            clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
          />
          <Button type="submit" disabled={!file} loading={importing.isPending}>
            Import
          </Button>
        </Group>
      </form>
      {importing.isError ? (
        <ProblemAlert error={importing.error} title="The catalogue was not imported" />
      ) : null}
      {importing.data ? (
        <Alert color="green" variant="light" mt="sm" role="status">
          <Text size="sm">
            <strong>Catalogue imported:</strong> {importing.data.items} support items read;{' '}
            {importing.data.inserted} versions saved
            {importing.data.replaced ? `, ${importing.data.replaced} replaced` : ''}
            {importing.data.ended ? `, ${importing.data.ended} earlier versions ended` : ''}.
          </Text>
        </Alert>
      ) : null}
    </Paper>
  );
}
