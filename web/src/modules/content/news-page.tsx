import { Alert, Anchor, Badge, Card, Group, Image, Loader, Pagination, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatDate } from '../../app/i18n/format';
import { getItem, listCategories, listNews, loc } from './api';
import { Body, useLang } from './shared';
import './i18n';

const PAGE = 10;

export function NewsPage() {
  const { t, i18n } = useTranslation();
  const lang = useLang(i18n.language);
  const [page, setPage] = useState(1);
  const [category, setCategory] = useState<string | null>(null);
  const cats = useQuery({ queryKey: ['content', 'categories'], queryFn: listCategories });
  const q = useQuery({
    queryKey: ['content', 'news', page, category],
    queryFn: () => listNews({ limit: PAGE, offset: (page - 1) * PAGE, category: category ?? undefined }),
  });
  const catName = (id: string | null) => {
    const c = cats.data?.find((x) => x.id === id);
    return c ? (lang === 'en' ? c.nameEn : c.nameEl) : null;
  };
  return (
    <Stack gap="lg">
      <PageHeader title={t('content.news.title')} intro={t('content.news.intro')} />
      <Group justify="space-between" align="flex-end">
        <Select
          label={t('content.news.category')}
          data={[
            { value: '', label: t('content.news.allCategories') },
            ...(cats.data ?? []).map((c) => ({ value: c.slug, label: lang === 'en' ? c.nameEn : c.nameEl })),
          ]}
          value={category ?? ''}
          onChange={(v) => {
            setCategory(v || null);
            setPage(1);
          }}
          allowDeselect={false}
          w={260}
        />
        <Group gap="sm" aria-label={t('content.news.feeds')} role="group">
          <Anchor href={`/api/content/feeds/news.rss?lang=${lang}`} size="sm">
            {t('content.news.rss')}
          </Anchor>
          <Anchor href={`/api/content/feeds/news.atom?lang=${lang}`} size="sm">
            {t('content.news.atom')}
          </Anchor>
        </Group>
      </Group>
      {q.isPending && <Loader aria-label={t('app.loading')} />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && q.data.items.length === 0 && <Alert variant="light">{t('content.news.empty')}</Alert>}
      <Stack component="ul" gap="md" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {q.data?.items.map((it) => {
          const title = loc(lang, it.titleEl, it.titleEn);
          const summary = loc(lang, it.summaryEl, it.summaryEn);
          const cat = catName(it.categoryId);
          return (
            <li key={it.id}>
              <Card withBorder radius="lg" padding="lg" component="article">
                <Group wrap="nowrap" align="flex-start">
                  {it.thumbUrl && <Image src={it.thumbUrl} alt="" w={96} h={72} radius="md" fit="cover" />}
                  <Stack gap={4}>
                    <Title order={2} size="h4">
                      <Anchor component={Link} to={`/news/${it.id}`} lang={title.lang} data-testid="news-link">
                        {title.text}
                      </Anchor>
                    </Title>
                    <Group gap="xs">
                      {it.publishedAt && (
                        <Text size="sm" c="dimmed">
                          {t('content.news.published', { date: formatDate(it.publishedAt) })}
                        </Text>
                      )}
                      {it.kind === 'announcement' && (
                        <Badge variant="outline" color="blue.9">
                          {t('content.news.announcement')}
                        </Badge>
                      )}
                      {cat && (
                        <Badge variant="outline" color="gray.8">
                          {cat}
                        </Badge>
                      )}
                    </Group>
                    {summary.text && <Text lang={summary.lang}>{summary.text}</Text>}
                  </Stack>
                </Group>
              </Card>
            </li>
          );
        })}
      </Stack>
      {q.data && q.data.total > PAGE && (
        <Pagination total={Math.ceil(q.data.total / PAGE)} value={page} onChange={setPage} aria-label={t('content.news.more')} />
      )}
    </Stack>
  );
}

export function NewsDetailPage() {
  const { t, i18n } = useTranslation();
  const lang = useLang(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ['content', 'item', id], queryFn: () => getItem(id) });
  if (q.isPending) return <Loader aria-label={t('app.loading')} />;
  if (q.error || !q.data) {
    const missing = q.error instanceof ApiError && q.error.status === 404;
    return (
      <Stack>
        <Title order={1} size="h2">
          {missing ? t('content.news.notFound') : t('content.news.title')}
        </Title>
        {!missing && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
        <Anchor component={Link} to="/news">
          {t('content.news.back')}
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
      <Anchor component={Link} to="/news" size="sm">
        {t('content.news.back')}
      </Anchor>
      <Title order={1} size="h2" lang={title.lang}>
        {title.text}
      </Title>
      {it.publishedAt && (
        <Text size="sm" c="dimmed">
          {t('content.news.published', { date: formatDate(it.publishedAt) })}
        </Text>
      )}
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
