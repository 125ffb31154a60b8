import { Alert, Anchor, Card, Group, Image, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatDateTime } from '../../app/i18n/format';
import { getItem, type Item, type Lang, listEvents, loc } from './api';
import { Body, useLang } from './shared';
import './i18n';

function when(it: Item) {
  if (!it.startsAt) return '';
  return it.endsAt ? `${formatDateTime(it.startsAt)} – ${formatDateTime(it.endsAt)}` : formatDateTime(it.startsAt);
}

function Facts({ it, lang }: { it: Item; lang: Lang }) {
  const { t } = useTranslation();
  const place = it.placeEl ? loc(lang, it.placeEl, it.placeEn) : null;
  return (
    <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 12px' }}>
      <Text component="dt" fw={600} size="sm">
        {t('content.events.when')}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {when(it)}
      </Text>
      {place && (
        <>
          <Text component="dt" fw={600} size="sm">
            {t('content.events.where')}
          </Text>
          <Text component="dd" size="sm" m={0} lang={place.lang}>
            {place.text}
          </Text>
        </>
      )}
      {it.organiser && (
        <>
          <Text component="dt" fw={600} size="sm">
            {t('content.events.organiser')}
          </Text>
          <Text component="dd" size="sm" m={0} lang="el">
            {it.organiser}
          </Text>
        </>
      )}
    </dl>
  );
}

export function EventsPage() {
  const { t, i18n } = useTranslation();
  const lang = useLang(i18n.language);
  const q = useQuery({ queryKey: ['content', 'events', 'all'], queryFn: () => listEvents({ limit: 100 }) });
  return (
    <Stack gap="lg">
      <PageHeader title={t('content.events.title')} intro={t('content.events.intro')} />
      <Anchor href={`/api/content/feeds/events.ics?lang=${lang}`} size="sm">
        {t('content.events.ics')}
      </Anchor>
      {q.isPending && <Loader aria-label={t('app.loading')} />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && q.data.items.length === 0 && <Alert variant="light">{t('content.events.empty')}</Alert>}
      <Stack component="ul" gap="md" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {q.data?.items.map((it) => {
          const title = loc(lang, it.titleEl, it.titleEn);
          const summary = loc(lang, it.summaryEl, it.summaryEn);
          return (
            <li key={it.id}>
              <Card withBorder radius="lg" padding="lg" component="article">
                <Stack gap={6}>
                  <Title order={2} size="h4">
                    <Anchor component={Link} to={`/events/${it.id}`} lang={title.lang} data-testid="event-link">
                      {title.text}
                    </Anchor>
                  </Title>
                  <Facts it={it} lang={lang} />
                  {summary.text && <Text lang={summary.lang}>{summary.text}</Text>}
                </Stack>
              </Card>
            </li>
          );
        })}
      </Stack>
    </Stack>
  );
}

export function EventDetailPage() {
  const { t, i18n } = useTranslation();
  const lang = useLang(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ['content', 'item', id], queryFn: () => getItem(id) });
  if (q.isPending) return <Loader aria-label={t('app.loading')} />;
  if (q.error || !q.data || q.data.kind !== 'event') {
    const missing = (q.error instanceof ApiError && q.error.status === 404) || (q.data && q.data.kind !== 'event');
    return (
      <Stack>
        <Title order={1} size="h2">
          {missing ? t('content.events.notFound') : t('content.events.title')}
        </Title>
        {!missing && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
        <Anchor component={Link} to="/events">
          {t('content.events.back')}
        </Anchor>
      </Stack>
    );
  }
  const it = q.data;
  const title = loc(lang, it.titleEl, it.titleEn);
  const summary = loc(lang, it.summaryEl, it.summaryEn);
  const body = loc(lang, it.bodyEl, it.bodyEn);
  const alt = loc(lang, it.imageAltEl ?? '', it.imageAltEn);
  return (
    <Stack gap="md" component="article">
      <Anchor component={Link} to="/events" size="sm">
        {t('content.events.back')}
      </Anchor>
      <Title order={1} size="h2" lang={title.lang}>
        {title.text}
      </Title>
      <Card withBorder radius="md" padding="md">
        <Facts it={it} lang={lang} />
        {it.lat != null && it.lon != null && (
          <Group mt="xs">
            <Anchor
              size="sm"
              href={`https://www.openstreetmap.org/?mlat=${it.lat}&mlon=${it.lon}#map=17/${it.lat}/${it.lon}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t('content.events.map')}
            </Anchor>
          </Group>
        )}
      </Card>
      {it.imageUrl && <Image src={it.imageUrl} alt={alt.text} lang={alt.lang} radius="md" mah={420} fit="contain" />}
      {summary.text && (
        <Text fw={600} size="lg" lang={summary.lang}>
          {summary.text}
        </Text>
      )}
      <Body text={body.text} lang={body.lang} />
    </Stack>
  );
}
