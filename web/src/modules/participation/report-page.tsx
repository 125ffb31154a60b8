import { Badge, Blockquote, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/page-header';
import { formatDateTime } from '../../app/i18n/format';
import { getReport, reportCsvHref, reportPdfHref } from './api';
import { ActionError } from './shared';
import './i18n';

/** The published report: every comment with the municipality's answer, and the PDF/CSV exports. */
export function ReportPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const r = useQuery({ queryKey: ['participation', 'report', id], queryFn: () => getReport(id) });
  if (r.isPending) return <Loader aria-label={t('app.loading')} />;
  if (!r.data) {
    return (
      <Stack>
        <PageHeader title={t('participation.reportTitle')} />
        <ActionError error={r.error} />
      </Stack>
    );
  }
  const d = r.data;
  const byArticle = new Map(d.articles.map((a) => [a.id, `${a.label}${a.title ? `: ${a.title}` : ''}`]));
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('participation.reportOf', { title: d.title })}
        intro={d.reportPublishedAt ? t('participation.publishedOn', { date: formatDateTime(d.reportPublishedAt) }) : undefined}
      />
      <Group>
        <Button component="a" href={reportPdfHref(id)} download variant="outline">
          {t('participation.downloadPdf')}
        </Button>
        <Button component="a" href={reportCsvHref(id)} download variant="outline">
          {t('participation.downloadCsv')}
        </Button>
      </Group>
      {d.reportSummary && (
        <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="summary-title">
          <Title order={2} size="h4" id="summary-title" mb="xs">
            {t('participation.summary')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{d.reportSummary}</Text>
        </Card>
      )}
      <section aria-labelledby="answers-title">
        <Title order={2} size="h4" id="answers-title" mb="sm">
          {t('participation.commentsAndAnswers', { count: d.comments.length })}
        </Title>
        <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {d.comments.map((c) => (
            <Card component="li" key={c.id} withBorder radius="md" padding="md">
              <Text size="xs" c="dimmed">
                {c.articleId ? byArticle.get(c.articleId) : t('participation.wholeDraft')} · {c.authorName}
              </Text>
              {c.quote && (
                <Blockquote p="xs" my={4} color="aegean.7">
                  {c.quote}
                </Blockquote>
              )}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.hidden ? t('participation.hiddenComment') : c.body}
              </Text>
              {c.answerStatus && (
                <Group gap="xs" mt="xs" align="start" wrap="nowrap">
                  <Badge
                    variant="filled"
                    color={c.answerStatus === 'accepted' ? '#1b6b2f' : c.answerStatus === 'partly' ? '#8a4b00' : 'red.9'}
                  >
                    {t(`participation.answer.${c.answerStatus}`)}
                  </Badge>
                  <Text size="sm">{c.answerText}</Text>
                </Group>
              )}
            </Card>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
