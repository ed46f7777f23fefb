import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <Stack align="center" gap="sm" py={64} ta="center">
      <Title order={1} size="h2">
        We couldn't find that {what}
      </Title>
      <Text c="dimmed">It may have been removed, or the link may be wrong.</Text>
      <Button component={Link} to="/" variant="light">
        Go to my home page
      </Button>
    </Stack>
  );
}
