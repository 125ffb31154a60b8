import './i18n';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NativeSelect,
  PasswordInput,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField } from '../../app/api/endpoints';
import { logout } from '../../app/api/endpoints';
import { ME_KEY, useMe } from '../../app/auth/use-me';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { errorMessage } from '../../app/i18n';
import { formatDate, formatDateTime } from '../../app/i18n/format';
import { cleanValues, FormRenderer, type FormValues } from '../forms';
import {
  answerRequest,
  codeOf,
  confirmRequest,
  fieldErrorsOf,
  fileRequest,
  myRequest,
  myRequests,
  myRequestTypes,
  mySchool,
  partnerLogin,
  type RequestBody,
  type RequestItem,
  type RequestType,
  reopenRequest,
} from './api';

const categoryColor: Record<string, string> = {
  new: 'blue',
  open: 'blue',
  in_progress: 'yellow',
  waiting_citizen: 'orange',
  resolved: 'green',
  rejected: 'red',
  closed: 'gray',
};

/** The principal's (or deputy's) page: sign in, file a request, follow every request of the school and answer it. */
export function PrincipalPage() {
  const { t } = useTranslation();
  const { me, isPending } = useMe();
  if (isPending) return <Loader aria-label={t('app.loading')} />;
  if (me?.kind !== 'partner') return <PartnerLogin />;
  return <SchoolHome />;
}

function PartnerLogin() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => partnerLogin({ email: email.trim(), password }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ME_KEY }),
  });
  return (
    <Stack maw={420}>
      <PageHeader title={t('schools.principal.loginTitle')} intro={t('schools.principal.loginIntro')} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          login.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('schools.principal.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('schools.principal.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            visibilityToggleButtonProps={{ 'aria-label': t('staff.togglePassword') }}
          />
          {login.isError && (
            <Alert color="red" role="alert">
              {errorMessage(codeOf(login.error))}
            </Alert>
          )}
          <Button type="submit" loading={login.isPending}>
            {t('schools.principal.signIn')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

function SchoolHome() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const school = useQuery({ queryKey: ['my-school'], queryFn: mySchool });
  const requests = useQuery({ queryKey: ['my-school-requests'], queryFn: myRequests, enabled: school.isSuccess });
  const signOut = async () => {
    await logout().catch(() => undefined);
    qc.setQueryData(ME_KEY, null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  };
  if (school.isPending) return <Loader aria-label={t('app.loading')} />;
  if (school.isError) {
    return (
      <Stack>
        <PageHeader title={t('schools.principal.title')} />
        {codeOf(school.error) === 'school.not_linked' ? (
          <Alert color="yellow" role="alert">
            {t('schools.principal.notLinked')}
          </Alert>
        ) : (
          <ErrorState error={school.error} onRetry={() => void school.refetch()} />
        )}
        <Group>
          <Button variant="default" onClick={() => void signOut()}>
            {t('schools.principal.signOut')}
          </Button>
        </Group>
      </Stack>
    );
  }
  const s = school.data;
  const items = requests.data?.items ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <PageHeader title={s.name} intro={t('schools.principal.figures', { open: s.figures.open, completed: s.figures.completed })} />
        <Button variant="default" onClick={() => void signOut()}>
          {t('schools.principal.signOut')}
        </Button>
      </Group>
      <NewRequest
        typesKey="my-school-types"
        loadTypes={myRequestTypes}
        submit={fileRequest}
        onFiled={() => void qc.invalidateQueries({ queryKey: ['my-school-requests'] })}
      />
      <section aria-labelledby="school-requests">
        <Title order={2} size="h3" id="school-requests" mb="sm">
          {t('schools.principal.requests')}
        </Title>
        {requests.isPending && <Loader aria-label={t('app.loading')} />}
        {requests.isError && <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />}
        {requests.isSuccess && items.length === 0 && <Text>{t('schools.principal.empty')}</Text>}
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((c) => (
            <RequestCard key={c.id} c={c} />
          ))}
        </Stack>
      </section>
    </Stack>
  );
}

/** The request form: the kind, the kind's own form (school fields), a description. Used by principals and by staff for a school. */
export function NewRequest({
  typesKey,
  loadTypes,
  submit,
  onFiled,
}: {
  typesKey: string;
  loadTypes: () => Promise<RequestType[]>;
  submit: (body: RequestBody) => Promise<{ protocolNumber: string | null }>;
  onFiled: () => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const types = useQuery({ queryKey: [typesKey], queryFn: loadTypes });
  const [kind, setKind] = useState('');
  const [description, setDescription] = useState('');
  const [values, setValues] = useState<FormValues>({});
  const type = types.data?.find((x) => x.kind === kind);
  const fields = (type?.form.fields ?? []) as unknown as FormField[];
  const file = useMutation({
    mutationFn: () =>
      submit({
        kind: kind as never,
        description: description.trim(),
        data: cleanValues(fields, values),
        fileIds: [],
      }),
    onSuccess: () => {
      setKind('');
      setDescription('');
      setValues({});
      onFiled();
    },
  });
  const errors = fieldErrorsOf(file.error);
  return (
    <Card withBorder component="section" aria-labelledby="new-school-request">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          file.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h3" id="new-school-request">
            {t('schools.principal.newRequest')}
          </Title>
          {file.isSuccess && (
            <Alert color="green" role="status">
              {t('schools.principal.submitted', { number: file.data.protocolNumber ?? '–' })}
            </Alert>
          )}
          <NativeSelect
            label={t('schools.principal.kind')}
            required
            value={kind}
            onChange={(e) => {
              setKind(e.currentTarget.value);
              file.reset();
            }}
            data={[{ value: '', label: '—' }, ...(types.data ?? []).map((x) => ({ value: x.kind, label: en ? x.name.en : x.name.el }))]}
            error={errors.kind}
          />
          {type && (
            <>
              <FormRenderer fields={fields} values={values} errors={errors} onChange={(id, v) => setValues({ ...values, [id]: v })} />
              <Textarea
                label={t('schools.principal.describe')}
                description={t('schools.principal.describeHelp')}
                required
                autosize
                minRows={3}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                error={errors.description}
              />
              {file.isError && !Object.keys(errors).length && (
                <Alert color="red" role="alert">
                  {errorMessage(codeOf(file.error))}
                </Alert>
              )}
              <Group>
                <Button type="submit" loading={file.isPending}>
                  {t('schools.principal.submit')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </form>
    </Card>
  );
}

function RequestCard({ c }: { c: RequestItem }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [open, setOpen] = useState(false);
  const detailId = `school-request-${c.id}`;
  return (
    <Card component="li" withBorder radius="md" padding="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text fw={600}>{en ? c.caseType.name.en : c.caseType.name.el}</Text>
          <Text size="sm">
            {c.protocolNumber ?? '–'} · {formatDate(c.submittedAt, { dateStyle: 'medium' })} · {t(`schools.priority.${c.priority}`)}
          </Text>
          {c.expectedDate && (
            <Text size="sm">{t('schools.principal.expected', { date: formatDate(c.expectedDate, { dateStyle: 'medium' }) })}</Text>
          )}
        </div>
        <Badge color={categoryColor[c.stateCategory] ?? 'gray'} variant="light" c="dark.7" style={{ flexShrink: 0 }}>
          {en ? c.stateName.en : c.stateName.el}
        </Badge>
      </Group>
      <Group mt="sm">
        <Button size="sm" variant="light" onClick={() => setOpen(!open)} aria-expanded={open} aria-controls={detailId}>
          {open ? t('schools.principal.hide') : t('schools.principal.details')}
        </Button>
      </Group>
      {open && (
        <div id={detailId}>
          <RequestDetail id={c.id} />
        </div>
      )}
    </Card>
  );
}

function RequestDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['my-school-request', id], queryFn: () => myRequest(id) });
  const [text, setText] = useState('');
  const [notDone, setNotDone] = useState(false);
  const refresh = () => {
    setText('');
    setNotDone(false);
    void qc.invalidateQueries({ queryKey: ['my-school-request', id] });
    void qc.invalidateQueries({ queryKey: ['my-school-requests'] });
  };
  const act = useMutation({
    mutationFn: (what: 'answer' | 'confirm' | 'reopen') =>
      what === 'answer'
        ? answerRequest(id, text.trim())
        : what === 'confirm'
          ? confirmRequest(id, text.trim() || undefined)
          : reopenRequest(id, text.trim()),
    onSuccess: refresh,
  });
  if (q.isPending) return <Loader size="sm" mt="sm" aria-label={t('app.loading')} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const question = [...c.timeline].reverse().find((e) => e.kind === 'info_requested');
  const failed = act.isError ? (
    <Alert color="red" role="alert">
      {errorMessage(codeOf(act.error))}
    </Alert>
  ) : null;
  return (
    <Stack gap="sm" mt="sm">
      <Title order={3} size="h5">
        {t('schools.principal.timeline')}
      </Title>
      <Stack gap={6} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {c.timeline.map((e) => (
          <li key={e.id}>
            <Text size="xs" c="dark.6">
              {formatDateTime(e.createdAt)}
            </Text>
            <Text size="sm">{t(`schools.principal.events.${e.kind}`, { defaultValue: e.kind })}</Text>
            {e.body && <Text size="sm">{e.body}</Text>}
          </li>
        ))}
      </Stack>
      {c.stateCategory === 'waiting_citizen' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            act.mutate('answer');
          }}
        >
          <Stack gap="xs">
            <Text fw={600}>{t('schools.principal.question')}</Text>
            {question?.body && <Text size="sm">{question.body}</Text>}
            <Textarea label={t('schools.principal.answerLabel')} required value={text} onChange={(e) => setText(e.currentTarget.value)} />
            {failed}
            <Group>
              <Button type="submit" loading={act.isPending}>
                {t('schools.principal.answer')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {(c.stateCategory === 'resolved' || c.stateCategory === 'closed') && (
        <Stack gap="xs">
          {c.stateCategory === 'resolved' && <Text fw={600}>{t('schools.principal.confirmTitle')}</Text>}
          <Textarea
            label={notDone ? t('schools.principal.notDoneLabel') : t('schools.principal.confirmComment')}
            required={notDone}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          {failed}
          <Group>
            {c.stateCategory === 'resolved' && !notDone && (
              <Button onClick={() => act.mutate('confirm')} loading={act.isPending && act.variables === 'confirm'}>
                {t('schools.principal.confirm')}
              </Button>
            )}
            {!notDone ? (
              <Button variant="light" color="red" onClick={() => setNotDone(true)}>
                {t('schools.principal.notDone')}
              </Button>
            ) : (
              <Button color="red" disabled={!text.trim()} onClick={() => act.mutate('reopen')} loading={act.isPending}>
                {t('schools.principal.notDoneSend')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
