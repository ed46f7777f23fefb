import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState } from 'react';
import type { Permission, PermissionKey, Role, RoleInput } from '../../api/types';
import { blankToNull } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';

type RoleFormValues = { name: string; description: string; permissions: string[] };

type Props = {
  role: Role | null;
  permissions: Permission[];
  readOnly: boolean;
  onSubmit: (input: RoleInput) => Promise<unknown>;
  onCancel: () => void;
};

export function groupPermissions(permissions: Permission[]): [string, Permission[]][] {
  const groups = new Map<string, Permission[]>();
  for (const permission of permissions) {
    const list = groups.get(permission.group) ?? [];
    list.push(permission);
    groups.set(permission.group, list);
  }
  return [...groups.entries()];
}

export function RoleForm({ role, permissions, readOnly, onSubmit, onCancel }: Props) {
  const [problem, setProblem] = useState<unknown>(null);
  const form = useForm<RoleFormValues>({
    mode: 'controlled',
    initialValues: {
      name: role?.name ?? '',
      description: role?.description ?? '',
      permissions: role?.permissions ?? [],
    },
    validateInputOnChange: true,
    validate: {
      name: (value) =>
        value.trim() ? (value.length > 80 ? 'Keep the name under 80 characters' : null) : 'Name is required',
    },
  });
  const grouped = useMemo(() => groupPermissions(permissions), [permissions]);
  const offered = useMemo(() => new Set<string>(permissions.map((p) => p.key)), [permissions]);
  const selected = new Set(form.values.permissions);

  const toggle = (key: string, checked: boolean) => {
    const next = new Set(form.values.permissions);
    if (checked) next.add(key);
    else next.delete(key);
    form.setFieldValue('permissions', [...next]);
  };

  return (
    <form
      noValidate
      aria-label={role ? `Role ${role.name}` : 'New role'}
      onSubmit={form.onSubmit(async (values) => {
        setProblem(null);
        try {
          await onSubmit({
            name: values.name.trim(),
            description: blankToNull(values.description),
            // Only keys the server offers: it refuses any other (e.g. one a role kept from an older version).
            permissions: values.permissions.filter((key): key is PermissionKey => offered.has(key)),
          });
        } catch (error) {
          applyServerErrors(error, form.setErrors, ['name', 'description', 'permissions']);
          setProblem(error);
        }
      })}
    >
      <Stack gap="md">
        {readOnly ? (
          <Alert color="blue" variant="light" title="View only">
            {role?.key === 'administrator'
              ? "The Administrator role always has every permission, so it can't be changed."
              : "You can view this role's permissions but not change them."}
          </Alert>
        ) : null}
        {problem ? <ProblemAlert error={problem} title="The role couldn't be saved" /> : null}
        <TextInput label="Name" required readOnly={readOnly} data-autofocus {...form.getInputProps('name')} />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          readOnly={readOnly}
          {...form.getInputProps('description')}
        />
        {form.errors.permissions ? (
          <Alert color="red" variant="light" role="alert">
            {form.errors.permissions}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {grouped.map(([group, items]) => (
            <Fieldset key={group} legend={group} radius="md">
              <Stack gap="xs">
                {items.map((permission) => (
                  <Checkbox
                    key={permission.key}
                    label={permission.label}
                    description={permission.key}
                    checked={selected.has(permission.key)}
                    disabled={readOnly}
                    onChange={(event) => toggle(permission.key, event.currentTarget.checked)}
                  />
                ))}
              </Stack>
            </Fieldset>
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {readOnly ? 'Close' : 'Cancel'}
          </Button>
          {readOnly ? null : (
            <Button type="submit" loading={form.submitting}>
              {role ? 'Save role' : 'Create role'}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
