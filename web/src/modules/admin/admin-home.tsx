import { Card, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ADMIN_SECTIONS } from './admin-layout';
import { PageTitle } from './shared';

export function AdminHome() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle>{t('admin.title')}</PageTitle>
      <Text c="dimmed">{t('admin.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {ADMIN_SECTIONS.map((s) => (
          <UnstyledButton key={s} renderRoot={(props) => <Link {...props} to={`/staff/admin/${s}`} />}>
            <Card withBorder radius="lg" padding="lg" h="100%">
              <Text fw={600}>{t(`admin.sections.${s}`)}</Text>
              <Text size="sm" c="dimmed">
                {t(`admin.sectionHints.${s}`)}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
