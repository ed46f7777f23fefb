import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMe } from '../../auth/auth-context';
import { formatInstant } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { useNotices, useReadNotices } from './scheduling-queries';

/**
 * Header bell: what happened that concerns the signed-in staff member (a booking assigned to them or taken from
 * them, moved or cancelled by someone else, a client's leave, a task of theirs overdue), unread ones marked, with "mark all read".
 */
export function NoticesBell() {
  const me = useMe();
  const notices = useNotices(true);
  const read = useReadNotices();
  const items = notices.data?.items ?? [];
  const unread = notices.data?.unread ?? 0;
  const label = `Notices: ${unread === 0 ? 'none unread' : `${unread} unread`}`;
  return (
    <Indicator label={unread} size={16} disabled={unread === 0} color="red.9" offset={4}>
      <Popover position="bottom-end" width={380} shadow="md" withinPortal>
        <Popover.Target>
          <ActionIcon variant="default" size="lg" aria-label={label} data-testid="notices-bell">
            <svg
              width="18"
              height="18"
              viewBox="0 0 24 24"
              aria-hidden="true"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            >
              <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown aria-busy={notices.isLoading || read.isPending}>
          <Group justify="space-between" mb="xs">
            <Text fw={600} size="sm">
              Notices
            </Text>
            {unread > 0 ? (
              <Button size="compact-xs" variant="subtle" onClick={() => read.mutate(undefined)}>
                Mark all read
              </Button>
            ) : null}
          </Group>
          {read.error ? <ProblemAlert error={read.error} title="Notices couldn't be marked read" /> : null}
          {notices.isLoading ? (
            <Text size="sm" c="gray.7">
              Loading notices…
            </Text>
          ) : items.length === 0 ? (
            <Text size="sm" c="gray.7">
              Nothing new.
            </Text>
          ) : (
            <ScrollArea.Autosize mah={360}>
              <Stack
                gap={4}
                component="ul"
                aria-label="Notices"
                style={{ listStyle: 'none', padding: 0, margin: 0 }}
              >
                {items.map((notice) => {
                  const isUnread = notice.readAt === null;
                  return (
                    <li key={notice.id} data-unread={isUnread || undefined}>
                      <UnstyledButton
                        w="100%"
                        p={6}
                        style={{
                          borderRadius: 4,
                          borderLeft: `3px solid ${isUnread ? 'var(--mantine-color-brand-7, var(--mantine-color-blue-7))' : 'transparent'}`,
                        }}
                        aria-label={isUnread ? `Mark read: ${notice.message}` : notice.message}
                        disabled={!isUnread}
                        onClick={() => read.mutate([notice.id])}
                      >
                        <Text size="sm" fw={isUnread ? 600 : 400}>
                          {notice.message}
                        </Text>
                        <Text size="xs" c="gray.7">
                          {formatInstant(notice.createdAt, me.staff.timeZone)}
                          {isUnread ? ' · unread' : ''}
                        </Text>
                      </UnstyledButton>
                    </li>
                  );
                })}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
