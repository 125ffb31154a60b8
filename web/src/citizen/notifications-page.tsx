import { Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './page-header';

export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeader title={t('notifications.title')} intro={t('notifications.intro')} />
      <Card withBorder radius="lg" padding="xl">
        <Text ta="center">{t('notifications.empty')}</Text>
      </Card>
    </Stack>
  );
}
