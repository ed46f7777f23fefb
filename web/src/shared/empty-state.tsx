import { Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="xl" bg="var(--mantine-color-gray-0)">
      <Stack align="center" gap="xs" ta="center">
        <Text fw={600} size="lg">
          {title}
        </Text>
        {children ? (
          <Text c="dimmed" size="sm" maw={480}>
            {children}
          </Text>
        ) : null}
        {action}
      </Stack>
    </Paper>
  );
}
