import { Checkbox, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ChoiceQuery, notificationsApi } from './notifications-api';

type Props = {
  /** A booking being edited or cancelled, or the client of a new one. */
  query: ChoiceQuery;
  /** The person's choice; undefined: untouched, the server's answer shows and nothing is sent. */
  value: boolean | undefined;
  onChange: (value: boolean) => void;
  /** What the client would be sent, in words ("a change notice with an updated invitation"). */
  what: string;
};

const SOURCE: Record<'booking' | 'service_type' | 'default', string> = {
  booking: "this booking's earlier choice",
  service_type: "the service type's default",
  default: 'the default',
};

/**
 * The "Notify the client" box of booking forms. It starts as the server says (the booking's own choice, else its
 * service type's default, else yes: GET /notification-choice), so the web never repeats that rule, and names
 * who would hear. Only a change the person makes is sent with the write.
 */
export function NotifyClientCheckbox({ query, value, onChange, what }: Props) {
  const choice = useQuery({
    queryKey: ['notification-choice', query],
    queryFn: () => notificationsApi.choice(query),
  });
  if (choice.isError) return null; // the write still follows the server's rule
  const data = choice.data;
  const nobody = data !== undefined && data.recipients.length === 0;
  const to = data?.recipients
    .map((r) => `${r.name} (${r.channel === 'email' ? 'e-mail' : 'SMS'} ${r.address})`)
    .join(', ');
  return (
    <Checkbox
      label="Notify the client"
      aria-busy={choice.isLoading}
      disabled={data === undefined || nobody}
      checked={value ?? data?.notifyClient ?? false}
      onChange={(e) => onChange(e.currentTarget.checked)}
      description={
        data === undefined ? (
          'Checking who would be told…'
        ) : nobody ? (
          'Nobody to notify: the client has no e-mail address and no contact has opted in.'
        ) : (
          <Text span size="xs">
            Sends {what} to {to}.
            {value === undefined
              ? ` ${data.notifyClient ? 'Ticked' : 'Unticked'} by ${SOURCE[data.source]}.`
              : ''}
          </Text>
        )
      }
    />
  );
}
