import { useRegisterSW } from 'virtual:pwa-register/react';
import { Button, Group, Notification, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Registers the service worker (precaching the app shell, so the app opens offline) and
 * offers "new version available — reload" when a new build is waiting.
 */
export function PwaPrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });

  if (!needRefresh) return null;
  const close = () => setNeedRefresh(false);
  return (
    <div
      role="status"
      aria-live="polite"
      style={{ position: 'fixed', zIndex: 1000, left: 12, right: 12, bottom: 96, maxWidth: 480, margin: '0 auto' }}
    >
      <Notification withBorder onClose={close} closeButtonProps={{ 'aria-label': t('app.close') }}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{t('pwa.newVersion')}</Text>
          <Button size="xs" onClick={() => void updateServiceWorker(true)}>
            {t('pwa.reload')}
          </Button>
        </Group>
      </Notification>
    </div>
  );
}
