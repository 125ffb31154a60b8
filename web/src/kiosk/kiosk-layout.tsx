import { Box, Button, Container, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { Link, Outlet, useSearch } from '@tanstack/react-router';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../app/components/language-switch';
import { MAIN_ID, SkipLink } from '../app/components/skip-link';
import { config } from '../app/config';
import { resetKiosk } from './kiosk-reset';
import { useIdleReset } from './use-idle-reset';

/** The kiosk face: full screen, big touch targets, no way out to the web, wipes itself when left. */
export function KioskLayout() {
  const { t } = useTranslation();
  const { idle } = useSearch({ from: '/kiosk' });
  const seconds = idle ?? config.kioskIdleSeconds;
  const onReset = useCallback(() => void resetKiosk(idle), [idle]);
  const { secondsLeft, stay } = useIdleReset(seconds, onReset);
  const search = idle ? { idle } : {};

  // No long-press menus (save image, open in new tab...) on a public touch screen.
  useEffect(() => {
    const block = (e: Event) => e.preventDefault();
    document.addEventListener('contextmenu', block);
    return () => document.removeEventListener('contextmenu', block);
  }, []);

  return (
    <div className="kiosk-root">
      <SkipLink />
      <Box component="header" bg="aegean.8" c="white" py="sm">
        <Container size="lg">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <img src="/favicon.svg" alt="" width={48} height={48} />
              <div>
                <Text fw={800} size="xl" lh={1.1}>
                  {t('app.name')}
                </Text>
                <Text size="sm">{t('kiosk.title')}</Text>
              </div>
            </Group>
            <Group gap="sm" wrap="nowrap" component="nav" aria-label={t('kiosk.nav')}>
              <Button renderRoot={(props) => <Link {...props} to="/kiosk" search={search} />} variant="white" size="lg">
                {t('kiosk.home')}
              </Button>
              <LanguageSwitch variant="white" size="lg" />
            </Group>
          </Group>
        </Container>
      </Box>
      <main id={MAIN_ID} tabIndex={-1}>
        <Container size="lg" py="xl" fz="lg">
          <Outlet />
          <Text size="md" c="dimmed" mt="xl" ta="center">
            {t('kiosk.privacy', { seconds })}
          </Text>
        </Container>
      </main>
      <Modal
        opened={secondsLeft !== null}
        onClose={stay}
        withCloseButton={false}
        centered
        size="lg"
        title={<Title order={2}>{t('kiosk.idleTitle')}</Title>}
        trapFocus
      >
        <Stack>
          <Text size="xl" role="timer" aria-live="assertive" data-testid="idle-countdown">
            {t('kiosk.idleWarning', { count: secondsLeft ?? 0 })}
          </Text>
          <Group grow>
            <Button size="xl" onClick={stay}>
              {t('kiosk.stay')}
            </Button>
            <Button size="xl" variant="default" onClick={onReset}>
              {t('kiosk.endNow')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}
