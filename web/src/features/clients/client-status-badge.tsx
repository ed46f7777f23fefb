import { Badge } from '@mantine/core';
import type { ClientStatus } from '../../api/types';

export function ClientStatusBadge({ status }: { status: ClientStatus }) {
  return status === 'active' ? (
    <Badge color="brand" variant="light">
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      Inactive
    </Badge>
  );
}
