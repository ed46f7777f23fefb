import { Alert, Anchor, List } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { clientsApi } from '../../api/endpoints';
import type { ClientSummary } from '../../api/types';
import { clientSecondDetail } from './client-summary';

type Props = {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  ndisNumber: string;
  /** The client being edited, who is not their own duplicate. */
  clientId: string | null;
};

function ClientLink({ client }: { client: ClientSummary }) {
  return (
    <>
      <Anchor component={Link} to={`/clients/${client.id}/profile`} target="_blank" c="brand.9">
        {client.name}
      </Anchor>
      {clientSecondDetail(client) ? ` (${clientSecondDetail(client)})` : ''}
    </>
  );
}

/**
 * Asks the server, while someone types, whether this profile duplicates another: the server owns the rules
 * (same NDIS number: a save is refused; same name and date of birth: allowed, but worth a look).
 */
export function LikelyDuplicates(props: Props) {
  const [q] = useDebouncedValue(
    {
      givenName: props.givenName.trim(),
      familyName: props.familyName.trim(),
      dateOfBirth: props.dateOfBirth,
      ndisNumber: props.ndisNumber.replace(/\s+/g, ''),
    },
    400,
  );
  const asks = (q.givenName && q.familyName && q.dateOfBirth) || q.ndisNumber.length === 9;
  const query = useQuery({
    queryKey: ['clients', 'likely-duplicates', q, props.clientId],
    queryFn: () =>
      clientsApi.likelyDuplicates({
        ...(q.givenName ? { givenName: q.givenName } : {}),
        ...(q.familyName ? { familyName: q.familyName } : {}),
        ...(/^\d{4}-\d{2}-\d{2}$/.test(q.dateOfBirth) ? { dateOfBirth: q.dateOfBirth } : {}),
        ...(q.ndisNumber.length === 9 ? { ndisNumber: q.ndisNumber } : {}),
        ...(props.clientId ? { excludeId: props.clientId } : {}),
      }),
    enabled: Boolean(asks),
    staleTime: 10_000,
  });
  const found = query.data;
  if (!asks || !found) return null;
  return (
    <>
      {found.ndisNumber ? (
        <Alert color="red" variant="light" title="This NDIS number is already in use" role="alert">
          It belongs to <ClientLink client={found.ndisNumber} />. Each client has their own NDIS number, so
          this profile can't be saved with it.
        </Alert>
      ) : null}
      {found.sameNameAndBirth.length > 0 ? (
        <Alert
          color="yellow"
          variant="light"
          title="Is this client already in Carebook?"
          role="status"
          // Yellow titles on the light background are too faint to read (axe: colour contrast).
          styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
        >
          {found.sameNameAndBirth.length === 1
            ? 'A client with the same name and date of birth exists:'
            : 'Clients with the same name and date of birth exist:'}
          <List size="sm" mt={4}>
            {found.sameNameAndBirth.map((client) => (
              <List.Item key={client.id}>
                <ClientLink client={client} />
              </List.Item>
            ))}
          </List>
          If this is a different person, save as usual.
        </Alert>
      ) : null}
    </>
  );
}
