import { Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listMyCases, type MyCase } from '../app/api/endpoints';
import { ErrorState } from '../app/components/error-state';
import { PageHeader } from '../app/components/page-header';
import { registerTranslations } from '../app/i18n';
import { formatDate } from '../app/i18n/format';
import { useOutbox } from '../app/pwa/use-outbox';
import type { RequestDraft } from '../modules/forms';
import { CaseDetail, stateColor as categoryColor } from './case-detail';
import { getCase } from './citizen-api';
import el from './i18n/el.json';
import en from './i18n/en.json';
import { OutboxList } from './outbox-list';

registerTranslations('citizen', { el, en });

export function RequestsPage() {
  const { t } = useTranslation();
  const outbox = useOutbox<RequestDraft>('case');
  const pending = outbox.items.filter((i) => i.status !== 'draft');
  const mine = useQuery({ queryKey: ['my-cases'], queryFn: listMyCases });
  const [openId, setOpenId] = useState<string>();
  return (
    <Stack gap="lg">
      <PageHeader title={t('requests.title')} intro={t('requests.intro')} />
      {pending.length > 0 && (
        <section aria-labelledby="pending-title">
          <Title order={2} size="h4" id="pending-title" mb="sm">
            {t('outbox.title')}
          </Title>
          <OutboxList items={pending} onSend={(i) => void outbox.queue(i)} onRemove={(id) => void outbox.remove(id)} />
        </section>
      )}
      {mine.isPending && <Loader aria-label={t('requests.loading')} />}
      {mine.isError && <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.data && mine.data.length > 0 && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('requests.listLabel')}>
          {mine.data.map((c) => (
            <CaseCard key={c.id} c={c} open={openId === c.id} onToggle={() => setOpenId(openId === c.id ? undefined : c.id)} />
          ))}
        </Stack>
      )}
      <Group>
        <Button component={Link} to="/track" variant="light">
          {t('citizen.track.link')}
        </Button>
      </Group>
      {(mine.isError || (mine.data && mine.data.length === 0)) && (
        <Card withBorder radius="lg" padding="xl">
          <Stack align="center" gap="sm">
            <Text>{t('requests.empty')}</Text>
            <Button component={Link} to="/new">
              {t('requests.newOne')}
            </Button>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function CaseCard({ c, open, onToggle }: { c: MyCase; open: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const detailId = `case-${c.id}`;
  return (
    <Card component="li" withBorder radius="md" padding="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text fw={600}>{en ? c.caseType.name.en : c.caseType.name.el}</Text>
          <Text size="sm">{c.protocolNumber ? t('requests.protocol', { number: c.protocolNumber }) : t('request.protocolPending')}</Text>
          <Text size="xs" c="dark.6">
            {t('requests.submitted', { date: formatDate(c.submittedAt) })} · {t('requests.code', { code: c.trackingCode })}
          </Text>
        </div>
        <Badge color={categoryColor[c.stateCategory] ?? 'gray'} variant="light" c="dark.7" style={{ flexShrink: 0 }}>
          {en ? c.stateName.en : c.stateName.el}
        </Badge>
      </Group>
      <Group mt="sm">
        <Button size="sm" variant="light" onClick={onToggle} aria-expanded={open} aria-controls={detailId}>
          {open ? t('requests.hide') : t('requests.details')}
        </Button>
      </Group>
      {open && (
        <div id={detailId}>
          <CaseTimeline id={c.id} />
        </div>
      )}
    </Card>
  );
}

function CaseTimeline({ id }: { id: string }) {
  const { t } = useTranslation();
  const queryKey = ['my-case', id];
  const q = useQuery({ queryKey, queryFn: () => getCase({ id }) });
  if (q.isPending) return <Loader size="sm" mt="sm" aria-label={t('requests.loading')} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <CaseDetail c={q.data} caseKey={{ id }} queryKey={queryKey} />;
}
