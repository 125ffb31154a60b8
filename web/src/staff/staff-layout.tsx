import { AppShell, Burger, Button, Center, Group, Loader, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api/client';
import { logout } from '../app/api/endpoints';
import { isStaff, ME_KEY, useMe } from '../app/auth/use-me';
import { IconLogout } from '../app/components/icons';
import { LanguageSwitch } from '../app/components/language-switch';
import { MAIN_ID, SkipLink } from '../app/components/skip-link';
import { LoginPage } from './login-page';
import { staffLinks } from './modules';

export function StaffLayout() {
  const { t, i18n } = useTranslation();
  const { me, isPending, error } = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const queryClient = useQueryClient();

  if (isPending) {
    return (
      <Center mih="100vh" role="status" aria-live="polite">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (!isStaff(me)) {
    // No session, or no API to ask: either way the way in is the login form.
    const unavailable = error instanceof ApiError ? error.code === 'api.unavailable' : !!error;
    return (
      <>
        <SkipLink />
        <LoginPage unavailable={unavailable} />
      </>
    );
  }

  const links = staffLinks(me);
  const signOut = async () => {
    await logout().catch(() => undefined);
    queryClient.setQueryData(ME_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  };

  return (
    <>
      <SkipLink />
      <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('staff.toggleNav')} />
              <img src="/favicon.svg" alt="" width={32} height={32} />
              <Text fw={700} c="aegean.8" visibleFrom="xs">
                {t('app.name')} · {t('staff.area')}
              </Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" visibleFrom="md">
                {me.displayName ?? me.email}
              </Text>
              <LanguageSwitch />
              <Button variant="subtle" size="compact-md" leftSection={<IconLogout width={18} height={18} />} onClick={() => void signOut()}>
                {t('staff.signOut')}
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" component="nav" aria-label={t('staff.modulesNav')}>
          <ScrollArea>
            {links.map(({ key, to, params, label, Icon }) => (
              <NavLink
                key={key}
                renderRoot={(props) => (
                  <Link {...props} to={to} params={params} activeProps={{ 'aria-current': 'page', 'data-active': true }} />
                )}
                label={label(t, i18n.language)}
                leftSection={<Icon width={20} height={20} />}
                onClick={close}
              />
            ))}
          </ScrollArea>
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
