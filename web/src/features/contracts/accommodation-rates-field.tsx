import { Button, Fieldset, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { currencySymbol } from '../../shared/money';
import { newStayRate, type StayRateDraft } from './option-draft';

type InputProps = (path: string) => GetInputPropsReturnType;

/** The contract's prices per night or per 24-hour day for stays in a bed (option accommodationRates). */
export function AccommodationRatesField({
  path,
  rates,
  input,
  insert,
  remove,
}: {
  path: string;
  rates: StayRateDraft[];
  input: InputProps;
  insert: (draft: StayRateDraft) => void;
  remove: (index: number) => void;
}) {
  return (
    <Fieldset
      legend="Nightly and daily rates (stays)"
      variant="unstyled"
      styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)', marginBottom: 4 } }}
    >
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          Prices a stay in a bed per night or per 24-hour day (NDIS short-term accommodation), each night by
          the option set in force on it. Keep a rate's name across option sets so stays follow its price.
        </Text>
        {rates.map((rate, c) => (
          <Group key={rate.key} align="flex-end" gap="sm" wrap="wrap">
            <TextInput label="Name" w={220} {...input(`${path}.${c}.name`)} />
            <Select
              label="Per"
              w={150}
              allowDeselect={false}
              data={[
                { value: 'night', label: 'Night' },
                { value: 'day', label: '24-hour day' },
              ]}
              {...input(`${path}.${c}.unit`)}
            />
            <TextInput
              label="Rate"
              inputMode="decimal"
              leftSection={currencySymbol()}
              placeholder="0.00"
              w={140}
              {...input(`${path}.${c}.rate`)}
            />
            <TextInput
              label="Support item"
              placeholder="01_058_0115_1_1"
              w={170}
              {...input(`${path}.${c}.supportItem`)}
            />
            <Button
              variant="subtle"
              color="red"
              c="red.9"
              aria-label={`Remove nightly or daily rate ${c + 1}`}
              onClick={() => remove(c)}
            >
              Remove
            </Button>
          </Group>
        ))}
        <Group>
          <Button size="xs" variant="default" onClick={() => insert(newStayRate())}>
            Add nightly or daily rate
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
