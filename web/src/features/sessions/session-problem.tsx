import { Alert, List } from '@mantine/core';
import { describeError, isApiError } from '../../api/problem';

const WORDS: Record<string, string> = {
  serviceTypeIds: 'Service types',
  clients: 'Clients',
  workers: 'Workers',
  services: 'Services',
  capacity: 'Places',
  bookingDate: 'Date',
  startTime: 'Start time',
  durationMinutes: 'Duration',
  recurrence: 'Repeat',
  notifiedAt: 'When the provider was told',
  reasonCode: 'Reason',
  apportionment: 'Portions',
  transport: 'Transport',
  hourlyRateMinor: 'Hourly rate',
  contractId: 'Contract',
  actualStart: 'Actual start',
  actualEnd: 'Actual end',
};

/** "services.0.contractId" → "Services 1, Contract": the field as the form labels it. */
function fieldWords(field: string): string {
  return field
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : (WORDS[part] ?? part)))
    .join(' ')
    .replace(/ (\d+) /g, ' $1, ');
}

/** The server's refusal in its own words, with each field it names (a 422 lists them, a 409 says why). */
export function SessionProblem({ error, title }: { error: unknown; title: string }) {
  if (!error) return null;
  const fields = isApiError(error) ? (error.problem.errors ?? []) : [];
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {describeError(error)}
      {fields.length ? (
        <List size="sm" mt={4}>
          {fields.map((f) => (
            <List.Item key={`${f.field}:${f.reason}`}>
              {fieldWords(f.field)} {f.reason}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
