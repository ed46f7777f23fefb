import { Select, type SelectProps, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { clientsApi } from '../../api/endpoints';
import { fullName } from '../../shared/format';
import { clientSecondDetail } from './client-summary';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (clientId: string | null, name: string | null) => void;
  /** The chosen client's name, so it shows before (or without) a search. */
  selectedName?: string | null;
};

/**
 * A searchable client select that asks the server (names in either order, preferred names, NDIS and phone
 * numbers). Each option shows the date of birth and suburb under the name, so two "Grace Harris" differ.
 */
export function ClientPicker({ value, onChange, selectedName = null, ...props }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const selectedLabel = picked?.value === value ? picked.label : selectedName;
  // While the box shows the chosen name, list everyone rather than filtering by that name.
  const term = debounced === selectedLabel ? '' : debounced;
  const query = useQuery({
    queryKey: ['clients', 'picker', term],
    queryFn: () => clientsApi.list({ q: term, status: 'active' }, null),
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });

  const details = useMemo(
    () => new Map((query.data?.items ?? []).map((client) => [client.id, clientSecondDetail(client)])),
    [query.data],
  );
  const data = useMemo(() => {
    const items = (query.data?.items ?? []).map((client) => ({ value: client.id, label: fullName(client) }));
    if (value && selectedLabel && !items.some((item) => item.value === value)) {
      items.unshift({ value, label: selectedLabel });
    }
    return items;
  }, [query.data, value, selectedLabel]);

  return (
    <Select
      searchable
      clearable
      placeholder="Search by name, NDIS or phone number"
      nothingFoundMessage={query.isFetching ? 'Searching…' : 'No client matches'}
      filter={({ options }) => options}
      renderOption={({ option }) => {
        const detail = details.get(option.value);
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {detail ? (
              <Text size="xs" c="gray.7">
                {detail}
              </Text>
            ) : null}
          </Stack>
        );
      }}
      {...props}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(next, option) => {
        setPicked(next && option ? { value: next, label: option.label } : null);
        onChange(next, option?.label ?? null);
      }}
    />
  );
}
