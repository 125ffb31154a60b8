import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Tabs,
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
import { type AlertBody, allAlerts, createAlert, endAlert, loc } from './api';
import { useLang } from './shared';
import { fieldErrors, fromLocalInput, toLocalInput, usePerms } from './staff-content-page';
import './i18n';

const CATEGORIES = ['civil_protection', 'weather', 'transport', 'general'] as const;
const SEVERITIES = ['info', 'warning', 'severe', 'extreme'] as const;

type Form = {
  category: AlertBody['category'];
  severity: AlertBody['severity'];
  titleEl: string;
  titleEn: string;
  textEl: string;
  textEn: string;
  areaEl: string;
  areaEn: string;
  startsAt: string;
  endsAt: string;
  push: boolean;
};

const fresh = (): Form => ({
  category: 'civil_protection',
  severity: 'warning',
  titleEl: '',
  titleEn: '',
  textEl: '',
  textEn: '',
  areaEl: '',
  areaEn: '',
  startsAt: toLocalInput(new Date()),
  endsAt: toLocalInput(new Date(Date.now() + 24 * 3600_000)),
  push: true,
});

export function AlertsPage() {
  const { t, i18n } = useTranslation();
  const lang = useLang(i18n.language);
  const qc = useQueryClient();
  const perms = usePerms();
  const [f, setF] = useState<Form>(fresh);
  const [done, setDone] = useState(false);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const q = useQuery({ queryKey: ['content', 'alerts', 'all'], queryFn: allAlerts, enabled: !!perms.data?.alerts });
  const create = useMutation({
    mutationFn: () =>
      createAlert({
        ...f,
        titleEn: f.titleEn || null,
        textEn: f.textEn || null,
        areaEn: f.areaEn || null,
        startsAt: fromLocalInput(f.startsAt) ?? '',
        endsAt: fromLocalInput(f.endsAt) ?? '',
      }),
    onSuccess: async () => {
      setF(fresh());
      setDone(true);
      await qc.invalidateQueries({ queryKey: ['content', 'alerts'] });
    },
  });
  const end = useMutation({
    mutationFn: (id: string) => endAlert(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['content', 'alerts'] }),
  });
  const errs = fieldErrors(create.error);
  if (perms.isPending) return <Loader aria-label={t('app.loading')} />;
  const now = Date.now();
  return (
    <Stack gap="md" maw={860}>
      <Title order={1} size="h2">
        {t('content.staff.alertsTitle')}
      </Title>
      <Text c="dimmed">{t('content.staff.alertsIntro')}</Text>
      {!perms.data?.alerts && <Alert color="yellow">{t('content.staff.forbidden')}</Alert>}
      {perms.data?.alerts && (
        <>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="new-alert">
            <Title order={2} size="h4" id="new-alert" mb="sm">
              {t('content.staff.newAlert')}
            </Title>
            {done && (
              <Alert color="green" role="status" mb="sm">
                {t('content.staff.saved')}
              </Alert>
            )}
            {create.error && (
              <Alert color="red" role="alert" mb="sm">
                {create.error instanceof ApiError
                  ? (create.error.body.message ?? errorMessage(create.error.code))
                  : errorMessage('generic')}
              </Alert>
            )}
            <Stack gap="sm">
              <Group grow>
                <Select
                  label={t('content.staff.alertCategory')}
                  allowDeselect={false}
                  value={f.category}
                  onChange={(v) => set('category', (v ?? 'general') as Form['category'])}
                  data={CATEGORIES.map((c) => ({ value: c, label: t(`content.staff.alertCategories.${c}`) }))}
                />
                <Select
                  label={t('content.staff.severity')}
                  allowDeselect={false}
                  value={f.severity}
                  onChange={(v) => set('severity', (v ?? 'warning') as Form['severity'])}
                  data={SEVERITIES.map((s) => ({ value: s, label: t(`content.staff.severities.${s}`) }))}
                />
              </Group>
              <Tabs defaultValue="el">
                <Tabs.List>
                  <Tabs.Tab value="el">{t('content.staff.greek')}</Tabs.Tab>
                  <Tabs.Tab value="en">{t('content.staff.english')}</Tabs.Tab>
                </Tabs.List>
                {(['el', 'en'] as const).map((l) => {
                  const s = l === 'el' ? 'El' : 'En';
                  const k = (n: string) => `${n}${s}` as 'titleEl';
                  return (
                    <Tabs.Panel key={l} value={l} pt="sm" lang={l}>
                      <Stack gap="sm">
                        <TextInput
                          label={t('content.staff.titleField')}
                          required={l === 'el'}
                          value={f[k('title')]}
                          onChange={(e) => set(k('title'), e.currentTarget.value)}
                          error={errs[k('title')]}
                        />
                        <Textarea
                          label={t('content.staff.alertText')}
                          required={l === 'el'}
                          autosize
                          minRows={2}
                          value={f[k('text')]}
                          onChange={(e) => set(k('text'), e.currentTarget.value)}
                          error={errs[k('text')]}
                        />
                        <TextInput
                          label={t('content.staff.area')}
                          required={l === 'el'}
                          value={f[k('area')]}
                          onChange={(e) => set(k('area'), e.currentTarget.value)}
                          error={errs[k('area')]}
                        />
                      </Stack>
                    </Tabs.Panel>
                  );
                })}
              </Tabs>
              <Group grow>
                <TextInput
                  type="datetime-local"
                  label={t('content.staff.startsAt')}
                  required
                  value={f.startsAt}
                  onChange={(e) => set('startsAt', e.currentTarget.value)}
                  error={errs.startsAt}
                />
                <TextInput
                  type="datetime-local"
                  label={t('content.staff.endsAt')}
                  required
                  value={f.endsAt}
                  onChange={(e) => set('endsAt', e.currentTarget.value)}
                  error={errs.endsAt}
                />
              </Group>
              <Checkbox label={t('content.staff.push')} checked={f.push} onChange={(e) => set('push', e.currentTarget.checked)} />
              <Group>
                <Button color="red.9" loading={create.isPending} onClick={() => create.mutate()}>
                  {t('content.staff.issue')}
                </Button>
              </Group>
            </Stack>
          </Paper>
          {q.isPending && <Loader aria-label={t('app.loading')} />}
          {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
          {q.data && q.data.length === 0 && <Alert variant="light">{t('content.staff.noAlerts')}</Alert>}
          <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {q.data?.map((a) => {
              const active = new Date(a.startsAt).getTime() <= now && new Date(a.endsAt).getTime() > now;
              const title = loc(lang, a.titleEl, a.titleEn);
              return (
                <li key={a.id}>
                  <Card withBorder radius="md" padding="md">
                    <Group justify="space-between" align="flex-start">
                      <Stack gap={2}>
                        <Text fw={700} lang={title.lang}>
                          {title.text}
                        </Text>
                        <Group gap="xs">
                          <Badge color={active ? 'red.9' : 'gray.8'} variant="outline">
                            {active ? t('content.staff.active') : t('content.staff.inactive')}
                          </Badge>
                          <Badge variant="outline" color="gray.8">
                            {t(`content.staff.alertCategories.${a.category}`)}
                          </Badge>
                          <Badge variant="outline" color="gray.8">
                            {t(`content.staff.severities.${a.severity}`)}
                          </Badge>
                        </Group>
                        <Text size="sm" c="dimmed">
                          {formatDateTime(a.startsAt)} – {formatDateTime(a.endsAt)}
                        </Text>
                      </Stack>
                      {active && (
                        <Button size="xs" variant="outline" color="red.9" loading={end.isPending} onClick={() => end.mutate(a.id)}>
                          {t('content.staff.end')}
                        </Button>
                      )}
                    </Group>
                  </Card>
                </li>
              );
            })}
          </Stack>
        </>
      )}
    </Stack>
  );
}
