import { Alert } from '@mantine/core';
import { describeError } from '../api/problem';

export function ProblemAlert({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {describeError(error)}
    </Alert>
  );
}
