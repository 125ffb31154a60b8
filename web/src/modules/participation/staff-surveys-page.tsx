import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { LifecycleList } from '../../app/components/lifecycle-list';
import { formatDateTime } from '../../app/i18n/format';
import { getSurvey, listSurveys, surveyResults, type Verification } from './api';
import { ActionError } from './shared';
import { fieldErrors, localInput, onlyFields, openClose, StaffTabs, statusBadge, VERIFICATIONS } from './staff-shared';
import { Results } from './survey-page';
import './i18n';

type Kind = 'single' | 'multiple' | 'scale' | 'text';
type Q = { key: number; kind: Kind; text: string; options: string; scaleMin: number; scaleMax: number; required: boolean };
const KINDS: Kind[] = ['single', 'multiple', 'scale', 'text'];
let nextKey = 1;
const blank = (kind: Kind = 'single'): Q => ({ key: nextKey++, kind, text: '', options: '', scaleMin: 1, scaleMax: 5, required: true });
const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function QuestionEditor({
  q,
  index,
  errors,
  onChange,
  onRemove,
}: {
  q: Q;
  index: number;
  errors: Record<string, string>;
  onChange: (q: Q) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const err = (f: string) => errors[`questions.${index}.${f}`];
  const n = index + 1;
  return (
    <Card withBorder component="li" aria-labelledby={`${id}-h`}>
      <Group justify="space-between" mb="xs">
        <Text fw={700} id={`${id}-h`}>
          {t('participation.staff.questionN', { n })}
        </Text>
        {onRemove && (
          <Button size="compact-sm" variant="subtle" c="red.9" onClick={onRemove}>
            {t('participation.staff.removeQuestionN', { n })}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        <Group align="end">
          <NativeSelect
            label={t('participation.staff.questionKind')}
            value={q.kind}
            onChange={(e) => onChange({ ...q, kind: e.currentTarget.value as Kind })}
            data={KINDS.map((k) => ({ value: k, label: t(`participation.staff.kinds.${k}`) }))}
          />
          <Checkbox
            label={t('participation.staff.required')}
            checked={q.required}
            onChange={(e) => onChange({ ...q, required: e.currentTarget.checked })}
            mb={8}
          />
        </Group>
        <TextInput
          label={t('participation.staff.questionText')}
          value={q.text}
          onChange={(e) => onChange({ ...q, text: e.currentTarget.value })}
          error={err('text')}
          required
        />
        {(q.kind === 'single' || q.kind === 'multiple') && (
          <Textarea
            label={t('participation.staff.options')}
            description={t('participation.staff.optionsHelp')}
            value={q.options}
            onChange={(e) => onChange({ ...q, options: e.currentTarget.value })}
            error={err('options') ?? Object.entries(errors).find(([k]) => k.startsWith(`questions.${index}.options.`))?.[1]}
            autosize
            minRows={3}
            required
          />
        )}
        {q.kind === 'scale' && (
          <Group>
            <NumberInput
              label={t('participation.staff.scaleMin')}
              value={q.scaleMin}
              min={0}
              max={10}
              allowDecimal={false}
              onChange={(v) => onChange({ ...q, scaleMin: Number(v) || 0 })}
              error={err('scaleMin')}
              w={140}
            />
            <NumberInput
              label={t('participation.staff.scaleMax')}
              value={q.scaleMax}
              min={1}
              max={10}
              allowDecimal={false}
              onChange={(v) => onChange({ ...q, scaleMax: Number(v) || 1 })}
              error={err('scaleMax')}
              w={140}
            />
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function NewSurvey({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [closesAt, setClosesAt] = useState(() => localInput(new Date(Date.now() + 30 * 86400_000)));
  const [verification, setVerification] = useState<Verification>('phone');
  const [publish, setPublish] = useState(false);
  const [questions, setQuestions] = useState<Q[]>(() => [blank()]);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/participation/surveys', {
          body: {
            title: title.trim(),
            description: description.trim() || undefined,
            closesAt: closesAt ? new Date(closesAt).toISOString() : '',
            verification,
            publish,
            questions: questions.map((q) => ({
              kind: q.kind,
              text: q.text.trim(),
              required: q.required,
              ...(q.kind === 'single' || q.kind === 'multiple' ? { options: lines(q.options) } : {}),
              ...(q.kind === 'scale' ? { scaleMin: q.scaleMin, scaleMax: q.scaleMax } : {}),
            })),
          },
        }),
      ),
    onSuccess: () => {
      setTitle('');
      setDescription('');
      setQuestions([blank()]);
      onCreated();
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <Card withBorder component="section" aria-labelledby="new-survey">
      <Title order={2} size="h4" id="new-survey" mb="sm">
        {t('participation.staff.newSurvey')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('participation.staff.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            required
          />
          <Textarea
            label={t('participation.staff.summary')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            autosize
            minRows={2}
          />
          <Group align="end">
            <TextInput
              type="datetime-local"
              label={t('participation.staff.closesAt')}
              value={closesAt}
              onChange={(e) => setClosesAt(e.currentTarget.value)}
              error={errors.closesAt}
              required
            />
            <NativeSelect
              label={t('participation.staff.verification')}
              value={verification}
              onChange={(e) => setVerification(e.currentTarget.value as Verification)}
              data={VERIFICATIONS.map((v) => ({ value: v, label: t(`participation.verification.${v}`) }))}
            />
          </Group>
          <Title order={3} size="h5">
            {t('participation.staff.questions')}
          </Title>
          {errors.questions && (
            <Text c="red.9" size="sm">
              {errors.questions}
            </Text>
          )}
          <Stack component="ol" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {questions.map((q, i) => (
              <QuestionEditor
                key={q.key}
                q={q}
                index={i}
                errors={errors}
                onChange={(nq) => setQuestions((qs) => qs.map((x) => (x.key === q.key ? nq : x)))}
                onRemove={questions.length > 1 ? () => setQuestions((qs) => qs.filter((x) => x.key !== q.key)) : undefined}
              />
            ))}
          </Stack>
          <Button variant="outline" w="fit-content" onClick={() => setQuestions((qs) => [...qs, blank()])}>
            {t('participation.staff.addQuestion')}
          </Button>
          <Checkbox label={t('participation.staff.publishNow')} checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} />
          {!onlyFields(create.error, (f) => f === 'title' || f === 'description' || f === 'closesAt' || f.startsWith('questions')) && (
            <ActionError error={create.error} />
          )}
          {create.isSuccess && (
            <Alert color="green" variant="light" role="status" c="dark.8">
              {t('participation.staff.surveyCreated')}
            </Alert>
          )}
          <Button type="submit" w="fit-content" loading={create.isPending}>
            {t('participation.staff.createSurvey')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** Staff: every survey (drafts too), opening and closing, and a new one with its questions. */
export function StaffSurveysPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['participation', 'surveys', 'staff'], queryFn: listSurveys });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['participation', 'surveys'] });
  const state = useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'open' | 'closed' }) =>
      unwrap(api.POST('/api/participation/surveys/{id}/state', { params: { path: { id } }, body: { status } })),
    onSuccess: refresh,
  });
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.surveysTitle')}
      </Title>
      <LifecycleList
        label={t('participation.staff.surveysTitle')}
        query={list}
        empty={t('participation.staff.noneYet')}
        name={(s) => s.title}
        columns={{
          before: [{ header: t('participation.staff.title'), cell: (s) => s.title }],
          after: [
            { header: t('participation.staff.closesAt'), cell: (s) => formatDateTime(s.closesAt) },
            { header: t('participation.staff.responses'), cell: (s) => s.responseCount },
          ],
        }}
        state={{ header: t('participation.staff.state'), of: (s) => s.status, badge: (s) => statusBadge(t, s) }}
        transitions={openClose(t)}
        onTransition={(s, status) => state.mutate({ id: s.id, status: status as 'open' | 'closed' })}
        link={(s) => ({ to: `/staff/participation/surveys/${s.id}`, label: t('participation.staff.resultsOf', { title: s.title }) })}
        actionsHeader={t('participation.staff.actions')}
      />
      <ActionError error={state.error} />
      <NewSurvey onCreated={refresh} />
    </Stack>
  );
}

/** Staff: one survey, its questions and its results (bars with the numbers written out). */
export function StaffSurveyPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const qc = useQueryClient();
  const survey = useQuery({ queryKey: ['participation', 'survey', id, 'staff'], queryFn: () => getSurvey(id) });
  const results = useQuery({ queryKey: ['participation', 'survey-results', id, 'staff'], queryFn: () => surveyResults(id) });
  const state = useMutation({
    mutationFn: (status: 'open' | 'closed') =>
      unwrap(api.POST('/api/participation/surveys/{id}/state', { params: { path: { id } }, body: { status } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['participation'] }),
  });
  if (survey.isPending) return <Loader aria-label={t('app.loading')} />;
  if (!survey.data) return <ErrorState error={survey.error} onRetry={() => void survey.refetch()} />;
  const s = survey.data;
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.surveyOf', { title: s.title })}
      </Title>
      <Group>
        {statusBadge(t, s.status)}
        <Text size="sm">{t('participation.staff.closesAtValue', { date: formatDateTime(s.closesAt) })}</Text>
        <Text size="sm">{t(`participation.verification.${s.verification}`)}</Text>
      </Group>
      <Group>
        {s.status !== 'open' && <Button onClick={() => state.mutate('open')}>{t('participation.staff.open')}</Button>}
        {s.status === 'open' && (
          <Button variant="outline" onClick={() => state.mutate('closed')}>
            {t('participation.staff.close')}
          </Button>
        )}
        {s.status !== 'draft' && (
          <Anchor underline="always" component={Link} to={`/participation/surveys/${s.id}`}>
            {t('participation.staff.publicPage')}
          </Anchor>
        )}
      </Group>
      <ActionError error={state.error} />
      <section aria-labelledby="survey-questions">
        <Title order={2} size="h4" id="survey-questions" mb="xs">
          {t('participation.staff.questions')}
        </Title>
        <ol>
          {s.questions.map((q) => (
            <li key={q.id}>
              <Text size="sm">
                {q.text} — {t(`participation.staff.kinds.${q.kind}`)}
                {q.options.length > 0 ? `: ${q.options.join(' · ')}` : ''}
                {q.kind === 'scale' ? ` (${q.scaleMin}–${q.scaleMax})` : ''}
              </Text>
            </li>
          ))}
        </ol>
      </section>
      {results.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {results.error && <ErrorState error={results.error} />}
      {results.data && <Results results={results.data} />}
    </Stack>
  );
}
