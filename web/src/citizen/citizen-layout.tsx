import { Alert, Anchor, Box, Container, Group, Text, UnstyledButton } from '@mantine/core';
import { useNetwork } from '@mantine/hooks';
import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { IconBell, IconHome, IconList, IconMap, IconPlus, IconUser } from '../app/components/icons';
import { LanguageSwitch } from '../app/components/language-switch';
import { MAIN_ID, SkipLink } from '../app/components/skip-link';

const tabs = [
  { to: '/', key: 'nav.home', Icon: IconHome },
  { to: '/map', key: 'nav.map', Icon: IconMap },
  { to: '/new', key: 'nav.new', Icon: IconPlus },
  { to: '/requests', key: 'nav.requestsShort', Icon: IconList },
  { to: '/notifications', key: 'nav.notifications', Icon: IconBell },
] as const;

/** The citizen face: mobile-first, works with no account, bottom navigation on every page. */
export function CitizenLayout() {
  const { t } = useTranslation();
  const { online } = useNetwork();
  return (
    <>
      <SkipLink />
      <Box component="header" bg="aegean.8" c="white" py="xs">
        <Container size="md">
          <Group justify="space-between" wrap="nowrap">
            <UnstyledButton component={Link} to="/" c="white" aria-label={`${t('app.name')} — ${t('nav.home')}`}>
              <Group gap="xs" wrap="nowrap">
                <img src="/favicon.svg" alt="" width={36} height={36} />
                <div>
                  <Text fw={800} size="lg" lh={1.1}>
                    {t('app.name')}
                  </Text>
                  <Text size="xs" lh={1.2}>
                    {t('app.tagline')}
                  </Text>
                </div>
              </Group>
            </UnstyledButton>
            <Group gap={4} wrap="nowrap">
              <LanguageSwitch c="white" />
              <UnstyledButton
                component={Link}
                to="/account"
                c="white"
                aria-label={t('nav.account')}
                p={8}
                style={{ borderRadius: 8, display: 'flex' }}
              >
                <IconUser />
              </UnstyledButton>
            </Group>
          </Group>
        </Container>
      </Box>
      <main id={MAIN_ID} tabIndex={-1} className="citizen-main">
        <Container size="md" py="md">
          {!online && (
            <Alert variant="light" color="yellow" mb="md" role="status">
              {t('pwa.offline')}
            </Alert>
          )}
          <Outlet />
        </Container>
        <Container size="md" component="footer" pb="md">
          <nav aria-label={t('nav.footer')}>
            <Anchor component={Link} to="/accessibility" size="sm">
              {t('nav.accessibility')}
            </Anchor>
          </nav>
        </Container>
      </main>
      <nav className="bottom-nav" aria-label={t('nav.main')}>
        <ul>
          {tabs.map(({ to, key, Icon }) => (
            <li key={to}>
              <Link to={to} activeOptions={{ exact: to === '/' }} activeProps={{ 'aria-current': 'page' }}>
                <Icon />
                <span>{t(key)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
