import { Alert, Text } from '@mantine/core';
import type { components } from '../../api/openapi.gen';
import { formatMoney } from '../../shared/money';

type SupportItemCheck = components['schemas']['SupportItemCheck'];

const BAND_WORDS: Record<SupportItemCheck['band'], string> = {
  weekday_daytime: 'Weekday daytime',
  weekday_evening: 'Weekday evening',
  weekday_night: 'Weekday night',
  saturday: 'Saturday',
  sunday: 'Sunday',
  public_holiday: 'Public holiday',
};

const COLOUR: Record<SupportItemCheck['verdict'], string> = {
  within: 'teal',
  warn: 'yellow',
  refuse: 'red',
  no_item: 'gray',
};

/** The NDIS support item the visit's band picked and its price-limit check, as the server decided them. */
export function SupportItemNote({ check }: { check: SupportItemCheck }) {
  return (
    <Alert color={COLOUR[check.verdict]} title="NDIS support item" data-testid="support-item-check">
      <Text size="sm">
        {BAND_WORDS[check.band]} ({check.bandReason}):{' '}
        {check.itemNumber ? (
          <strong>
            {check.itemNumber}
            {check.itemName ? ` ${check.itemName}` : ''}
          </strong>
        ) : (
          'no item'
        )}
        {check.limitMinor !== null ? `, price limit ${formatMoney(check.limitMinor)}` : ''}.
      </Text>
      <Text size="sm">{check.message}</Text>
    </Alert>
  );
}
