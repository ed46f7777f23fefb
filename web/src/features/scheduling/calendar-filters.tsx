import { Group, MultiSelect, Select } from '@mantine/core';
import { useMe } from '../../auth/auth-context';
import { fullName } from '../../shared/format';
import { TimeZoneSelect } from '../../shared/time-zone-select';
import { zoneAbbreviation } from '../../shared/time-zones';
import { ClientPicker } from '../clients/client-picker';
import { useDeliveringStaff, useServiceTypes } from './scheduling-queries';

export type CalendarKind = 'individual' | 'group' | 'adhoc' | 'scheduled';

export type CalendarFilterValues = {
  zone: string;
  staffIds: string[];
  clientId: string | null;
  clientName: string | null;
  serviceTypeId: string | null;
  statuses: string[];
  kind: CalendarKind | null;
};

const STATUSES = [
  { value: 'booked', label: 'Booked' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
];

const KINDS: { value: CalendarKind; label: string }[] = [
  { value: 'individual', label: 'Individual appointments' },
  { value: 'group', label: 'Group sessions' },
  { value: 'adhoc', label: 'One-off bookings' },
  { value: 'scheduled', label: 'From a scheduled service' },
];

/** The sessions calendar's filters: the zone shown, worker, client, service type, status and kind. */
export function CalendarFilters({
  value,
  onChange,
}: {
  value: CalendarFilterValues;
  onChange: (next: CalendarFilterValues) => void;
}) {
  const me = useMe();
  const serviceTypes = useServiceTypes();
  const staff = useDeliveringStaff();
  const set = (patch: Partial<CalendarFilterValues>) => onChange({ ...value, ...patch });
  const zoneNote =
    value.zone === me.timeZone
      ? me.user.timeZone
        ? ' · your zone'
        : ' · your zone (the organisation’s)'
      : value.zone === me.organisation.timeZone
        ? ' · the organisation’s zone'
        : '';
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TimeZoneSelect
        label="Time zone shown"
        value={value.zone}
        onChange={(zone) => zone && set({ zone })}
        allowDeselect={false}
        w={230}
        description={`${zoneAbbreviation(value.zone)}${zoneNote}`}
      />
      <MultiSelect
        label="Worker"
        placeholder={value.staffIds.length ? undefined : 'All workers'}
        searchable
        clearable
        w={220}
        data={(staff.data?.items ?? [])
          .filter((member) => member.active)
          .map((member) => ({ value: member.id, label: fullName(member) }))}
        value={value.staffIds}
        onChange={(staffIds) => set({ staffIds })}
      />
      <ClientPicker
        label="Client"
        placeholder="All clients"
        w={220}
        value={value.clientId}
        selectedName={value.clientName}
        onChange={(clientId, clientName) => set({ clientId, clientName })}
      />
      <Select
        label="Service type"
        placeholder="All service types"
        clearable
        w={180}
        data={(serviceTypes.data ?? []).map((type) => ({ value: type.id, label: type.name }))}
        value={value.serviceTypeId}
        onChange={(serviceTypeId) => set({ serviceTypeId })}
      />
      <MultiSelect
        label="Status"
        placeholder={value.statuses.length ? undefined : 'All statuses'}
        w={240}
        data={STATUSES}
        value={value.statuses}
        onChange={(statuses) => set({ statuses })}
      />
      <Select
        label="Kind"
        placeholder="All kinds"
        clearable
        w={200}
        data={KINDS}
        value={value.kind}
        onChange={(kind) => set({ kind: kind as CalendarKind | null })}
      />
    </Group>
  );
}
