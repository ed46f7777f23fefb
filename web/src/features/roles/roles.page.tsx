import { Anchor, Badge, Button, Group, Modal, Paper, Skeleton, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { rolesApi } from '../../api/endpoints';
import type { Role, RoleInput } from '../../api/types';
import { useConfirm } from '../../shared/confirm-dialog';
import { EmptyState } from '../../shared/empty-state';
import { orDash } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { useRoles } from '../staff/staff-queries';
import { RoleForm } from './role-form';

type Editing = { role: Role | null } | null;

export function RolesPage() {
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const permissions = useQuery({
    queryKey: ['permissions'],
    queryFn: () => rolesApi.permissions(),
    staleTime: Infinity,
  });
  const [editing, setEditing] = useState<Editing>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: RoleInput }) =>
      id ? rolesApi.update(id, input) : rolesApi.create(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['roles'] }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => rolesApi.remove(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['roles'] }),
  });
  const labels = new Map((permissions.data ?? []).map((permission) => [permission.key, permission.label]));
  const editingRole = editing?.role ?? null;

  return (
    <>
      <PageHeader
        title="Roles"
        description="A role is a named set of permissions; staff get every permission of every role they hold"
        actions={<Button onClick={() => setEditing({ role: null })}>New role</Button>}
      />
      {problem ? <ProblemAlert error={problem} /> : null}
      {roles.isError ? <ProblemAlert error={roles.error} title="Roles couldn't be loaded" /> : null}
      {roles.isPending ? (
        <Skeleton height={240} radius="md" />
      ) : roles.data && roles.data.length === 0 ? (
        <EmptyState title="No roles yet" />
      ) : roles.data ? (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={760} type="native">
            <Table aria-label="Roles">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Description</Table.Th>
                  <Table.Th>Permissions</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {roles.data.map((role) => (
                  <Table.Tr key={role.id}>
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        fw={600}
                        c="brand.9"
                        onClick={() => setEditing({ role })}
                      >
                        {role.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="sm" lineClamp={2}>
                        {orDash(role.description)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        title={role.permissions.map((key) => labels.get(key) ?? key).join(', ')}
                      >
                        {role.permissions.length}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {role.builtIn ? (
                        <Badge variant="light" color="blue">
                          Built-in
                        </Badge>
                      ) : (
                        <Badge variant="light" color="gray">
                          Custom
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setEditing({ role })}>
                          {role.key === 'administrator' ? 'View' : 'Edit'}
                          <span className="visually-hidden"> {role.name}</span>
                        </Button>
                        {role.builtIn ? null : (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            loading={remove.isPending && remove.variables === role.id}
                            onClick={async () => {
                              const ok = await confirm({
                                title: `Delete the role “${role.name}”?`,
                                confirmLabel: 'Delete role',
                                danger: true,
                              });
                              if (!ok) return;
                              setProblem(null);
                              try {
                                await remove.mutateAsync(role.id);
                                notifications.show({
                                  color: 'brand',
                                  title: 'Role deleted',
                                  message: `${role.name} was deleted.`,
                                });
                              } catch (error) {
                                setProblem(error);
                              }
                            }}
                          >
                            Delete<span className="visually-hidden"> {role.name}</span>
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editingRole ? editingRole.name : 'New role'}
        size="xl"
      >
        {permissions.isError ? (
          <ProblemAlert error={permissions.error} title="Permissions couldn't be loaded" />
        ) : null}
        {editing && permissions.data ? (
          <RoleForm
            key={editingRole?.id ?? 'new'}
            role={editingRole}
            permissions={permissions.data}
            readOnly={editingRole?.key === 'administrator'}
            onCancel={() => setEditing(null)}
            onSubmit={async (input) => {
              const saved = await save.mutateAsync({ id: editingRole?.id ?? null, input });
              notifications.show({
                color: 'brand',
                title: 'Role saved',
                message: `${saved.name} was saved.`,
              });
              setEditing(null);
            }}
          />
        ) : editing && permissions.isPending ? (
          <Skeleton height={300} />
        ) : null}
      </Modal>
    </>
  );
}
