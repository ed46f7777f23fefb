import { Anchor, Badge, Button, Group, Modal, Paper, Skeleton, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Staff } from '../../api/types';
import { useAuth, useMe } from '../../auth/auth-context';
import { EmptyState } from '../../shared/empty-state';
import { fullName, orDash } from '../../shared/format';
import { LoadMore } from '../../shared/load-more';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { CarerContractModal } from '../contracts/carer-contract-modal';
import { StaffAvailabilityModal } from './staff-availability-modal';
import { StaffForm } from './staff-form';
import { useSaveStaff, useStaffList } from './staff-queries';

type Editing = { staff: Staff | null } | null;

export function StaffListPage() {
  const me = useMe();
  const { can } = useAuth();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [editing, setEditing] = useState<Editing>(null);
  const [availabilityOf, setAvailabilityOf] = useState<Staff | null>(null);
  const [carerContractOf, setCarerContractOf] = useState<Staff | null>(null);
  const query = useStaffList({ q: debounced });
  const save = useSaveStaff(editing?.staff?.id ?? null);
  const staff = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Staff"
        description="People in your organisation, their roles and whether they deliver services"
        actions={
          <>
            {can('roles.manage') ? (
              <Button component={Link} to="/staff/roles" variant="default">
                Manage roles
              </Button>
            ) : null}
            <Button onClick={() => setEditing({ staff: null })}>New staff member</Button>
          </>
        }
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <TextInput
          label="Search staff"
          placeholder="Name or e-mail"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={{ base: '100%', sm: 360 }}
        />
      </Paper>
      {query.isError ? <ProblemAlert error={query.error} title="Staff couldn't be loaded" /> : null}
      {query.isPending ? (
        <Skeleton height={240} radius="md" />
      ) : staff.length === 0 && !query.isError ? (
        <EmptyState title={debounced ? `No staff match “${debounced}”` : 'No staff yet'} />
      ) : staff.length > 0 ? (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={1100} type="native">
            <Table aria-label="Staff">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>E-mail</Table.Th>
                  <Table.Th>Phone</Table.Th>
                  <Table.Th>Time zone</Table.Th>
                  <Table.Th>Delivers services</Table.Th>
                  <Table.Th>Roles</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {staff.map((member) => (
                  <Table.Tr
                    key={member.id}
                    className="clickable-row"
                    onClick={() => setEditing({ staff: member })}
                  >
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        fw={600}
                        c="brand.9"
                        onClick={(event) => {
                          event.stopPropagation();
                          setEditing({ staff: member });
                        }}
                      >
                        {fullName(member)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{member.email}</Table.Td>
                    <Table.Td>{orDash(member.phone)}</Table.Td>
                    <Table.Td>{member.timeZone}</Table.Td>
                    <Table.Td>{member.deliversServices ? 'Yes' : 'No'}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {member.roles.length === 0 ? (
                          <Text size="sm" c="gray.7">
                            None
                          </Text>
                        ) : (
                          member.roles.map((role) => (
                            <Badge key={role.id} variant="light" color="gray" tt="none">
                              {role.name}
                            </Badge>
                          ))
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {member.active ? (
                        <Badge color="brand" variant="light">
                          Active
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="light">
                          Inactive
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-label={`Availability of ${fullName(member)}`}
                          onClick={(event) => {
                            event.stopPropagation();
                            setAvailabilityOf(member);
                          }}
                        >
                          Availability
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          component={Link}
                          to={`/staff/${member.id}/schedules`}
                          aria-label={`Work schedules of ${fullName(member)}`}
                          onClick={(event) => event.stopPropagation()}
                        >
                          Schedules
                        </Button>
                        {can('contracts.manage') ? (
                          <Button
                            size="xs"
                            variant="light"
                            aria-label={`Carer contract of ${fullName(member)}`}
                            onClick={(event) => {
                              event.stopPropagation();
                              setCarerContractOf(member);
                            }}
                          >
                            Carer contract
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={query.fetchNextPage}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.staff ? `Edit ${fullName(editing.staff)}` : 'New staff member'}
        size="lg"
      >
        {editing ? (
          <StaffForm
            key={editing.staff?.id ?? 'new'}
            staff={editing.staff}
            defaultTimeZone={me.organisation.timeZone}
            onCancel={() => setEditing(null)}
            onSubmit={async (input) => {
              const saved = await save.mutateAsync(input);
              notifications.show({
                color: 'brand',
                title: editing.staff ? 'Staff member saved' : 'Staff member created',
                message: `${fullName(saved)} was saved.`,
              });
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
      {availabilityOf ? (
        <StaffAvailabilityModal staff={availabilityOf} onClose={() => setAvailabilityOf(null)} />
      ) : null}
      <CarerContractModal
        staff={carerContractOf ? { id: carerContractOf.id, name: fullName(carerContractOf) } : null}
        onClose={() => setCarerContractOf(null)}
      />
    </>
  );
}
