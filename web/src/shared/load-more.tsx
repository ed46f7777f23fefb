import { Button, Center } from '@mantine/core';

type Props = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  label?: string;
};

export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage, label = 'Load more' }: Props) {
  if (!hasNextPage) return null;
  return (
    <Center mt="md">
      <Button variant="default" loading={isFetchingNextPage} onClick={() => fetchNextPage()}>
        {label}
      </Button>
    </Center>
  );
}
