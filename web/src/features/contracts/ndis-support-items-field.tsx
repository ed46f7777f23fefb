import { Fieldset, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { NDIS_BANDS } from './option-draft';

/**
 * The NDIS support item a visit is claimed under, per time band. The server picks the band (public holidays
 * of the client's region) and checks the rate against the item's price limit; this only names the items.
 */
export function NdisSupportItemsField<D>({
  form,
  path,
  description,
}: {
  form: UseFormReturnType<D>;
  /** `optionSets.N.options` */
  path: string;
  description?: string;
}) {
  return (
    <Fieldset
      legend="NDIS support items by time band"
      variant="unstyled"
      styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)', marginBottom: 4 } }}
    >
      {description ? (
        <p style={{ margin: '0 0 8px', fontSize: 'var(--mantine-font-size-xs)' }}>{description}</p>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {NDIS_BANDS.map(({ band, label }) => (
          <TextInput
            key={band}
            label={label}
            placeholder="01_011_0107_1_1"
            {...form.getInputProps(`${path}.ndisSupportItems.${String(band)}` as never)}
          />
        ))}
      </SimpleGrid>
    </Fieldset>
  );
}
