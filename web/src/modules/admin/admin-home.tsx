import { Alert, Card, List, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ADMIN_SECTIONS } from './admin-layout';
import { PageTitle } from './shared';

/** What keeps documents from being signed (no SIGNING_P12_PASSPHRASE, no certificate), as the server reports it. */
function SigningStatus() {
  const { t } = useTranslation();
  const status = useQuery({
    queryKey: ['admin', 'signing-status'],
    queryFn: () => unwrap(api.GET('/api/admin/signing-status')),
    retry: false,
  });
  if (!status.data || status.data.ready) return null;
  return (
    <Alert color="orange" variant="light" role="status" title={t('admin.signing.title')}>
      <List>
        {status.data.problems.map((p) => {
          const key = `admin.signing.${p.code.replace(/^document\./, '')}`;
          return <List.Item key={p.code}>{t(key, { defaultValue: p.message })}</List.Item>;
        })}
      </List>
    </Alert>
  );
}

export function AdminHome() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle>{t('admin.title')}</PageTitle>
      <Text c="dimmed">{t('admin.intro')}</Text>
      <SigningStatus />
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
