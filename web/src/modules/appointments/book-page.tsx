import { Alert, Anchor, Card, Group, List, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { listServices } from './api';
import './appointments.css';
import './i18n';

/** Step 1: choose a service. */
export function BookPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const services = useQuery({ queryKey: ['appointments', 'services'], queryFn: () => listServices() });
  return (
    <Stack gap="lg">
      <PageHeader title={t('appointments.title')} intro={t('appointments.intro')} />
      <Group>
        <Anchor underline="always" component={Link} to="/appointments/mine">
          {t('appointments.mine')}
        </Anchor>
      </Group>
      <section aria-labelledby="services-title">
        <Title order={2} size="h4" id="services-title" mb="sm">
          {t('appointments.chooseService')}
        </Title>
        {services.isPending && <Loader aria-label={t('app.loading')} />}
        {services.error && <ErrorState error={services.error} onRetry={() => void services.refetch()} />}
        {services.data && services.data.length === 0 && <Alert variant="light">{t('appointments.noServices')}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {services.data?.map((s) => (
            <li key={s.id}>
              <Card withBorder radius="lg" padding="lg" h="100%">
                <Anchor underline="always" component={Link} to={`/appointments/${s.id}`} fw={700} size="lg" data-testid="service-link">
                  {s.name[lang]}
                </Anchor>
                <Text size="sm" c="dimmed" mt={4}>
                  {t('appointments.duration', { count: s.durationMin })}
                </Text>
                {s.documents[lang].length > 0 && (
                  <>
                    <Text size="sm" fw={600} mt="sm">
                      {t('appointments.bring')}
                    </Text>
                    <List size="sm">
                      {s.documents[lang].map((d) => (
                        <List.Item key={d}>{d}</List.Item>
                      ))}
                    </List>
                  </>
                )}
              </Card>
            </li>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
