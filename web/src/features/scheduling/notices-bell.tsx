import { ActionIcon, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { useMe } from '../../auth/auth-context';
import { formatInstant } from '../../shared/format';
import { useNotices } from './scheduling-queries';

/** Header bell: in-app notices for the signed-in staff member, e.g. a client's leave suspended a booking. */
export function NoticesBell() {
  const me = useMe();
  const notices = useNotices(true);
  const items = notices.data ?? [];
  const label = `Notices: ${items.length === 0 ? 'none' : `${items.length} new`}`;
  return (
    <Indicator label={items.length} size={16} disabled={items.length === 0} color="red.9" offset={4}>
      <Popover position="bottom-end" width={360} shadow="md" withinPortal>
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
        <Popover.Dropdown>
          <Text fw={600} size="sm" mb="xs">
            Notices
          </Text>
          {items.length === 0 ? (
            <Text size="sm" c="gray.7">
              Nothing new.
            </Text>
          ) : (
            <ScrollArea.Autosize mah={320}>
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {items.map((notice) => (
                  <li key={notice.id}>
                    <Text size="sm">{notice.message}</Text>
                    <Text size="xs" c="gray.7">
                      {formatInstant(notice.createdAt, me.staff.timeZone)}
                    </Text>
                  </li>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
