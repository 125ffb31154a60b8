import './i18n';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { formatDateTime } from '../../app/i18n/format';
import {
  adminCalls,
  adminStations,
  answerText,
  type Call,
  callAction,
  callApplications,
  createCall,
  messageOf,
  removeApplication,
  type StaffApplication,
  verify,
} from './api';

const NEXT: Record<string, 'open' | 'close' | 'rank' | 'publish' | null> = {
  draft: 'open',
  open: 'close',
  closed: 'rank',
  ranked: 'publish',
  published: null,
};

/** /staff/nursery: calls (create, open, close, rank, publish), applications with points, verify, remove (frees the place). */
export function StaffNurseryPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['nursery-admin-calls'], queryFn: adminCalls });
  const [selected, setSelected] = useState<string>();
  const [msg, setMsg] = useState<{ color: string; text: string }>();
  const call = list.data?.items.find((c) => c.id === selected) ?? list.data?.items[0];
  const action = useMutation({
    mutationFn: (v: { id: string; a: 'open' | 'close' | 'rank' | 'publish' }) => callAction(v.id, v.a),
    onSuccess: () => {
      setMsg({ color: 'green', text: t('nursery.staff.done') });
      void qc.invalidateQueries({ queryKey: ['nursery-admin-calls'] });
      void qc.invalidateQueries({ queryKey: ['nursery-admin-apps'] });
    },
    onError: (e) => setMsg({ color: 'red', text: messageOf(e) }),
  });
  if (list.isPending) return <Loader aria-label={t('app.loading')} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const next = call ? NEXT[call.status] : null;
  return (
    <Stack>
      <div>
        <Title order={1} size="h2">
          {t('nursery.staff.title')}
        </Title>
        <Text c="dimmed">{t('nursery.staff.intro')}</Text>
      </div>
      {msg && (
        <Alert color={msg.color} role={msg.color === 'red' ? 'alert' : 'status'}>
          {msg.text}
        </Alert>
      )}
      <Group align="flex-end">
        <NativeSelect
          label={t('nursery.staff.call')}
          value={call?.id ?? ''}
          onChange={(e) => setSelected(e.currentTarget.value)}
          data={(list.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.title[lang]} (${t(`nursery.call.status.${c.status}`)})` }))}
        />
        {call && next && (
          <Button onClick={() => action.mutate({ id: call.id, a: next })} loading={action.isPending}>
            {t(`nursery.staff.actions.${next}`)}
          </Button>
        )}
        {call?.status === 'published' && (
          <Anchor component={Link} to={'/nursery/ranking/$callId' as never} params={{ callId: call.id } as never}>
            {t('nursery.staff.publicRanking')}
          </Anchor>
        )}
      </Group>
      {call && (
        <Text size="sm">
          {t('nursery.call.dates', { from: formatDateTime(call.opensAt), to: formatDateTime(call.closesAt) })} ·{' '}
          <Badge variant="light">{t(`nursery.call.status.${call.status}`)}</Badge>
        </Text>
      )}
      {call && <Applications call={call} />}
      <NewCall onCreated={(id) => setSelected(id)} />
    </Stack>
  );
}

function Applications({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const apps = useQuery({ queryKey: ['nursery-admin-apps', call.id], queryFn: () => callApplications(call.id) });
  const st = useQuery({ queryKey: ['nursery-admin-stations'], queryFn: adminStations });
  const name = new Map((st.data?.items ?? []).map((s) => [s.id, s.name]));
  const [open, setOpen] = useState<{ id: string; mode: 'verify' | 'remove' }>();
  return (
    <section aria-labelledby="apps-title">
      <Title order={2} size="h3" id="apps-title" mb="xs">
        {t('nursery.staff.applications')}
      </Title>
      {apps.isPending && <Loader aria-label={t('app.loading')} />}
      {apps.data && !apps.data.items.length && <Text>{t('nursery.staff.noApplications')}</Text>}
      {apps.data && apps.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="staff-applications">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('nursery.ranking.rank')}</Table.Th>
                <Table.Th scope="col">{t('nursery.ranking.code')}</Table.Th>
                <Table.Th scope="col">{t('nursery.staff.child')}</Table.Th>
                <Table.Th scope="col">{t('nursery.staff.group')}</Table.Th>
                <Table.Th scope="col">{t('nursery.ranking.points')}</Table.Th>
                <Table.Th scope="col">{t('nursery.staff.status')}</Table.Th>
                <Table.Th scope="col">{t('nursery.ranking.station')}</Table.Th>
                <Table.Th scope="col">
                  <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                    {t('nursery.staff.verify')}
                  </span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {apps.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.rank ?? '—'}</Table.Td>
                  <Table.Td>{a.publicCode}</Table.Td>
                  <Table.Th scope="row" fw="normal">
                    {a.child.givenName} {a.child.familyName}
                  </Table.Th>
                  <Table.Td>{t(`nursery.groups.${a.ageGroup}`)}</Table.Td>
                  <Table.Td>
                    {a.points} {a.verified && <Badge size="xs">{t('nursery.staff.verified')}</Badge>}
                  </Table.Td>
                  <Table.Td>{t(`nursery.mine.status.${a.status}`)}</Table.Td>
                  <Table.Td>
                    {a.stationId
                      ? name.get(a.stationId)
                      : a.positions.map((p) => `${name.get(p.stationId)}: ${p.position}`).join(' · ') || '—'}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {a.status === 'submitted' && (call.status === 'open' || call.status === 'closed') && (
                        <Button size="xs" variant="light" onClick={() => setOpen({ id: a.id, mode: 'verify' })}>
                          {t('nursery.staff.verify')}
                        </Button>
                      )}
                      {!['declined', 'withdrawn', 'removed'].includes(a.status) && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => setOpen({ id: a.id, mode: 'remove' })}>
                          {t('nursery.staff.remove')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && apps.data && (
        <ActOn
          call={call}
          app={apps.data.items.find((x) => x.id === open.id) as StaffApplication}
          mode={open.mode}
          lang={lang}
          onClose={() => setOpen(undefined)}
        />
      )}
    </section>
  );
}

function ActOn({
  call,
  app,
  mode,
  lang,
  onClose,
}: {
  call: Call;
  app: StaffApplication;
  mode: 'verify' | 'remove';
  lang: 'el' | 'en';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, unknown>>({ ...app.answers });
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const save = useMutation({
    mutationFn: async (): Promise<unknown> => (mode === 'verify' ? verify(app.id, answers, note) : removeApplication(app.id, note)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['nursery-admin-apps', call.id] });
      onClose();
    },
    onError: (e) => setError(messageOf(e)),
  });
  return (
    <Card
      withBorder
      mt="md"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Title order={3} size="h4" mb="xs">
        {mode === 'verify' ? t('nursery.staff.verify') : t('nursery.staff.remove')}: {app.child.givenName} {app.child.familyName} (
        {app.publicCode})
      </Title>
      <Stack>
        {mode === 'verify' &&
          call.criteria.map((c) =>
            c.kind === 'flag' ? (
              <Checkbox
                key={c.key}
                label={c[lang]}
                checked={answers[c.key] === true}
                onChange={(e) => setAnswers({ ...answers, [c.key]: e.currentTarget.checked })}
              />
            ) : c.kind === 'choice' ? (
              <NativeSelect
                key={c.key}
                label={c[lang]}
                value={String(answers[c.key] ?? '')}
                onChange={(e) => setAnswers({ ...answers, [c.key]: e.currentTarget.value })}
                data={c.options.map((o) => ({ value: o.value, label: o[lang] }))}
              />
            ) : (
              <NumberInput
                key={c.key}
                label={c[lang]}
                description={answerText(c, app.familyAnswers[c.key], lang, t('nursery.criteria.yes'), t('nursery.criteria.no'))}
                min={0}
                allowDecimal={false}
                value={(answers[c.key] as number | undefined) ?? ''}
                onChange={(v) => setAnswers({ ...answers, [c.key]: typeof v === 'number' ? v : 0 })}
              />
            ),
          )}
        <TextInput
          label={mode === 'verify' ? t('nursery.staff.note') : t('nursery.staff.reason')}
          required
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending} color={mode === 'remove' ? 'red' : undefined}>
            {t('nursery.staff.save')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('nursery.staff.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function NewCall({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const y = new Date().getFullYear() + 1;
  const [v, setV] = useState({
    schoolYear: `${y}-${y + 1}`,
    titleEl: `Προκήρυξη εγγραφών ${y}-${y + 1}`,
    titleEn: `Nursery enrolment ${y}-${y + 1}`,
    opensAt: `${y}-05-15T09:00`,
    closesAt: `${y}-06-30T23:59`,
    referenceDate: `${y}-09-01`,
  });
  const [error, setError] = useState<string>();
  const create = useMutation({
    mutationFn: () =>
      createCall({ ...v, opensAt: new Date(v.opensAt).toISOString(), closesAt: new Date(v.closesAt).toISOString() } as Parameters<
        typeof createCall
      >[0]),
    onSuccess: (c) => {
      setError(undefined);
      void qc.invalidateQueries({ queryKey: ['nursery-admin-calls'] });
      onCreated(c.id);
    },
    onError: (e) => setError(messageOf(e)),
  });
  const field = (k: keyof typeof v, type = 'text') => (
    <TextInput
      type={type}
      label={t(`nursery.staff.${k}`)}
      required
      value={v[k]}
      onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })}
    />
  );
  return (
    <Card
      withBorder
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
      aria-labelledby="new-call"
    >
      <Title order={2} size="h3" id="new-call" mb="xs">
        {t('nursery.staff.new')}
      </Title>
      <Stack>
        {field('schoolYear')}
        {field('titleEl')}
        {field('titleEn')}
        {field('opensAt', 'datetime-local')}
        {field('closesAt', 'datetime-local')}
        {field('referenceDate', 'date')}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('nursery.staff.create')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
