import { SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { Link, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconInfo, IconPlus, IconUser } from '../app/components/icons';
import { AlertBanner } from '../modules/content';

function Tile({
  to,
  title,
  text,
  icon,
}: {
  to: '/kiosk/request' | '/kiosk/info' | '/kiosk/accessibility';
  title: string;
  text: string;
  icon: ReactNode;
}) {
  const { idle } = useSearch({ from: '/kiosk' });
  return (
    <UnstyledButton
      renderRoot={(props) => <Link {...props} to={to} search={idle ? { idle } : {}} />}
      p="xl"
      bg="white"
      style={{ borderRadius: 16, border: '2px solid #c6d2de', minHeight: 180 }}
    >
      <Stack gap="sm">
        <ThemeIcon size={64} radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
        <Text fw={800} fz={28} c="aegean.8">
          {title}
        </Text>
        <Text fz="lg">{text}</Text>
      </Stack>
    </UnstyledButton>
  );
}

export function KioskHome() {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <div>
        <Title order={1} fz={44}>
          {t('kiosk.welcome')}
        </Title>
        <Text fz="xl">{t('kiosk.intro')}</Text>
      </div>
      <AlertBanner size="lg" />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
        <Tile
          to="/kiosk/request"
          title={t('kiosk.newRequest')}
          text={t('kiosk.newRequestText')}
          icon={<IconPlus width={36} height={36} />}
        />
        <Tile to="/kiosk/info" title={t('kiosk.info')} text={t('kiosk.infoText')} icon={<IconInfo width={36} height={36} />} />
        <Tile
          to="/kiosk/accessibility"
          title={t('kiosk.accessibility')}
          text={t('a11y.title')}
          icon={<IconUser width={36} height={36} />}
        />
      </SimpleGrid>
    </Stack>
  );
}
