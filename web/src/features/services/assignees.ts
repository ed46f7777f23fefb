import type { ComboboxItem, ComboboxItemGroup } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { rolesApi, staffApi } from '../../api/endpoints';
import type { AssigneeRef, NamedAssignee } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { fullName } from '../../shared/format';

/** Select values: 'staff:<id>' or 'role:<id>'. */
export const encodeAssignee = (assignee: AssigneeRef | null | undefined): string | null =>
  assignee ? `${assignee.type}:${assignee.id}` : null;

export function decodeAssignee(value: string | null): AssigneeRef | null {
  if (!value) return null;
  const separator = value.indexOf(':');
  const type = value.slice(0, separator);
  if (type !== 'staff' && type !== 'role') return null;
  return { type, id: value.slice(separator + 1) };
}

export const sameAssignee = (a: AssigneeRef | null | undefined, b: AssigneeRef | null | undefined) =>
  encodeAssignee(a) === encodeAssignee(b);

/**
 * Who a service can go to: active staff, and roles (whose holders share it). GET /roles needs roles.manage,
 * so without it the roles come from the staff list (the roles somebody holds). Either list may be refused;
 * `current` keeps already chosen assignees selectable with their names.
 */
export function useAssigneeData(current: readonly (NamedAssignee | null | undefined)[] = []) {
  const { can } = useAuth();
  const staff = useQuery({
    queryKey: ['staff', 'active-all'],
    queryFn: () => staffApi.list({}, null, 200),
    staleTime: 60_000,
  });
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: () => rolesApi.list(),
    enabled: can('roles.manage'),
    staleTime: 60_000,
  });
  const currentKey = current.map((item) => (item ? `${encodeAssignee(item)}=${item.name}` : '')).join('|');

  // biome-ignore lint/correctness/useExhaustiveDependencies: currentKey stands for `current`
  const data = useMemo<ComboboxItemGroup<ComboboxItem>[]>(() => {
    const members = (staff.data?.items ?? []).filter((member) => member.active);
    const staffItems = members.map((member) => ({ value: `staff:${member.id}`, label: fullName(member) }));
    const roleList = roles.data ?? [
      ...new Map(members.flatMap((member) => member.roles).map((role) => [role.id, role])).values(),
    ];
    const roleItems = roleList.map((role) => ({ value: `role:${role.id}`, label: `${role.name} (role)` }));
    for (const item of current) {
      if (!item) continue;
      const value = encodeAssignee(item) ?? '';
      const list = item.type === 'staff' ? staffItems : roleItems;
      if (!list.some((option) => option.value === value)) {
        list.unshift({ value, label: item.type === 'role' ? `${item.name} (role)` : item.name });
      }
    }
    staffItems.sort((a, b) => a.label.localeCompare(b.label));
    roleItems.sort((a, b) => a.label.localeCompare(b.label));
    return [
      { group: 'Staff', items: staffItems },
      { group: 'Roles', items: roleItems },
    ].filter((group) => group.items.length > 0);
  }, [staff.data, roles.data, currentKey]);

  const labelOf = (value: string | null): string | null => {
    if (!value) return null;
    for (const group of data) {
      const found = group.items.find((item) => item.value === value);
      if (found) return found.label;
    }
    return null;
  };

  return { data, labelOf, loading: staff.isPending, error: staff.error };
}
