import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AccessibilityStatement } from '../app/components/accessibility-statement';

export function KioskAccessibility() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={1}>{t('a11y.title')}</Title>
      <Card withBorder radius="lg" padding="xl">
        <Text fz="lg" mb="lg">
          {t('kiosk.a11yText')}
        </Text>
        <AccessibilityStatement links={false} />
      </Card>
    </Stack>
  );
}
