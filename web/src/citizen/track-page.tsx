import { Button, Card, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api/client';
import { ErrorState } from '../app/components/error-state';
import { PageHeader } from '../app/components/page-header';
import { errorMessage, registerTranslations } from '../app/i18n';
import { CaseDetail } from './case-detail';
import { type CaseKey, getCase, listSubscriptions, subscribeTo, unsubscribeFrom } from './citizen-api';
import el from './i18n/el.json';
import en from './i18n/en.json';

registerTranslations('citizen', { el, en });

/** Follow a request by its protocol number and tracking code, without an account. */
export function TrackPage() {
  const { t, i18n } = useTranslation();
  const search = useSearch({ from: '/citizen/track' });
  const navigate = useNavigate({ from: '/track' });
  const [protocol, setProtocol] = useState(search.protocol ?? '');
  const [code, setCode] = useState(search.code ?? '');
  const [err, setErr] = useState<string>();
  const key: CaseKey | undefined = search.code ? { code: search.code, protocol: search.protocol } : undefined;
  const queryKey = ['track', search.protocol ?? '', search.code ?? ''];
  const q = useQuery({ queryKey, queryFn: () => getCase(key as CaseKey), enabled: !!key, retry: false });
  const en = i18n.language === 'en';

  return (
    <Stack gap="lg">
      <PageHeader title={t('citizen.track.title')} intro={t('citizen.track.intro')} />
      <Card withBorder radius="lg" padding="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (code.trim().length !== 8) return setErr(t('citizen.track.codeLength'));
            setErr(undefined);
            void navigate({ search: { code: code.trim().toUpperCase(), ...(protocol.trim() ? { protocol: protocol.trim() } : {}) } });
          }}
          noValidate
        >
          <Stack gap="sm">
            <TextInput
              label={t('citizen.track.protocol')}
              description={t('citizen.track.protocolHint')}
              value={protocol}
              onChange={(e) => setProtocol(e.currentTarget.value)}
              maxLength={50}
            />
            <TextInput
              label={t('citizen.track.code')}
              description={t('citizen.track.codeHint')}
              value={code}
              error={err}
              onChange={(e) => setCode(e.currentTarget.value)}
              maxLength={8}
              autoCapitalize="characters"
              autoComplete="off"
              required
            />
            <Group>
              <Button type="submit">{t('citizen.track.find')}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {key && q.isPending && <Loader aria-label={t('requests.loading')} />}
      {key && q.isError && (
        <div role="alert">
          {q.error instanceof ApiError && q.error.status === 404 ? (
            <Text c="red.9">{t('citizen.track.notFound')}</Text>
          ) : (
            <ErrorState error={q.error} onRetry={() => void q.refetch()} />
          )}
        </div>
      )}
      {key && q.data && (
        <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="tracked-title">
          <Title order={2} size="h4" id="tracked-title">
            {en ? q.data.caseType.name.en : q.data.caseType.name.el}
          </Title>
          <Text size="sm">
            {q.data.protocolNumber ? t('requests.protocol', { number: q.data.protocolNumber }) : t('request.protocolPending')} ·{' '}
            {t('requests.code', { code: q.data.trackingCode })}
          </Text>
          <FollowButton caseId={q.data.id} />
          <CaseDetail c={q.data} caseKey={key} queryKey={queryKey} />
        </Card>
      )}
    </Stack>
  );
}

/** Subscribe this device (or account) to news of the case: the notify module's `case` subscription. */
function FollowButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const subs = useQuery({ queryKey: ['notify-subscriptions'], queryFn: listSubscriptions, retry: false });
  const following = !!subs.data?.items.some((s) => s.kind === 'case' && s.refId === caseId);
  const m = useMutation({
    mutationFn: async () => {
      if (following) await unsubscribeFrom('case', caseId);
      else await subscribeTo('case', caseId);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notify-subscriptions'] }),
  });
  if (!subs.data) return null;
  return (
    <Group mt="xs">
      <Button size="sm" variant={following ? 'default' : 'light'} loading={m.isPending} onClick={() => m.mutate()} aria-pressed={following}>
        {following ? t('citizen.track.following') : t('citizen.track.follow')}
      </Button>
      {m.isError && (
        <Text size="sm" c="red.9" role="alert">
          {errorMessage(m.error instanceof ApiError ? m.error.code : undefined)}
        </Text>
      )}
    </Group>
  );
}
