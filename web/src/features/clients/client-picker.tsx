import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { clientsApi } from '../../api/endpoints';
import { fullName } from '../../shared/format';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (clientId: string | null, name: string | null) => void;
  /** The chosen client's name, so it shows before (or without) a search. */
  selectedName?: string | null;
};

/** A searchable client select that asks the server (names, preferred names, NDIS numbers). */
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
      placeholder="Search by name"
      nothingFoundMessage={query.isFetching ? 'Searching…' : 'No client matches'}
      filter={({ options }) => options}
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
