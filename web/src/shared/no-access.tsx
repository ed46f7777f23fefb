import { Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NoAccess() {
  return (
    <Stack align="center" gap="sm" py={64} ta="center" data-testid="no-access">
      <ThemeIcon size={56} radius="xl" variant="light" color="orange" aria-hidden>
        <span style={{ fontSize: 28, lineHeight: 1 }}>🔒</span>
      </ThemeIcon>
      <Title order={1} size="h2">
        You don't have access to this page
      </Title>
      <Text c="dimmed" maw={460}>
        Your role doesn't include the permission this page needs. If you think that's wrong, ask an
        administrator in your organisation.
      </Text>
      <Button component={Link} to="/" variant="light">
        Go to my home page
      </Button>
    </Stack>
  );
}
