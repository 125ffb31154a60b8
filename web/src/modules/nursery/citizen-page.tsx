import './i18n';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Fieldset,
  FileInput,
  Group,
  List,
  Loader,
  NativeSelect,
  NumberInput,
  Radio,
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
import { TAXISNET_START, uploadFiles } from '../../app/api/endpoints';
import { useMe } from '../../app/auth/use-me';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { errorMessage } from '../../app/i18n';
import { formatDate, formatDateTime } from '../../app/i18n/format';
import {
  type Application,
  type ApplyBody,
  applyNow,
  type Call,
  type Criterion,
  calls,
  decideOn,
  fieldErrorsOf,
  messageOf,
  myApplications,
  type Station,
  stations,
} from './api';

type Lang = 'el' | 'en';
const useLang = (): Lang => (useTranslation().i18n.language === 'en' ? 'en' : 'el');

const STATUS_COLOR: Record<string, string> = {
  submitted: '#0b4f8a',
  admitted: '#1b5e20',
  offered: '#1b5e20',
  accepted: '#0b5e55',
  waiting: '#8a4b00',
  declined: '#495057',
  withdrawn: '#495057',
  removed: '#a61e1e',
};

/** /nursery: the open call and its criteria, the family's applications (status, position, offer), and the form. */
export function NurseryPage() {
  const { t } = useTranslation();
  const { me, isPending } = useMe();
  const list = useQuery({ queryKey: ['nursery-calls'], queryFn: calls });
  const st = useQuery({ queryKey: ['nursery-stations'], queryFn: stations });
  const citizen = me?.kind === 'citizen';
  const taxisnet = citizen && !!(me as { taxisnetVerified?: boolean }).taxisnetVerified;
  const mine = useQuery({ queryKey: ['nursery-my'], queryFn: myApplications, enabled: citizen });
  const call = list.data?.current ?? null;

  return (
    <Stack>
      <PageHeader title={t('nursery.title')} intro={t('nursery.intro')} />
      {(list.isPending || isPending) && <Loader aria-label={t('app.loading')} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && !call && <Alert color="gray">{t('nursery.noCall')}</Alert>}
      {call && (
        <>
          <CallCard call={call} />
          {citizen && mine.data && <MyApplications items={mine.data.items} stations={st.data?.items ?? []} />}
          {call.acceptingApplications &&
            !isPending &&
            (taxisnet ? (
              <ApplyForm call={call} stations={(st.data?.items ?? []).filter((s) => call.capacity[s.id])} />
            ) : (
              <Alert color="yellow" variant="light" c="dark.8" title={t('nursery.taxisnet.title')}>
                <Text size="sm">{t('nursery.taxisnet.text')}</Text>
                <Button component="a" href={`${TAXISNET_START}?returnTo=${encodeURIComponent('/nursery')}`} variant="outline" mt="sm">
                  {t('nursery.taxisnet.signIn')}
                </Button>
              </Alert>
            ))}
          <Criteria call={call} />
          <Stations call={call} items={st.data?.items ?? []} />
        </>
      )}
    </Stack>
  );
}

function CallCard({ call }: { call: Call }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card withBorder component="section" aria-labelledby="call-title">
      <Group justify="space-between" align="flex-start">
        <Title order={2} size="h3" id="call-title">
          {call.title[lang]}
        </Title>
        <Badge color={call.acceptingApplications ? '#1b5e20' : '#495057'} variant="filled">
          {call.acceptingApplications ? t('nursery.call.open') : t(`nursery.call.status.${call.status}`)}
        </Badge>
      </Group>
      <Text mt="xs">{t('nursery.call.dates', { from: formatDateTime(call.opensAt), to: formatDateTime(call.closesAt) })}</Text>
      <Text size="sm" c="dimmed">
        {t('nursery.call.ages', {
          infant: call.ageRules.infantFromMonths,
          toddler: call.ageRules.toddlerFromMonths,
          until: call.ageRules.toddlerUntilMonths,
          date: formatDate(call.referenceDate),
        })}
      </Text>
      {call.status === 'published' && (
        <Anchor component={Link} to={'/nursery/ranking/$callId' as never} params={{ callId: call.id } as never} mt="xs">
          {t('nursery.call.ranking')}
        </Anchor>
      )}
    </Card>
  );
}

function pointsText(c: Criterion, t: (k: string, o?: Record<string, unknown>) => string, lang: Lang) {
  switch (c.kind) {
    case 'flag':
      return t('nursery.criteria.pointsFlag', { points: c.points });
    case 'count':
      return t('nursery.criteria.pointsEach', { points: c.pointsEach, max: c.max });
    case 'choice':
      return c.options.map((o) => `${o[lang]}: ${o.points}`).join(' · ');
    case 'income': {
      let prev = 0;
      return c.bands
        .map((b) => {
          const s = b.upTo == null ? t('nursery.criteria.above', { amount: prev }) : t('nursery.criteria.upTo', { amount: b.upTo });
          prev = b.upTo ?? prev;
          return `${s}: ${b.points}`;
        })
        .join(' · ');
    }
  }
}

function Criteria({ call }: { call: Call }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section aria-labelledby="criteria-title">
      <Title order={2} size="h3" id="criteria-title">
        {t('nursery.criteria.heading')}
      </Title>
      <Text size="sm" mb="xs">
        {t('nursery.criteria.explain')}
      </Text>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('nursery.criteria.criterion')}</Table.Th>
            <Table.Th scope="col">{t('nursery.criteria.points')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {call.criteria.map((c) => (
            <Table.Tr key={c.key}>
              <Table.Th scope="row" fw="normal">
                {c[lang]}
              </Table.Th>
              <Table.Td>{pointsText(c, t, lang)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

function Stations({ call, items }: { call: Call; items: Station[] }) {
  const { t } = useTranslation();
  const shown = items.filter((s) => call.capacity[s.id]);
  return (
    <section aria-labelledby="stations-title">
      <Title order={2} size="h3" id="stations-title">
        {t('nursery.stations.heading')}
      </Title>
      <List>
        {shown.map((s) => (
          <List.Item key={s.id}>
            <Text fw={600} span>
              {s.name}
            </Text>
            {s.address ? `, ${s.address}` : ''} — {t('nursery.stations.places', call.capacity[s.id])}
          </List.Item>
        ))}
      </List>
    </section>
  );
}

function MyApplications({ items, stations: all }: { items: Application[]; stations: Station[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const name = new Map(all.map((s) => [s.id, s.name]));
  const [error, setError] = useState<string>();
  const decide = useMutation({
    mutationFn: (v: { id: string; d: 'accept' | 'decline' | 'withdraw' }) => decideOn(v.id, v.d),
    onSuccess: () => {
      setError(undefined);
      void qc.invalidateQueries({ queryKey: ['nursery-my'] });
    },
    onError: (e) => setError(messageOf(e)),
  });
  const act = (id: string, d: 'accept' | 'decline' | 'withdraw') => {
    if (d !== 'accept' && !window.confirm(t('nursery.mine.confirmDecline'))) return;
    decide.mutate({ id, d });
  };
  return (
    <section aria-labelledby="mine-title">
      <Title order={2} size="h3" id="mine-title" mb="xs">
        {t('nursery.mine.heading')}
      </Title>
      {error && (
        <Alert color="red" role="alert" mb="xs">
          {error}
        </Alert>
      )}
      {!items.length && <Text>{t('nursery.mine.none')}</Text>}
      <Stack>
        {items.map((a) => (
          <Card key={a.id} withBorder data-testid="my-application">
            <Group justify="space-between">
              <Title order={3} size="h4">
                {a.child.givenName} {a.child.familyName}
              </Title>
              <Badge color={STATUS_COLOR[a.status]} variant="filled" data-testid="application-status">
                {t(`nursery.mine.status.${a.status}`)}
              </Badge>
            </Group>
            <Table variant="vertical" mt="xs" withRowBorders={false}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th>{t('nursery.mine.code')}</Table.Th>
                  <Table.Td data-testid="public-code">{a.publicCode}</Table.Td>
                </Table.Tr>
                {a.protocolNumber && (
                  <Table.Tr>
                    <Table.Th>{t('nursery.mine.protocol')}</Table.Th>
                    <Table.Td>{a.protocolNumber}</Table.Td>
                  </Table.Tr>
                )}
                <Table.Tr>
                  <Table.Th>{t('nursery.mine.points')}</Table.Th>
                  <Table.Td data-testid="points">{a.points}</Table.Td>
                </Table.Tr>
                {a.rank != null && (
                  <Table.Tr>
                    <Table.Th>{t('nursery.mine.rank')}</Table.Th>
                    <Table.Td>{a.rank}</Table.Td>
                  </Table.Tr>
                )}
                {a.stationId && (
                  <Table.Tr>
                    <Table.Th>{t('nursery.mine.station')}</Table.Th>
                    <Table.Td>{name.get(a.stationId)}</Table.Td>
                  </Table.Tr>
                )}
                {a.positions.length > 0 && (
                  <Table.Tr>
                    <Table.Th>{t('nursery.mine.positions')}</Table.Th>
                    <Table.Td>
                      {a.positions.map((p) => t('nursery.mine.position', { station: name.get(p.stationId), n: p.position })).join(' · ')}
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
            <Group mt="sm">
              {(a.status === 'admitted' || a.status === 'offered') && (
                <>
                  <Button onClick={() => act(a.id, 'accept')} loading={decide.isPending}>
                    {t('nursery.mine.accept')}
                  </Button>
                  <Button variant="default" onClick={() => act(a.id, 'decline')}>
                    {t('nursery.mine.decline')}
                  </Button>
                </>
              )}
              {(a.status === 'submitted' || a.status === 'waiting') && (
                <Button variant="default" onClick={() => act(a.id, 'withdraw')}>
                  {t('nursery.mine.withdraw')}
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </Stack>
    </section>
  );
}

function estimate(call: Call, answers: Record<string, unknown>) {
  let total = 0;
  for (const c of call.criteria) {
    const v = answers[c.key];
    if (c.kind === 'flag' && v === true) total += c.points;
    if (c.kind === 'choice') total += c.options.find((o) => o.value === v)?.points ?? 0;
    if (c.kind === 'count' && typeof v === 'number') total += Math.min(v, c.max) * c.pointsEach;
    if (c.kind === 'income' && typeof v === 'number') total += c.bands.find((b) => b.upTo == null || v <= b.upTo)?.points ?? 0;
  }
  return total;
}

function ApplyForm({ call, stations: list }: { call: Call; stations: Station[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [child, setChild] = useState({ givenName: '', familyName: '', birthDate: '' });
  const [prefs, setPrefs] = useState<string[]>(['', '', '']);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [docs, setDocs] = useState<Record<string, string[]>>({});
  const [uploading, setUploading] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string>();
  const submit = useMutation({
    mutationFn: (body: ApplyBody) => applyNow(body),
    onSuccess: (a) => {
      setErrors({});
      setDone(a.publicCode);
      void qc.invalidateQueries({ queryKey: ['nursery-my'] });
    },
    onError: (e) => setErrors({ _: messageOf(e), ...fieldErrorsOf(e) }),
  });
  const pick = async (key: string, files: File[] | null) => {
    if (!files?.length) {
      setDocs((d) => ({ ...d, [key]: [] }));
      return;
    }
    setUploading(key);
    try {
      const up = await uploadFiles(files);
      setDocs((d) => ({ ...d, [key]: up.map((f) => f.id) }));
    } catch (e) {
      setErrors((x) => ({ ...x, [`documents.${key}`]: errorMessage((e as { code?: string }).code ?? 'api.unavailable') }));
    } finally {
      setUploading(undefined);
    }
  };
  const step = (n: number, key: string) => t('nursery.form.step', { n, name: t(`nursery.form.steps.${key}`) });
  const err = (k: string) => errors[k];

  if (done) {
    return (
      <Alert color="#1b5e20" variant="filled" role="status" title={t('nursery.form.done', { code: done })}>
        {null}
      </Alert>
    );
  }
  return (
    <section aria-labelledby="apply-title">
      <Title order={2} size="h3" id="apply-title" mb="xs">
        {t('nursery.form.heading')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate({
            callId: call.id,
            child,
            preferences: prefs.filter(Boolean),
            answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== '' && v !== undefined)),
            documents: Object.fromEntries(Object.entries(docs).filter(([, v]) => v.length)),
          });
        }}
      >
        <Stack>
          <Fieldset legend={step(1, 'child')}>
            <Stack>
              <TextInput
                label={t('nursery.form.givenName')}
                required
                value={child.givenName}
                onChange={(e) => setChild({ ...child, givenName: e.currentTarget.value })}
                error={err('child.givenName')}
              />
              <TextInput
                label={t('nursery.form.familyName')}
                required
                value={child.familyName}
                onChange={(e) => setChild({ ...child, familyName: e.currentTarget.value })}
                error={err('child.familyName')}
              />
              <TextInput
                type="date"
                label={t('nursery.form.birthDate')}
                description={t('nursery.form.birthDateHelp', { date: formatDate(call.referenceDate) })}
                required
                value={child.birthDate}
                onChange={(e) => setChild({ ...child, birthDate: e.currentTarget.value })}
                error={err('child.birthDate')}
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={step(2, 'stations')}>
            <Text size="sm" mb="xs">
              {t('nursery.form.stationsHelp')}
            </Text>
            <Stack>
              {prefs.map((p, i) => (
                <NativeSelect
                  // biome-ignore lint/suspicious/noArrayIndexKey: the three choices are fixed positions
                  key={i}
                  label={t('nursery.form.preference', { n: i + 1 })}
                  required={i === 0}
                  value={p}
                  onChange={(e) => {
                    const next = [...prefs];
                    next[i] = e.currentTarget.value;
                    setPrefs(next);
                  }}
                  data={[{ value: '', label: t('nursery.form.none') }, ...list.map((s) => ({ value: s.id, label: s.name }))]}
                  error={err(`preferences.${i}`) ?? (i === 0 ? err('preferences') : undefined)}
                />
              ))}
            </Stack>
          </Fieldset>
          <Fieldset legend={step(3, 'criteria')}>
            <Stack>
              {call.criteria.map((c) => {
                const e = err(`answers.${c.key}`);
                if (c.kind === 'flag') {
                  return (
                    <Checkbox
                      key={c.key}
                      label={`${c[lang]} (${c.points})`}
                      checked={answers[c.key] === true}
                      onChange={(ev) => setAnswers({ ...answers, [c.key]: ev.currentTarget.checked })}
                      error={e}
                    />
                  );
                }
                if (c.kind === 'choice') {
                  return (
                    <Radio.Group
                      key={c.key}
                      label={c[lang]}
                      required
                      value={(answers[c.key] as string) ?? ''}
                      onChange={(v) => setAnswers({ ...answers, [c.key]: v })}
                      error={e}
                    >
                      <Stack gap={6} mt={4}>
                        {c.options.map((o) => (
                          <Radio key={o.value} value={o.value} label={`${o[lang]} (${o.points})`} />
                        ))}
                      </Stack>
                    </Radio.Group>
                  );
                }
                return (
                  <NumberInput
                    key={c.key}
                    label={c[lang]}
                    required={c.kind === 'income'}
                    min={0}
                    max={c.kind === 'count' ? 20 : undefined}
                    allowDecimal={false}
                    value={(answers[c.key] as number | undefined) ?? ''}
                    onChange={(v) => setAnswers({ ...answers, [c.key]: typeof v === 'number' ? v : undefined })}
                    error={e}
                  />
                );
              })}
              <Text fw={600} aria-live="polite">
                {t('nursery.form.estimate', { points: estimate(call, answers) })}
              </Text>
            </Stack>
          </Fieldset>
          <Fieldset legend={step(4, 'documents')}>
            <Text size="sm" mb="xs">
              {t('nursery.form.documentsHelp')}
            </Text>
            <Stack>
              {call.documents.map((d) => (
                <FileInput
                  key={d.key}
                  label={d.optional ? `${d[lang]} (${t('nursery.form.ifApplies')})` : d[lang]}
                  required={!d.optional}
                  multiple
                  clearable
                  accept="application/pdf,image/*"
                  placeholder={t('forms.files.pick')}
                  description={uploading === d.key ? t('forms.files.uploading') : undefined}
                  onChange={(files) => void pick(d.key, files)}
                  error={err(`documents.${d.key}`)}
                />
              ))}
            </Stack>
          </Fieldset>
          {errors._ && (
            <Alert color="red" role="alert" title={t('nursery.form.failed')}>
              {errors._}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={submit.isPending} disabled={!!uploading}>
              {t('nursery.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}
