import { Alert, Anchor, Badge, Blockquote, Button, Card, Group, Loader, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { getReport, type Report, reportCsvHref, reportPdfHref } from './api';
import { ActionError } from './shared';
import { StaffTabs } from './staff-shared';
import './i18n';

type RComment = Report['comments'][number];
type Status = 'accepted' | 'partly' | 'rejected';

function AnswerForm({ c, onSaved }: { c: RComment; onSaved: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>(c.answerStatus ?? 'accepted');
  const [text, setText] = useState(c.answerText ?? '');
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/participation/comments/{id}/answer', { params: { path: { id: c.id } }, body: { status, text: text.trim() } })),
    onSuccess: onSaved,
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Group align="end" mt="xs">
        <NativeSelect
          label={t('participation.staff.answerStatus')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as Status)}
          data={(['accepted', 'partly', 'rejected'] as const).map((s) => ({ value: s, label: t(`participation.answer.${s}`) }))}
        />
        <Textarea
          label={t('participation.staff.reason')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          required
          minLength={2}
          autosize
          minRows={1}
          style={{ flex: 1, minWidth: 240 }}
        />
        <Button type="submit" loading={save.isPending}>
          {t('participation.staff.saveAnswer')}
        </Button>
      </Group>
      <ActionError error={save.error} />
    </form>
  );
}

/** Staff: answer every comment of a closed consultation, then publish the report. */
export function StaffAnswersPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const qc = useQueryClient();
  const key = ['participation', 'report', id];
  const r = useQuery({ queryKey: key, queryFn: () => getReport(id) });
  const [summary, setSummary] = useState('');
  const publish = useMutation({
    mutationFn: () => unwrap(api.POST('/api/participation/consultations/{id}/report', { params: { path: { id } }, body: { summary } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
  if (r.isPending) return <Loader aria-label={t('app.loading')} />;
  if (r.error || !r.data) return <ErrorState error={r.error} />;
  const d = r.data;
  const open = d.comments.filter((c) => !c.hidden && !c.answerStatus).length;
  const label = new Map(d.articles.map((a) => [a.id, a.label]));
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.answersTitle', { title: d.title })}
      </Title>
      <Text>{t('participation.staff.unanswered', { count: open, total: d.comments.length })}</Text>
      <Group>
        <Anchor underline="always" href={reportPdfHref(id)}>
          PDF
        </Anchor>
        <Anchor underline="always" href={reportCsvHref(id)}>
          CSV
        </Anchor>
      </Group>
      {d.comments.map((c) => (
        <Card key={c.id} withBorder>
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {c.articleId ? label.get(c.articleId) : t('participation.wholeDraft')} · {c.authorName}
              {c.parentId ? ` · ${t('participation.staff.isReply')}` : ''}
            </Text>
            {c.answerStatus && <Badge variant="light">{t(`participation.answer.${c.answerStatus}`)}</Badge>}
            {c.hidden && <Badge color="gray.8">{t('participation.staff.hidden')}</Badge>}
          </Group>
          {c.quote && (
            <Blockquote p="xs" my={4}>
              {c.quote}
            </Blockquote>
          )}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.body}
          </Text>
          {!c.hidden && d.status !== 'reported' && <AnswerForm c={c} onSaved={() => void qc.invalidateQueries({ queryKey: key })} />}
        </Card>
      ))}
      {d.status !== 'reported' ? (
        <Card withBorder component="section" aria-labelledby="publish-title">
          <Title order={2} size="h4" id="publish-title" mb="xs">
            {t('participation.staff.publishReport')}
          </Title>
          <Textarea
            label={t('participation.summary')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <ActionError error={publish.error} />
          <Button mt="sm" onClick={() => publish.mutate()} loading={publish.isPending} disabled={open > 0}>
            {t('participation.staff.publishReport')}
          </Button>
        </Card>
      ) : (
        <Alert color="green" variant="light" c="dark.8">
          {t('participation.staff.reportPublished')}
        </Alert>
      )}
    </Stack>
  );
}
