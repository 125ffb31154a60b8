import { Alert, Anchor, Badge, Card, Group, List, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatDateTime } from '../../app/i18n/format';
import { getMeeting, listMeetings, loc } from './api';
import { useLang } from './shared';
import './i18n';

function MeetingList({ scope }: { scope: 'upcoming' | 'past' }) {
  const { t, i18n } = useTranslation();
  const lang = useLang(i18n.language);
  const q = useQuery({ queryKey: ['council', 'meetings', scope], queryFn: () => listMeetings(scope) });
  if (q.isPending) return <Loader aria-label={t('app.loading')} />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data.length) return <Alert variant="light">{t('content.council.empty')}</Alert>;
  return (
    <Stack component="ul" gap="md" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {q.data.map((m) => {
        const title = loc(lang, m.titleEl, m.titleEn);
        const place = loc(lang, m.placeEl, m.placeEn);
        return (
          <li key={m.id}>
            <Card withBorder radius="lg" padding="lg">
              <Anchor component={Link} to={`/council/${m.id}`} fw={700} lang={title.lang} data-testid="meeting-link">
                {title.text}
              </Anchor>
              <Group gap="xs" mt={4}>
                <Text size="sm">{formatDateTime(m.startsAt)}</Text>
                <Text size="sm" c="dimmed" lang={place.lang}>
                  {place.text}
                </Text>
                <Badge variant="outline" color="blue.9">
                  {t(`content.council.status.${m.status}`)}
                </Badge>
                <Text size="sm" c="dimmed">
                  {t('content.council.items', { count: m.agendaCount })}
                </Text>
              </Group>
            </Card>
          </li>
        );
      })}
    </Stack>
  );
}

export function CouncilPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeader title={t('content.council.title')} intro={t('content.council.intro')} />
      <Tabs defaultValue="upcoming" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="upcoming">{t('content.council.upcoming')}</Tabs.Tab>
          <Tabs.Tab value="past">{t('content.council.past')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="upcoming" pt="md">
          <MeetingList scope="upcoming" />
        </Tabs.Panel>
        <Tabs.Panel value="past" pt="md">
          <MeetingList scope="past" />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export function MeetingPage() {
  const { t, i18n } = useTranslation();
  const lang = useLang(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ['council', 'meeting', id], queryFn: () => getMeeting(id) });
  if (q.isPending) return <Loader aria-label={t('app.loading')} />;
  if (q.error) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('content.council.title')}
        </Title>
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </Stack>
    );
  }
  const { meeting: m, agenda, documents } = q.data;
  const title = loc(lang, m.titleEl, m.titleEn);
  const place = loc(lang, m.placeEl, m.placeEn);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/council" size="sm">
        {t('content.council.back')}
      </Anchor>
      <Title order={1} size="h2" lang={title.lang}>
        {title.text}
      </Title>
      <Group gap="xs">
        <Text>{formatDateTime(m.startsAt)}</Text>
        <Text c="dimmed">
          {t('content.council.place')}: <span lang={place.lang}>{place.text}</span>
        </Text>
        <Badge variant="outline" color="blue.9">
          {t(`content.council.status.${m.status}`)}
        </Badge>
      </Group>
      <section aria-labelledby="agenda-title">
        <Title order={2} size="h4" id="agenda-title" mb="sm">
          {t('content.council.agenda')}
        </Title>
        <Stack component="ol" gap="sm" style={{ paddingInlineStart: 20, margin: 0 }}>
          {agenda.map((a) => {
            const at = loc(lang, a.titleEl, a.titleEn);
            const dec = a.decisionEl ? loc(lang, a.decisionEl, a.decisionEn) : null;
            return (
              <li key={a.id}>
                <Text lang={at.lang}>{at.text}</Text>
                {(dec || a.ada) && (
                  <Card withBorder radius="md" padding="sm" mt={4}>
                    <Text size="sm" fw={600}>
                      {a.decisionNumber
                        ? t('content.council.decision', { number: a.decisionNumber })
                        : t('content.council.decisionNoNumber')}
                    </Text>
                    {dec && (
                      <Text size="sm" lang={dec.lang}>
                        {dec.text}
                      </Text>
                    )}
                    {a.ada && a.diavgeiaUrl && (
                      <Anchor size="sm" href={a.diavgeiaUrl} target="_blank" rel="noopener noreferrer">
                        {t('content.council.diavgeia', { ada: a.ada })}
                      </Anchor>
                    )}
                  </Card>
                )}
              </li>
            );
          })}
        </Stack>
      </section>
      <section aria-labelledby="docs-title">
        <Title order={2} size="h4" id="docs-title" mb="sm">
          {t('content.council.documents')}
        </Title>
        {documents.length === 0 ? (
          <Text c="dimmed">{t('content.council.noDocuments')}</Text>
        ) : (
          <List>
            {documents.map((d) => (
              <List.Item key={d.id}>
                <Anchor href={d.url}>{d.name}</Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </section>
    </Stack>
  );
}
