import { Card, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/auth/use-me';
import { staffLinks } from './modules';
import { TotpEnrolment } from './totp-enrolment';

export function StaffHome() {
  const { t, i18n } = useTranslation();
  const { me } = useMe();
  const name = me?.displayName ?? me?.email ?? '';
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('staff.welcome', { name })}
      </Title>
      <Text c="dimmed">
        {t('staff.roles', { roles: me?.roles.map((r) => t(`staff.roleNames.${r.role}`, { defaultValue: r.role })).join(', ') ?? '' })}
      </Text>
      {me?.mustEnrollTotp && <TotpEnrolment />}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        {staffLinks(me).map(({ key, to, params, label, Icon }) => (
          <UnstyledButton key={key} renderRoot={(props) => <Link {...props} to={to} params={params} />}>
            <Card withBorder radius="lg" padding="lg">
              <Icon />
              <Text fw={600} mt="xs">
                {label(t, i18n.language)}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
