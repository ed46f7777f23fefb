import { Button, Group, MultiSelect, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { Staff, StaffInput } from '../../api/types';
import { blankToNull } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { TimeZoneSelect } from '../../shared/time-zone-select';
import { useRoles } from './staff-queries';

type StaffFormValues = {
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  timeZone: string;
  deliversServices: boolean;
  active: boolean;
  roleIds: string[];
};

const FIELDS = [
  'givenName',
  'familyName',
  'email',
  'phone',
  'timeZone',
  'deliversServices',
  'active',
  'roleIds',
];

type Props = {
  staff: Staff | null;
  defaultTimeZone: string;
  onSubmit: (input: StaffInput) => Promise<unknown>;
  onCancel: () => void;
};

export function StaffForm({ staff, defaultTimeZone, onSubmit, onCancel }: Props) {
  const roles = useRoles();
  const [problem, setProblem] = useState<unknown>(null);
  const form = useForm<StaffFormValues>({
    mode: 'controlled',
    initialValues: {
      givenName: staff?.givenName ?? '',
      familyName: staff?.familyName ?? '',
      email: staff?.email ?? '',
      phone: staff?.phone ?? '',
      timeZone: staff?.timeZone ?? defaultTimeZone,
      deliversServices: staff?.deliversServices ?? true,
      active: staff?.active ?? true,
      roleIds: staff?.roles.map((role) => role.id) ?? [],
    },
    validateInputOnChange: true,
    validate: {
      givenName: (value) => (value.trim() ? null : 'Given name is required'),
      familyName: (value) => (value.trim() ? null : 'Family name is required'),
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter a valid e-mail'),
      timeZone: (value) => (value ? null : 'Time zone is required'),
    },
  });

  const roleData = roles.data
    ? roles.data.map((role) => ({ value: role.id, label: role.name }))
    : (staff?.roles ?? []).map((role) => ({ value: role.id, label: role.name }));

  return (
    <form
      noValidate
      aria-label={staff ? 'Edit staff member' : 'New staff member'}
      onSubmit={form.onSubmit(async (values) => {
        setProblem(null);
        try {
          await onSubmit({
            givenName: values.givenName.trim(),
            familyName: values.familyName.trim(),
            email: values.email.trim(),
            phone: blankToNull(values.phone),
            timeZone: values.timeZone,
            deliversServices: values.deliversServices,
            active: values.active,
            roleIds: values.roleIds,
          });
        } catch (error) {
          applyServerErrors(error, form.setErrors, FIELDS, { roles: 'roleIds' });
          setProblem(error);
        }
      })}
    >
      <Stack gap="md">
        {problem ? <ProblemAlert error={problem} title="The staff member couldn't be saved" /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Given name" required data-autofocus {...form.getInputProps('givenName')} />
          <TextInput label="Family name" required {...form.getInputProps('familyName')} />
          <TextInput label="E-mail" type="email" required {...form.getInputProps('email')} />
          <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
        </SimpleGrid>
        <TimeZoneSelect
          label="Time zone"
          required
          allowDeselect={false}
          {...form.getInputProps('timeZone')}
        />
        <MultiSelect
          label="Roles"
          placeholder={roleData.length ? 'Pick roles' : 'No roles available'}
          data={roleData}
          searchable
          nothingFoundMessage={roles.isPending ? 'Loading roles…' : 'No role matches'}
          clearable
          disabled={roles.isError && roleData.length === 0}
          description={roles.isError ? "Roles couldn't be loaded, so they can't be changed here" : undefined}
          {...form.getInputProps('roleIds')}
        />
        <Group gap="xl">
          <Switch
            label="Delivers services"
            description="Can be assigned to bookings"
            {...form.getInputProps('deliversServices', { type: 'checkbox' })}
          />
          <Switch label="Active" {...form.getInputProps('active', { type: 'checkbox' })} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            {staff ? 'Save changes' : 'Create staff member'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
