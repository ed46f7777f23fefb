import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { timeZoneOptions } from './time-zones';

export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  const data = useMemo(() => {
    const zones = timeZoneOptions();
    const value = typeof props.value === 'string' ? props.value : null;
    return value && !zones.includes(value) ? [value, ...zones] : zones;
  }, [props.value]);
  return (
    <Select
      searchable
      limit={60}
      nothingFoundMessage="No matching time zone"
      placeholder="Search, e.g. Sydney"
      {...props}
      data={data}
    />
  );
}
