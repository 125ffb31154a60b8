import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api/client';
import { ErrorState } from '../app/components/error-state';
import { PageHeader } from '../app/components/page-header';
import { errorMessage, registerTranslations } from '../app/i18n';
import { formatDateTime } from '../app/i18n/format';
import {
  CHANNELS,
  getInbox,
  getPreferences,
  type InboxItem,
  listSubscriptions,
  markAllRead,
  markRead,
  type Preferences,
  putPreferences,
  TOPICS,
  unsubscribeFrom,
} from './citizen-api';
import el from './i18n/el.json';
import en from './i18n/en.json';
import { currentPush, disablePush, enablePush, type PushError, pushSupported } from './push';

registerTranslations('citizen', { el, en });

const errText = (e: unknown) => (e instanceof ApiError ? (e.body.message ?? errorMessage(e.code)) : errorMessage(undefined));

export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeader title={t('notifications.title')} intro={t('notifications.intro')} />
      <Inbox />
      <PushCard />
      <PreferencesCard />
      <SubscriptionsCard />
    </Stack>
  );
}

function Inbox() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useInfiniteQuery({
    queryKey: ['notify-inbox'],
    queryFn: ({ pageParam }) => getInbox(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['notify-inbox'] });
  const one = useMutation({ mutationFn: markRead, onSuccess: refresh });
  const all = useMutation({ mutationFn: markAllRead, onSuccess: refresh });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = q.data?.pages[0]?.unread ?? 0;
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="inbox-title">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={2} size="h4" id="inbox-title">
            {t('citizen.inbox.title')}
          </Title>
          {unread > 0 && (
            <Badge color="red" c="white" bg="red.9" data-testid="unread-count">
              {t('citizen.inbox.unread', { count: unread })}
            </Badge>
          )}
        </Group>
        {unread > 0 && (
          <Button size="sm" variant="light" onClick={() => all.mutate()} loading={all.isPending}>
            {t('citizen.inbox.markAll')}
          </Button>
        )}
      </Group>
      {q.isPending && <Loader aria-label={t('citizen.inbox.loading')} />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && items.length === 0 && <Text>{t('notifications.empty')}</Text>}
      {items.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('citizen.inbox.list')}>
          {items.map((m) => (
            <InboxRow key={m.id} m={m} onRead={() => one.mutate(m.id)} />
          ))}
        </Stack>
      )}
      {q.hasNextPage && (
        <Group mt="sm">
          <Button variant="default" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
            {t('citizen.inbox.older')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

function InboxRow({ m, onRead }: { m: InboxItem; onRead: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const unread = !m.readAt;
  return (
    <li style={{ borderLeft: `4px solid var(--mantine-color-${unread ? 'aegean-7' : 'gray-3'})`, paddingLeft: 10 }}>
      <UnstyledButton
        onClick={() => {
          setOpen(!open);
          if (unread) onRead();
        }}
        aria-expanded={open}
        w="100%"
        py={4}
      >
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Text fw={unread ? 700 : 500}>{m.title}</Text>
            <Text size="xs" c="dark.6">
              {formatDateTime(m.createdAt)} · {t(`citizen.topics.${m.category}`, { defaultValue: m.category })}
            </Text>
          </div>
          <Text size="xs" c={unread ? 'aegean.9' : 'dark.6'} style={{ flexShrink: 0 }}>
            {unread ? t('citizen.inbox.new') : t('citizen.inbox.read')}
          </Text>
        </Group>
      </UnstyledButton>
      {open && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} pb="xs">
          {m.text}
        </Text>
      )}
    </li>
  );
}

function PushCard() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ on: boolean; busy: boolean; error?: PushError | 'api' }>({ on: false, busy: true });
  const supported = pushSupported();
  useEffect(() => {
    if (!supported) return setState({ on: false, busy: false });
    void currentPush()
      .then((s) => setState({ on: !!s, busy: false }))
      .catch(() => setState({ on: false, busy: false }));
  }, [supported]);
  const toggle = async () => {
    setState((s) => ({ ...s, busy: true, error: undefined }));
    try {
      if (state.on) {
        await disablePush();
        setState({ on: false, busy: false });
      } else {
        await enablePush();
        setState({ on: true, busy: false });
      }
    } catch (e) {
      setState((s) => ({ ...s, busy: false, error: typeof e === 'string' ? (e as PushError) : 'api' }));
    }
  };
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="push-title">
      <Title order={2} size="h4" id="push-title" mb="xs">
        {t('citizen.push.title')}
      </Title>
      {!supported ? (
        <Text>{t('citizen.push.unsupported')}</Text>
      ) : (
        <Stack gap="sm">
          <Text role="status" data-testid="push-state">
            {state.on ? t('citizen.push.on') : t('citizen.push.off')}
          </Text>
          <Group>
            <Button onClick={() => void toggle()} loading={state.busy} variant={state.on ? 'default' : 'filled'}>
              {state.on ? t('citizen.push.disable') : t('citizen.push.enable')}
            </Button>
          </Group>
          {state.error && (
            <Text c="red.9" size="sm" role="alert">
              {t(`citizen.push.errors.${state.error}`)}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}

function PreferencesCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['notify-prefs'], queryFn: getPreferences });
  const [draft, setDraft] = useState<Preferences>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (q.data) setDraft(q.data);
  }, [q.data]);
  const m = useMutation({
    mutationFn: (p: Preferences) =>
      putPreferences({ channels: p.channels, topics: p.topics, quietStart: p.quietStart, quietEnd: p.quietEnd, lang: p.lang }),
    onSuccess: (p) => {
      qc.setQueryData(['notify-prefs'], p);
      setSaved(true);
    },
  });
  const fieldErr = (f: string) => (m.error instanceof ApiError ? m.error.body.fields?.find((x) => x.field === f)?.message : undefined);
  const set = (patch: Partial<Preferences>) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, ...patch } : d));
  };
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="prefs-title">
      <Title order={2} size="h4" id="prefs-title" mb="sm">
        {t('citizen.prefs.title')}
      </Title>
      {q.isPending && <Loader aria-label={t('citizen.prefs.loading')} />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {draft && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            m.mutate(draft);
          }}
          noValidate
        >
          <Stack gap="md">
            <Checkbox.Group
              label={t('citizen.prefs.channels')}
              description={t('citizen.prefs.channelsHint')}
              value={draft.channels}
              onChange={(v) => set({ channels: v as Preferences['channels'] })}
            >
              <Stack gap={6} mt={6}>
                {CHANNELS.map((c) => (
                  <Checkbox key={c} value={c} label={t(`citizen.channels.${c}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Checkbox.Group
              label={t('citizen.prefs.topics')}
              value={[...new Set(['civil_protection', ...draft.topics])]}
              onChange={(v) => set({ topics: [...new Set(['civil_protection', ...v])] })}
              error={fieldErr('topics')}
            >
              <Stack gap={6} mt={6}>
                {TOPICS.map((c) => (
                  <Checkbox
                    key={c}
                    value={c}
                    label={t(`citizen.topics.${c}`)}
                    description={c === 'civil_protection' ? t('citizen.prefs.civilLocked') : undefined}
                    disabled={c === 'civil_protection'}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            <div>
              <Text fw={500} size="sm" id="quiet-label">
                {t('citizen.prefs.quiet')}
              </Text>
              <Text size="xs" c="dark.6" mb={4}>
                {t('citizen.prefs.quietHint')}
              </Text>
              <Group grow>
                <TextInput
                  type="time"
                  label={t('citizen.prefs.quietStart')}
                  value={draft.quietStart ?? ''}
                  onChange={(e) => set({ quietStart: e.currentTarget.value || null })}
                />
                <TextInput
                  type="time"
                  label={t('citizen.prefs.quietEnd')}
                  value={draft.quietEnd ?? ''}
                  error={fieldErr('quietEnd')}
                  onChange={(e) => set({ quietEnd: e.currentTarget.value || null })}
                />
              </Group>
            </div>
            <NativeSelect
              label={t('citizen.prefs.lang')}
              value={draft.lang}
              data={[
                { value: 'el', label: 'Ελληνικά' },
                { value: 'en', label: 'English' },
              ]}
              onChange={(e) => set({ lang: e.currentTarget.value as 'el' | 'en' })}
            />
            {m.isError && !fieldErr('topics') && !fieldErr('quietEnd') && (
              <Text c="red.9" size="sm" role="alert">
                {errText(m.error)}
              </Text>
            )}
            {saved && (
              <Alert color="green" variant="light" role="status">
                {t('citizen.prefs.saved')}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={m.isPending}>
                {t('citizen.prefs.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}

function SubscriptionsCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['notify-subscriptions'], queryFn: listSubscriptions });
  const m = useMutation({
    mutationFn: (s: { kind: string; refId: string }) => unsubscribeFrom(s.kind, s.refId),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notify-subscriptions'] }),
  });
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="subs-title">
      <Title order={2} size="h4" id="subs-title" mb="xs">
        {t('citizen.subs.title')}
      </Title>
      <Text size="sm" c="dark.6" mb="sm">
        {t('citizen.subs.intro')}
      </Text>
      {q.isPending && <Loader aria-label={t('citizen.subs.loading')} />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && q.data.items.length === 0 && <Text>{t('citizen.subs.empty')}</Text>}
      {q.data && q.data.items.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('citizen.subs.title')}>
          {q.data.items.map((s) => {
            const what = `${t(`citizen.subs.kinds.${s.kind}`, { defaultValue: s.kind })} · ${s.refId.slice(0, 8)}`;
            return (
              <Group component="li" key={s.id} justify="space-between" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600}>{what}</Text>
                  <Text size="xs" c="dark.6">
                    {t('citizen.subs.since', { date: formatDateTime(s.createdAt) })}
                  </Text>
                </div>
                <Button
                  size="sm"
                  variant="subtle"
                  color="red.9"
                  c="red.9"
                  onClick={() => m.mutate(s)}
                  aria-label={t('citizen.subs.unsubscribeOne', { what })}
                >
                  {t('citizen.subs.unsubscribe')}
                </Button>
              </Group>
            );
          })}
        </Stack>
      )}
      {m.isError && (
        <Text c="red.9" size="sm" role="alert">
          {errText(m.error)}
        </Text>
      )}
    </Card>
  );
}
