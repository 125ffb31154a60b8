import { Alert, Button, Card, Checkbox, Loader, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatNumber } from '../../app/i18n/format';
import { answerSurvey, getSurvey, type SurveyResults, surveyResults } from './api';
import { ActionError, Bars, Deadline, VerificationNote } from './shared';
import './i18n';

type Answer = { options?: number[]; value?: number; text?: string };

/** Results of a survey: bars with their counts and percentages written out, scale mean, number of text answers. */
export function Results({ results }: { results: SurveyResults }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="results-title">
      <Title order={2} size="h3" id="results-title">
        {t('participation.results')}
      </Title>
      <Text size="sm" mb="md">
        {t('participation.responses', { count: results.responses })}
      </Text>
      <Stack gap="lg">
        {results.questions.map((q) => (
          <div key={q.questionId}>
            {q.options && <Bars caption={q.text} rows={q.options} />}
            {q.histogram && (
              <>
                <Bars caption={q.text} rows={q.histogram.map((h) => ({ ...h, label: String(h.value) }))} />
                {q.mean != null && (
                  <Text size="sm" mt={4}>
                    {t('participation.mean', { value: formatNumber(q.mean, { maximumFractionDigits: 2 }) })}
                  </Text>
                )}
              </>
            )}
            {q.kind === 'text' && (
              <>
                <Text fw={600} size="sm">
                  {q.text}
                </Text>
                <Text size="sm">{t('participation.textAnswers', { count: q.textAnswers ?? q.answered })}</Text>
              </>
            )}
          </div>
        ))}
      </Stack>
    </Card>
  );
}

/** A survey: single and multiple choice, scale and free-text questions; then the results as bars. */
export function SurveyPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const qc = useQueryClient();
  const survey = useQuery({ queryKey: ['participation', 'survey', id], queryFn: () => getSurvey(id) });
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [showResults, setShowResults] = useState(false);
  const results = useQuery({ queryKey: ['participation', 'survey-results', id], queryFn: () => surveyResults(id), enabled: showResults });
  const send = useMutation({
    mutationFn: () =>
      answerSurvey(
        id,
        Object.entries(answers)
          .filter(([, a]) => (a.options?.length ?? 0) > 0 || a.value !== undefined || (a.text ?? '').trim())
          .map(([questionId, a]) => ({ questionId, ...a, ...(a.text !== undefined ? { text: a.text.trim() } : {}) })),
      ),
    onSuccess: () => {
      setShowResults(true);
      void qc.invalidateQueries({ queryKey: ['participation', 'survey-results', id] });
    },
  });
  if (survey.isPending) return <Loader aria-label={t('app.loading')} />;
  if (survey.error || !survey.data) return <ErrorState error={survey.error} onRetry={() => void survey.refetch()} />;
  const s = survey.data;
  const open = s.status === 'open' && new Date(s.closesAt).getTime() > Date.now();
  const set = (q: string, a: Answer) => setAnswers((all) => ({ ...all, [q]: a }));

  return (
    <Stack gap="lg">
      <PageHeader title={s.title} intro={s.description} />
      <div>
        <Deadline closesAt={s.closesAt} closed={!open} />
        <VerificationNote level={s.verification} />
      </div>
      {open && !send.isSuccess && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <Stack gap="md">
            {s.questions.map((q, i) => {
              const label = `${i + 1}. ${q.text}`;
              const a = answers[q.id] ?? {};
              return (
                <Card key={q.id} withBorder radius="lg" padding="lg">
                  {q.kind === 'single' && (
                    <Radio.Group
                      label={label}
                      required={q.required}
                      value={a.options?.[0] !== undefined ? String(a.options[0]) : ''}
                      onChange={(v) => set(q.id, { options: [Number(v)] })}
                    >
                      <Stack gap="xs" mt="xs">
                        {q.options.map((o, oi) => (
                          <Radio key={o} value={String(oi)} label={o} />
                        ))}
                      </Stack>
                    </Radio.Group>
                  )}
                  {q.kind === 'multiple' && (
                    <Checkbox.Group
                      label={label}
                      required={q.required}
                      value={(a.options ?? []).map(String)}
                      onChange={(v) => set(q.id, { options: v.map(Number) })}
                    >
                      <Stack gap="xs" mt="xs">
                        {q.options.map((o, oi) => (
                          <Checkbox key={o} value={String(oi)} label={o} />
                        ))}
                      </Stack>
                    </Checkbox.Group>
                  )}
                  {q.kind === 'scale' && (
                    <Radio.Group
                      label={label}
                      description={t('participation.scaleHelp', { min: q.scaleMin ?? 1, max: q.scaleMax ?? 5 })}
                      required={q.required}
                      value={a.value !== undefined ? String(a.value) : ''}
                      onChange={(v) => set(q.id, { value: Number(v) })}
                    >
                      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', marginTop: 8 }}>
                        {Array.from({ length: (q.scaleMax ?? 5) - (q.scaleMin ?? 1) + 1 }, (_, k) => (q.scaleMin ?? 1) + k).map((v) => (
                          <Radio key={v} value={String(v)} label={String(v)} />
                        ))}
                      </div>
                    </Radio.Group>
                  )}
                  {q.kind === 'text' && (
                    <Textarea
                      label={label}
                      required={q.required}
                      value={a.text ?? ''}
                      onChange={(e) => set(q.id, { text: e.currentTarget.value })}
                      maxLength={5000}
                      autosize
                      minRows={2}
                    />
                  )}
                </Card>
              );
            })}
            <ActionError error={send.error} />
            <Button type="submit" w="fit-content" loading={send.isPending}>
              {t('participation.submitSurvey')}
            </Button>
          </Stack>
        </form>
      )}
      {send.isSuccess && (
        <Alert color="green" variant="light" role="status" c="dark.8">
          {t('participation.surveyThanks')}
        </Alert>
      )}
      {!showResults && (
        <Button variant="subtle" w="fit-content" onClick={() => setShowResults(true)}>
          {t('participation.seeResults')}
        </Button>
      )}
      {showResults && results.isPending && <Loader aria-label={t('app.loading')} />}
      {results.data && <Results results={results.data} />}
    </Stack>
  );
}
