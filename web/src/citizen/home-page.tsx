import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconCalendar, IconList, IconMap, IconNews, IconPlus, IconSpeaker } from '../app/components/icons';
import { formatDate } from '../app/i18n/format';
import { AlertBanner, ComingEvents, LatestNews } from '../modules/content';
import { WEB_MODULES } from '../modules/registry';

function Section({ title, icon, children }: { title: string; icon: ReactNode; children: ReactNode }) {
  const id = `section-${title.replace(/\s+/g, '-')}`;
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby={id}>
      <Group gap="sm" mb="sm">
        <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
      </Group>
      {children}
    </Card>
  );
}

function ActionCard({ to, title, text, icon }: { to: string; title: string; text?: string; icon: ReactNode }) {
  return (
    <Card component={Link} to={to} withBorder radius="lg" padding="lg" style={{ textDecoration: 'none' }}>
      <Group wrap="nowrap">
        <ThemeIcon size={48} radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
        <div>
          <Text fw={700} size="lg" c="aegean.8">
            {title}
          </Text>
          {text && (
            <Text size="sm" c="dimmed">
              {text}
            </Text>
          )}
        </div>
      </Group>
    </Card>
  );
}

/** The feature modules' citizen links (appointments, participation, …) as further quick actions. */
const MODULE_LINKS = WEB_MODULES.flatMap((m) => m.citizenLinks ?? []);

export function HomePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  return (
    <Stack gap="lg">
      <AlertBanner />
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {t('home.today', { date: formatDate(new Date(), { weekday: 'long', day: 'numeric', month: 'long' }) })}
        </Text>
        <Title order={1} size="h2">
          {t('home.title')}
        </Title>
        <Text>{t('home.intro')}</Text>
      </Stack>

      <section aria-labelledby="quick-actions">
        <Title order={2} size="h4" id="quick-actions" mb="sm">
          {t('home.quick')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ActionCard to="/new" title={t('home.reportProblem')} text={t('home.reportProblemText')} icon={<IconPlus />} />
          <ActionCard to="/requests" title={t('contentHome.myRequests')} text={t('contentHome.myRequestsText')} icon={<IconList />} />
          <ActionCard to="/map" title={t('home.seeMap')} text={t('home.seeMapText')} icon={<IconMap />} />
          <ActionCard to="/council" title={t('contentHome.council')} text={t('contentHome.councilText')} icon={<IconSpeaker />} />
          {MODULE_LINKS.filter((l) => !['/news', '/events', '/council'].includes(l.to)).map(({ to, label, Icon }) => (
            <ActionCard key={to} to={to} title={label[lang]} icon={<Icon />} />
          ))}
        </SimpleGrid>
      </section>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Section title={t('home.news')} icon={<IconNews />}>
          <LatestNews empty={t('home.noNews')} />
        </Section>
        <Section title={t('home.events')} icon={<IconCalendar />}>
          <ComingEvents empty={t('home.noEvents')} />
        </Section>
      </SimpleGrid>

      <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="contact">
        <Title order={2} size="h4" id="contact" mb={4}>
          {t('home.contact')}
        </Title>
        <Text size="sm">{t('home.contactText')}</Text>
      </Card>
    </Stack>
  );
}
