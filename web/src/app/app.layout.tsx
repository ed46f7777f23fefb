import {
  AppShell,
  Avatar,
  Box,
  Burger,
  Button,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link, matchPath, Outlet, useLocation } from 'react-router';
import { useAuth, useMe } from '../auth/auth-context';
import { ProfileModal } from '../features/profile/profile-modal';
import { NoticesBell } from '../features/scheduling/notices-bell';
import { ServiceLauncherProvider, useServiceLauncher } from '../features/services/service-launcher';
import { fullName } from '../shared/format';
import { allows, NAV_ITEMS, NAV_SECTIONS } from './navigation';

/** "New Service" in the header: deploy a plan, or one service on its own. */
function NewServiceMenu() {
  const { can } = useAuth();
  const launcher = useServiceLauncher();
  const canDeploy = can('services.deploy_plan');
  const canWrite = can('services.write');
  if (!canDeploy && !canWrite) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="light">
          New Service ▾
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {canDeploy ? (
          <Menu.Item onClick={() => launcher.openDeploy()}>Deploy a service plan</Menu.Item>
        ) : null}
        {canWrite ? <Menu.Item onClick={() => launcher.openNewService()}>New service</Menu.Item> : null}
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppLayout() {
  const me = useMe();
  const { can, signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [signingOut, setSigningOut] = useState(false);
  const [profileOpened, { open: openProfile, close: closeProfile }] = useDisclosure(false);
  const location = useLocation();
  const items = NAV_ITEMS.filter((item) => allows(can, item.permission));
  // The allowed links under their headings, in NAV_ITEMS' order; a heading with no allowed link is not shown.
  const sections = NAV_SECTIONS.map(
    (section) => [section, items.filter((i) => i.section === section)] as const,
  ).filter(([, links]) => links.length > 0);
  const name = fullName(me.staff);
  const initials = `${me.staff.givenName.charAt(0)}${me.staff.familyName.charAt(0)}`.toUpperCase();

  return (
    <ServiceLauncherProvider>
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <Box component="a" href="#main" className="skip-link">
          Skip to main content
        </Box>
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? 'Close navigation' : 'Open navigation'}
              />
              <UnstyledButton component={Link} to="/" aria-label="Carebook home">
                <Group gap={8} wrap="nowrap">
                  <img src="/favicon.svg" alt="" width={28} height={28} />
                  <Text fw={700} size="lg" c="brand.9">
                    Carebook
                  </Text>
                </Group>
              </UnstyledButton>
              <Text c="gray.7" size="sm" visibleFrom="xs" data-testid="org-name">
                {me.organisation.name}
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <NoticesBell />
              <NewServiceMenu />
              <UnstyledButton
                visibleFrom="sm"
                onClick={openProfile}
                aria-label={`Your profile: ${name}, times in ${me.timeZone}`}
              >
                <Group gap={8} wrap="nowrap">
                  <Avatar color="brand" radius="xl" size={32} aria-hidden>
                    {initials}
                  </Avatar>
                  <Stack gap={0}>
                    <Text size="sm" fw={600} data-testid="signed-in-user">
                      {name}
                    </Text>
                    <Text size="xs" c="gray.7">
                      {me.user.email}
                    </Text>
                  </Stack>
                </Group>
              </UnstyledButton>
              <Button
                variant="default"
                size="xs"
                loading={signingOut}
                onClick={async () => {
                  setSigningOut(true);
                  try {
                    await signOut();
                  } finally {
                    setSigningOut(false);
                  }
                }}
              >
                Sign out
              </Button>
            </Group>
          </Group>
        </AppShell.Header>

        {profileOpened ? <ProfileModal opened onClose={closeProfile} /> : null}
        <AppShell.Navbar p="sm" aria-label="Main navigation">
          {/* The links scroll inside the navbar: an administrator's list is longer than a laptop's screen. */}
          <AppShell.Section grow component={ScrollArea} type="auto">
            {sections.map(([section, links]) => (
              <Stack key={section} gap={2} mb="sm" role="group" aria-label={section}>
                <Text size="xs" fw={700} c="gray.7" tt="uppercase" px="sm" pt={4}>
                  {section}
                </Text>
                {links.map((item) => {
                  const active = !!matchPath({ path: item.to, end: item.end ?? false }, location.pathname);
                  return (
                    <NavLink
                      key={item.to}
                      component={Link}
                      to={item.to}
                      label={item.label}
                      active={active}
                      aria-current={active ? 'page' : undefined}
                      onClick={close}
                      variant="light"
                      styles={{ label: { fontWeight: 500 } }}
                    />
                  );
                })}
              </Stack>
            ))}
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id="main" tabIndex={-1}>
          <Box maw={1280} mx="auto">
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>
    </ServiceLauncherProvider>
  );
}
