import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  FileInput,
  Group,
  List,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { errorMessage } from '../../app/i18n';
import { formatDateTime } from '../../app/i18n/format';
import { createMeeting, getMeeting, listMeetings, loc, type MeetingBody, type MeetingDetail, updateMeeting, uploadPublic } from './api';
import { useLang } from './shared';
import { fieldErrors, fromLocalInput, toLocalInput, usePerms } from './staff-content-page';
import './i18n';

type AgendaForm = { titleEl: string; titleEn: string; decisionNumber: string; decisionEl: string; decisionEn: string; ada: string };
type Form = {
  titleEl: string;
  titleEn: string;
  startsAt: string;
  placeEl: string;
  placeEn: string;
  status: MeetingBody['status'];
  documents: { id: string; name: string }[];
  agenda: AgendaForm[];
};
const emptyItem = (): AgendaForm => ({ titleEl: '', titleEn: '', decisionNumber: '', decisionEl: '', decisionEn: '', ada: '' });
const emptyForm = (): Form => ({
  titleEl: '',
  titleEn: '',
  startsAt: '',
  placeEl: '',
  placeEn: '',
  status: 'scheduled',
  documents: [],
  agenda: [emptyItem()],
});
const fromDetail = (d: MeetingDetail): Form => ({
  titleEl: d.meeting.titleEl,
  titleEn: d.meeting.titleEn ?? '',
  startsAt: toLocalInput(d.meeting.startsAt),
  placeEl: d.meeting.placeEl,
  placeEn: d.meeting.placeEn ?? '',
  status: d.meeting.status,
  documents: d.documents.map((x) => ({ id: x.id, name: x.name })),
  agenda: d.agenda.map((a) => ({
    titleEl: a.titleEl,
    titleEn: a.titleEn ?? '',
    decisionNumber: a.decisionNumber ?? '',
    decisionEl: a.decisionEl ?? '',
    decisionEn: a.decisionEn ?? '',
    ada: a.ada ?? '',
  })),
});
const toBody = (f: Form): MeetingBody => ({
  titleEl: f.titleEl,
  titleEn: f.titleEn || null,
  startsAt: fromLocalInput(f.startsAt) ?? '',
  placeEl: f.placeEl,
  placeEn: f.placeEn || null,
  status: f.status,
  documents: f.documents.map((d) => d.id),
  agenda: f.agenda
    .filter((a) => a.titleEl.trim())
    .map((a) => ({
      titleEl: a.titleEl,
      titleEn: a.titleEn || null,
      decisionNumber: a.decisionNumber || null,
      decisionEl: a.decisionEl || null,
      decisionEn: a.decisionEn || null,
      ada: a.ada || null,
    })),
});

function MeetingForm({ id, initial, onDone }: { id: string | null; initial: Form; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState<Form>(initial);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const setItem = (i: number, k: keyof AgendaForm, v: string) =>
    setF((x) => ({ ...x, agenda: x.agenda.map((a, j) => (j === i ? { ...a, [k]: v } : a)) }));
  const save = useMutation({
    mutationFn: () => (id ? updateMeeting(id, toBody(f)) : createMeeting(toBody(f))),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['council'] });
      onDone();
    },
  });
  const errs = fieldErrors(save.error);
  async function onFile(file: File | null) {
    setUploadError(null);
    if (!file) return;
    try {
      const up = await uploadPublic(file, 'document');
      setF((x) => ({ ...x, documents: [...x.documents, { id: up.id, name: up.name }] }));
    } catch (e) {
      setUploadError(errorMessage((e as { code?: string }).code));
    }
  }
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="meeting-form">
      <Title order={2} size="h4" id="meeting-form" mb="sm">
        {id ? t('content.staff.editMeeting') : t('content.staff.newMeeting')}
      </Title>
      {save.error && (
        <Alert color="red.9" role="alert" mb="sm">
          {save.error instanceof ApiError ? (save.error.body.message ?? errorMessage(save.error.code)) : errorMessage('generic')}
        </Alert>
      )}
      <Stack gap="sm">
        <Group grow>
          <TextInput
            label={`${t('content.staff.meetingTitle')} (${t('content.staff.greek')})`}
            required
            value={f.titleEl}
            onChange={(e) => set('titleEl', e.currentTarget.value)}
            error={errs.titleEl}
          />
          <TextInput
            label={`${t('content.staff.meetingTitle')} (${t('content.staff.english')})`}
            lang="en"
            value={f.titleEn}
            onChange={(e) => set('titleEn', e.currentTarget.value)}
          />
        </Group>
        <Group grow>
          <TextInput
            type="datetime-local"
            label={t('content.staff.startsAt')}
            required
            value={f.startsAt}
            onChange={(e) => set('startsAt', e.currentTarget.value)}
            error={errs.startsAt}
          />
          <Select
            label={t('content.staff.meetingStatus')}
            allowDeselect={false}
            value={f.status}
            onChange={(v) => set('status', (v ?? 'scheduled') as Form['status'])}
            data={(['scheduled', 'held', 'cancelled'] as const).map((s) => ({ value: s, label: t(`content.council.status.${s}`) }))}
          />
        </Group>
        <Group grow>
          <TextInput
            label={`${t('content.staff.place')} (${t('content.staff.greek')})`}
            required
            value={f.placeEl}
            onChange={(e) => set('placeEl', e.currentTarget.value)}
            error={errs.placeEl}
          />
          <TextInput
            label={`${t('content.staff.place')} (${t('content.staff.english')})`}
            lang="en"
            value={f.placeEn}
            onChange={(e) => set('placeEn', e.currentTarget.value)}
          />
        </Group>
        <Title order={3} size="h5">
          {t('content.council.agenda')}
        </Title>
        {f.agenda.map((a, i) => {
          const n = i + 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: agenda rows are positional
            <Card key={i} withBorder radius="md" padding="sm" component="fieldset">
              <Group justify="space-between" component="legend" w="100%">
                <Text fw={600}>{t('content.staff.agendaItem', { n })}</Text>
              </Group>
              <Stack gap="xs">
                <Group grow>
                  <Textarea
                    label={`${t('content.staff.titleField')} (${t('content.staff.greek')})`}
                    autosize
                    value={a.titleEl}
                    onChange={(e) => setItem(i, 'titleEl', e.currentTarget.value)}
                    error={errs[`agenda.${i}.titleEl`]}
                  />
                  <Textarea
                    label={`${t('content.staff.titleField')} (${t('content.staff.english')})`}
                    lang="en"
                    autosize
                    value={a.titleEn}
                    onChange={(e) => setItem(i, 'titleEn', e.currentTarget.value)}
                  />
                </Group>
                <Group grow>
                  <TextInput
                    label={t('content.staff.decisionNumber')}
                    value={a.decisionNumber}
                    onChange={(e) => setItem(i, 'decisionNumber', e.currentTarget.value)}
                  />
                  <TextInput
                    label={t('content.staff.ada')}
                    description={t('content.staff.adaHelp')}
                    value={a.ada}
                    onChange={(e) => setItem(i, 'ada', e.currentTarget.value)}
                    error={errs[`agenda.${i}.ada`]}
                  />
                </Group>
                <Group grow>
                  <Textarea
                    label={`${t('content.staff.decisionText')} (${t('content.staff.greek')})`}
                    autosize
                    value={a.decisionEl}
                    onChange={(e) => setItem(i, 'decisionEl', e.currentTarget.value)}
                  />
                  <Textarea
                    label={`${t('content.staff.decisionText')} (${t('content.staff.english')})`}
                    lang="en"
                    autosize
                    value={a.decisionEn}
                    onChange={(e) => setItem(i, 'decisionEn', e.currentTarget.value)}
                  />
                </Group>
                <Group justify="flex-end">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red.9"
                    onClick={() => setF((x) => ({ ...x, agenda: x.agenda.filter((_, j) => j !== i) }))}
                  >
                    {t('content.staff.removeItem', { n })}
                  </Button>
                </Group>
              </Stack>
            </Card>
          );
        })}
        <Group>
          <Button variant="light" onClick={() => setF((x) => ({ ...x, agenda: [...x.agenda, emptyItem()] }))}>
            {t('content.staff.addItem')}
          </Button>
        </Group>
        <FileInput
          label={t('content.staff.documents')}
          accept="application/pdf"
          onChange={(file) => void onFile(file)}
          error={uploadError ?? errs.documents}
          clearable
        />
        {f.documents.length > 0 && (
          <List>
            {f.documents.map((d) => (
              <List.Item key={d.id}>
                <Group gap="xs">
                  <Anchor href={`/api/files/${d.id}`}>{d.name}</Anchor>
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    aria-label={`${t('content.staff.removeImage')}: ${d.name}`}
                    onClick={() => setF((x) => ({ ...x, documents: x.documents.filter((y) => y.id !== d.id) }))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        <Group>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t('content.staff.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('content.staff.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function EditLoader({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['council', 'meeting', id], queryFn: () => getMeeting(id) });
  if (q.isPending) return <Loader aria-label={t('app.loading')} />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <MeetingForm id={id} initial={fromDetail(q.data)} onDone={onDone} />;
}

export function CouncilEditorPage() {
  const { t, i18n } = useTranslation();
  const lang = useLang(i18n.language);
  const perms = usePerms();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const upcoming = useQuery({ queryKey: ['council', 'meetings', 'upcoming'], queryFn: () => listMeetings('upcoming') });
  const past = useQuery({ queryKey: ['council', 'meetings', 'past'], queryFn: () => listMeetings('past') });
  if (perms.isPending) return <Loader aria-label={t('app.loading')} />;
  const meetings = [...(upcoming.data ?? []), ...(past.data ?? [])];
  return (
    <Stack gap="md" maw={960}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('content.staff.councilTitle')}
        </Title>
        {perms.data?.council && editing === null && <Button onClick={() => setEditing('new')}>{t('content.staff.newMeeting')}</Button>}
      </Group>
      <Text c="dimmed">{t('content.staff.councilIntro')}</Text>
      {!perms.data?.council && <Alert color="yellow">{t('content.staff.forbidden')}</Alert>}
      {perms.data?.council && editing === 'new' && <MeetingForm id={null} initial={emptyForm()} onDone={() => setEditing(null)} />}
      {perms.data?.council && editing && editing !== 'new' && <EditLoader key={editing} id={editing} onDone={() => setEditing(null)} />}
      {(upcoming.isPending || past.isPending) && <Loader aria-label={t('app.loading')} />}
      {upcoming.error && <ErrorState error={upcoming.error} onRetry={() => void upcoming.refetch()} />}
      <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {meetings.map((m) => {
          const title = loc(lang, m.titleEl, m.titleEn);
          return (
            <li key={m.id}>
              <Card withBorder radius="md" padding="md">
                <Group justify="space-between">
                  <Stack gap={2}>
                    <Anchor href={`/council/${m.id}`} fw={700} lang={title.lang}>
                      {title.text}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {formatDateTime(m.startsAt)} · {t(`content.council.status.${m.status}`)} ·{' '}
                      {t('content.council.items', { count: m.agendaCount })}
                    </Text>
                  </Stack>
                  {perms.data?.council && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setEditing(m.id)}
                      aria-label={`${t('content.staff.editMeeting')}: ${title.text}`}
                    >
                      {t('content.staff.editMeeting')}
                    </Button>
                  )}
                </Group>
              </Card>
            </li>
          );
        })}
      </Stack>
    </Stack>
  );
}
