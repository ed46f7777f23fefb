import { Anchor, Group, Paper, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { ServiceSummary } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { formatPlainDate } from '../../shared/format';
import { DueBucketBadge, ServiceStatusBadge } from './service-badges';

type Props = {
  services: ServiceSummary[];
  label: string;
  /** Leave the client column out where the page is already about one client. */
  showClient?: boolean;
};

export function ServicesTable({ services, label, showClient = true }: Props) {
  const navigate = useNavigate();
  const { can } = useAuth();
  const linkClients = can('clients.read');
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={showClient ? 820 : 640} type="native">
        {/* Fixed widths keep the columns aligned when a page shows several of these tables. */}
        <Table aria-label={label} layout="fixed">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th w={showClient ? '30%' : '38%'}>Service</Table.Th>
              {showClient ? <Table.Th w="20%">Client</Table.Th> : null}
              <Table.Th w={showClient ? '24%' : '28%'}>Due</Table.Th>
              <Table.Th w={showClient ? '14%' : '20%'}>Assignee</Table.Th>
              <Table.Th w={showClient ? '12%' : '14%'}>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {services.map((service) => (
              <Table.Tr
                key={service.id}
                className="clickable-row"
                data-service-id={service.id}
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('a')) return;
                  navigate(`/services/${service.id}`);
                }}
              >
                <Table.Td>
                  <Anchor component={Link} to={`/services/${service.id}`} fw={600} c="brand.9">
                    {service.title}
                  </Anchor>
                  {service.stepIndex !== null ? (
                    <Text size="xs" c="dimmed">
                      Plan step {service.stepIndex + 1}
                    </Text>
                  ) : null}
                </Table.Td>
                {showClient ? (
                  <Table.Td>
                    {linkClients ? (
                      <Anchor component={Link} to={`/clients/${service.clientId}/services`} c="brand.9">
                        {service.clientName}
                      </Anchor>
                    ) : (
                      service.clientName
                    )}
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatPlainDate(service.dueDate)}
                    </Text>
                    <DueBucketBadge bucket={service.dueBucket} />
                  </Group>
                </Table.Td>
                <Table.Td>{service.assignee?.name ?? 'Unassigned'}</Table.Td>
                <Table.Td>
                  <ServiceStatusBadge status={service.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
