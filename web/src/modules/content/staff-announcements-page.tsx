import { Alert, Card, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { formatDate } from '../../app/i18n/format';
import { listInternal, loc } from './api';
import { Body, useLang } from './shared';
import './i18n';

/** Internal announcements: for staff and council members only (the API refuses everyone else). */
export function AnnouncementsPage() {
  const { t, i18n } = useTranslation();
  const lang = useLang(i18n.language);
  const q = useQuery({ queryKey: ['content', 'internal'], queryFn: listInternal });
  return (
    <Stack gap="md" maw={860}>
      <Title order={1} size="h2">
        {t('content.staff.announcementsTitle')}
      </Title>
      <Text c="dimmed">{t('content.staff.announcementsIntro')}</Text>
      {q.isPending && <Loader aria-label={t('app.loading')} />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && q.data.length === 0 && <Alert variant="light">{t('content.staff.noAnnouncements')}</Alert>}
      <Stack component="ul" gap="md" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {q.data?.map((it) => {
          const title = loc(lang, it.titleEl, it.titleEn);
          const summary = loc(lang, it.summaryEl, it.summaryEn);
          const body = loc(lang, it.bodyEl, it.bodyEn);
          return (
            <li key={it.id}>
              <Card withBorder radius="md" padding="lg" component="article">
                <Title order={2} size="h4" lang={title.lang}>
                  {title.text}
                </Title>
                {it.publishedAt && (
                  <Text size="sm" c="dimmed" mb="xs">
                    {formatDate(it.publishedAt)}
                  </Text>
                )}
                {summary.text && (
                  <Text fw={600} lang={summary.lang} mb="xs">
                    {summary.text}
                  </Text>
                )}
                <Body text={body.text} lang={body.lang} />
              </Card>
            </li>
          );
        })}
      </Stack>
    </Stack>
  );
}
