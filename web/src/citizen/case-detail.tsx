import { Badge, Button, Card, Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api/client';
import { errorMessage } from '../app/i18n';
import { formatDate, formatDateTime } from '../app/i18n/format';
import { type Attachment, AttachmentsInput } from './attachments';
import { answerCase, type CaseKey, type CitizenCase, rateCase, reopenCase } from './citizen-api';

export const stateColor: Record<string, string> = {
  new: 'blue',
  open: 'blue',
  in_progress: 'yellow',
  waiting_citizen: 'orange',
  resolved: 'green',
  rejected: 'red',
  closed: 'gray',
};

const errText = (e: unknown) => (e instanceof ApiError ? (e.body.message ?? errorMessage(e.code)) : errorMessage(undefined));

/**
 * One case as the citizen sees it: state, expected completion, the public timeline, and what they
 * can do now — answer a request for information, say "not fixed", rate the service.
 */
export function CaseDetail({ c, caseKey, queryKey }: { c: CitizenCase; caseKey: CaseKey; queryKey: unknown[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const qc = useQueryClient();
  const onDone = (next: CitizenCase) => {
    qc.setQueryData(queryKey, next);
    void qc.invalidateQueries({ queryKey: ['my-cases'] });
  };
  const waiting = c.stateCategory === 'waiting_citizen';
  const resolved = c.stateCategory === 'resolved' || c.stateCategory === 'closed';
  const done = resolved || c.stateCategory === 'rejected';
  const events = c.timeline.filter((e) => e.public);
  const lastAsk = [...events].reverse().find((e) => e.kind === 'info_requested');

  return (
    <Stack gap="md" mt="sm">
      <Group gap="xs">
        <Badge color={stateColor[c.stateCategory] ?? 'gray'} variant="light" c="dark.7">
          {en ? c.stateName.en : c.stateName.el}
        </Badge>
        {c.expected.median && !done && <Text size="sm">{t('citizen.case.expected', { date: formatDate(c.expected.median) })}</Text>}
      </Group>
      {c.location?.address && <Text size="sm">{t('citizen.case.address', { address: c.location.address })}</Text>}

      {waiting && <AnswerForm caseKey={caseKey} ask={lastAsk?.body ?? null} onDone={onDone} />}
      {resolved && <ReopenForm caseKey={caseKey} onDone={onDone} />}
      {done && !c.rating && <RatingForm caseKey={caseKey} onDone={onDone} />}
      {c.rating && (
        <Text size="sm" role="status">
          {t('citizen.case.rated', { stars: c.rating.stars })}
        </Text>
      )}

      <section aria-label={t('requests.timeline')}>
        <Title order={3} size="h5" mb="xs">
          {t('requests.timeline')}
        </Title>
        <Stack gap={8} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {events.map((e) => (
            <li key={e.id} style={{ borderLeft: '3px solid var(--mantine-color-gray-4)', paddingLeft: 10 }}>
              <Text size="xs" c="dark.6">
                {formatDateTime(e.createdAt)}
              </Text>
              <Text size="sm" fw={600}>
                {t(`requests.events.${e.kind}`, { defaultValue: t(`citizen.events.${e.kind}`, { defaultValue: e.kind }) })}
              </Text>
              {e.body && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {e.body}
                </Text>
              )}
            </li>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}

function AnswerForm({ caseKey, ask, onDone }: { caseKey: CaseKey; ask: string | null; onDone: (c: CitizenCase) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [err, setErr] = useState<string>();
  const m = useMutation({
    mutationFn: () =>
      answerCase(
        caseKey,
        text.trim(),
        files.map((f) => f.id),
      ),
    onSuccess: onDone,
  });
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      bg="orange.0"
      style={{ borderColor: 'var(--mantine-color-orange-6)' }}
      component="section"
      aria-labelledby={`${id}-ask`}
    >
      <Title order={3} size="h5" id={`${id}-ask`} mb="xs">
        {t('citizen.case.infoNeeded')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return setErr(t('citizen.case.answerRequired'));
          setErr(undefined);
          m.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          {ask && <Text style={{ whiteSpace: 'pre-wrap' }}>{ask}</Text>}
          <Textarea
            label={t('citizen.case.answer')}
            value={text}
            error={err}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={10_000}
          />
          <AttachmentsInput value={files} onChange={setFiles} max={20} />
          {m.isError && (
            <Text c="red.9" size="sm" role="alert">
              {errText(m.error)}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={m.isPending}>
              {t('citizen.case.sendAnswer')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function ReopenForm({ caseKey, onDone }: { caseKey: CaseKey; onDone: (c: CitizenCase) => void }) {
  const { t } = useTranslation();
  const [openForm, setOpenForm] = useState(false);
  const [text, setText] = useState('');
  const [err, setErr] = useState<string>();
  const m = useMutation({ mutationFn: () => reopenCase(caseKey, text.trim()), onSuccess: onDone });
  if (!openForm)
    return (
      <Group>
        <Button variant="default" onClick={() => setOpenForm(true)}>
          {t('citizen.case.notFixed')}
        </Button>
      </Group>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return setErr(t('citizen.case.reopenRequired'));
        setErr(undefined);
        m.mutate();
      }}
      noValidate
    >
      <Stack gap="sm">
        <Textarea
          label={t('citizen.case.whatsWrong')}
          value={text}
          error={err}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={5000}
          data-autofocus
        />
        {m.isError && (
          <Text c="red.9" size="sm" role="alert">
            {errText(m.error)}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={m.isPending}>
            {t('citizen.case.reopen')}
          </Button>
          <Button variant="subtle" onClick={() => setOpenForm(false)}>
            {t('citizen.case.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RatingForm({ caseKey, onDone }: { caseKey: CaseKey; onDone: (c: CitizenCase) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [stars, setStars] = useState<string>('');
  const [comment, setComment] = useState('');
  const [err, setErr] = useState<string>();
  const m = useMutation({ mutationFn: () => rateCase(caseKey, Number(stars), comment.trim() || undefined), onSuccess: onDone });
  return (
    <form
      aria-labelledby={`${id}-t`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!stars) return setErr(t('citizen.case.starsRequired'));
        setErr(undefined);
        m.mutate();
      }}
      noValidate
    >
      <Stack gap="sm">
        <Title order={3} size="h5" id={`${id}-t`}>
          {t('citizen.case.rate')}
        </Title>
        <Radio.Group label={t('citizen.case.stars')} value={stars} onChange={setStars} error={err}>
          <Group gap="md" mt={4}>
            {[1, 2, 3, 4, 5].map((n) => (
              <Radio key={n} value={String(n)} label={t('citizen.case.starN', { count: n })} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={t('citizen.case.rateComment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
        />
        {m.isError && (
          <Text c="red.9" size="sm" role="alert">
            {errText(m.error)}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={m.isPending}>
            {t('citizen.case.sendRating')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
