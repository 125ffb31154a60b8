import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function KioskInfo() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={1}>{t('kiosk.info')}</Title>
      <Card withBorder radius="lg" padding="xl">
        <Text fz="xl">{t('kiosk.infoHours')}</Text>
        <Text fz="xl" mt="md">
          {t('kiosk.infoServices')}
        </Text>
      </Card>
    </Stack>
  );
}
