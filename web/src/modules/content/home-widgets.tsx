import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { registerTranslations } from '../../app/i18n';
import { formatDate, formatDateTime } from '../../app/i18n/format';
import { activeAlerts, type Item, type Lang, listEvents, listNews, loc } from './api';
import el from './i18n/home.el.json';
import en from './i18n/home.en.json';

// Small on purpose: this file is in the entry chunk (the citizen home and the kiosk use it).
registerTranslations('contentHome', { el, en });

const COLOR = { info: 'blue', warning: 'yellow', severe: 'orange', extreme: 'red' } as const;

/** Alerts in force now, as banners: civil protection and the most severe first. Renders nothing when there are none. */
export function AlertBanner({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'el';
  const q = useQuery({ queryKey: ['content', 'alerts', 'active'], queryFn: activeAlerts, refetchInterval: 60_000 });
  if (!q.data?.length) return null;
  return (
    <section aria-label={t('contentHome.alerts')}>
      <Stack gap="sm">
        {q.data.map((a) => {
          const title = loc(lang, a.titleEl, a.titleEn);
          const text = loc(lang, a.textEl, a.textEn);
          const area = loc(lang, a.areaEl, a.areaEn);
          return (
            <Alert
              key={a.id}
              color={COLOR[a.severity]}
              variant="light"
              radius="md"
              // Dark text on the light tint keeps the contrast (WCAG 1.4.3) whatever the colour; the bar carries it.
              styles={{
                root: { borderInlineStart: `6px solid var(--mantine-color-${COLOR[a.severity]}-8)` },
                title: { color: 'var(--mantine-color-black)', fontSize: size === 'lg' ? '1.25rem' : undefined },
                message: { color: 'var(--mantine-color-black)' },
              }}
              role="alert"
              data-testid="alert-banner"
              title={
                <span>
                  {t(`contentHome.severity.${a.severity}`)}: <span lang={title.lang}>{title.text}</span>
                </span>
              }
            >
              <Stack gap={2}>
                <Text size={size} lang={text.lang} c="inherit">
                  {text.text}
                </Text>
                <Text size="sm" c="inherit">
                  {t('contentHome.area')}: <span lang={area.lang}>{area.text}</span> ·{' '}
                  {t('contentHome.until', { date: formatDateTime(a.endsAt) })}
                </Text>
              </Stack>
            </Alert>
          );
        })}
      </Stack>
    </section>
  );
}

function ItemLine({ item, to, lang, when }: { item: Item; to: string; lang: Lang; when: string }) {
  const title = loc(lang, item.titleEl, item.titleEn);
  return (
    <li>
      <Anchor component={Link} to={to} fw={600} lang={title.lang}>
        {title.text}
      </Anchor>
      <Text size="sm" c="dimmed">
        {when}
      </Text>
    </li>
  );
}

const listStyle = { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 } as const;

export function LatestNews({ empty }: { empty: string }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'el';
  const q = useQuery({ queryKey: ['content', 'news', 'home'], queryFn: () => listNews({ limit: 3 }) });
  if (!q.data?.items.length) return <Text c="dimmed">{empty}</Text>;
  return (
    <Stack gap="sm">
      <ul style={listStyle}>
        {q.data.items.map((i) => (
          <ItemLine key={i.id} item={i} lang={lang} to={`/news/${i.id}`} when={i.publishedAt ? formatDate(i.publishedAt) : ''} />
        ))}
      </ul>
      <Anchor component={Link} to="/news" size="sm">
        {t('contentHome.allNews')}
      </Anchor>
    </Stack>
  );
}

export function ComingEvents({ empty }: { empty: string }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'el';
  const q = useQuery({ queryKey: ['content', 'events', 'home'], queryFn: () => listEvents({ limit: 3 }) });
  if (!q.data?.items.length) return <Text c="dimmed">{empty}</Text>;
  return (
    <Stack gap="sm">
      <ul style={listStyle}>
        {q.data.items.map((i) => (
          <ItemLine key={i.id} item={i} lang={lang} to={`/events/${i.id}`} when={i.startsAt ? formatDateTime(i.startsAt) : ''} />
        ))}
      </ul>
      <Anchor component={Link} to="/events" size="sm">
        {t('contentHome.allEvents')}
      </Anchor>
    </Stack>
  );
}
