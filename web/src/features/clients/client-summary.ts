import { formatDayMonthYear } from '../../shared/format';

/** What tells two clients of the same name apart in a list: date of birth, then suburb. */
export function clientSecondDetail(client: { dateOfBirth: string | null; suburb: string | null }): string {
  const parts = [
    client.dateOfBirth ? `born ${formatDayMonthYear(client.dateOfBirth)}` : null,
    client.suburb?.trim() || null,
  ].filter(Boolean);
  return parts.join(', ');
}
