import { Title } from '@mantine/core';

export function ClientContractsPage() {
  return (
    <Title order={2} size="h3">
      Contracts
    </Title>
  );
}
