import { Alert, Button, Checkbox, Group, Radio, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { errorMessage } from '../../app/i18n';
import { type BroadcastBody, CATEGORIES, type Category, CHANNELS, createBroadcast, type LatLon, smsSegments, toPolygon } from './api';
import './i18n';

const AreaMap = lazy(() => import('./area-map').then((m) => ({ default: m.AreaMap })));

type Channel = (typeof CHANNELS)[number];
type Form = {
  category: Category;
  titleEl: string;
  titleEn: string;
  textEl: string;
  textEn: string;
  audience: 'everyone' | 'topic' | 'area';
  topic: string;
  points: LatLon[];
  channels: Channel[];
  when: 'now' | 'later';
  sendAt: string;
};

const EMPTY: Form = {
  category: 'general',
  titleEl: '',
  titleEn: '',
  textEl: '',
  textEn: '',
  audience: 'everyone',
  topic: 'general',
  points: [],
  channels: ['push', 'inapp'],
  when: 'now',
  sendAt: '',
};

function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries((error.body.fields ?? []).map((f) => [f.field, f.message ?? errorMessage(f.code)]));
}

function SmsCounter({ text }: { text: string }) {
  const { t } = useTranslation();
  const s = smsSegments(text);
  return (
    <Text size="xs" aria-live="polite">
      {t('notify.form.sms', { chars: s.chars, segments: s.segments, per: s.perSegment, encoding: s.ucs2 ? 'UCS-2' : 'GSM-7' })}
    </Text>
  );
}

/** Composes a broadcast: category, bilingual text with SMS counter, audience (incl. a drawn area), channels, time. */
export function ComposerPage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [f, setF] = useState<Form>(EMPTY);
  const [localErr, setLocalErr] = useState<Record<string, string>>({});
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = useMutation({
    mutationFn: (body: BroadcastBody) => createBroadcast(body),
    onSuccess: (b) => {
      qc.invalidateQueries({ queryKey: ['notify'] });
      nav({ to: `/staff/broadcasts/${b.id}` });
    },
  });
  const errs = { ...fieldErrors(save.error), ...localErr };
  const emergency = f.category === 'civil_protection';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const polygon = toPolygon(f.points);
    if (f.audience === 'area' && !polygon) {
      setLocalErr({ 'audience.polygon': t('notify.form.needArea') });
      return;
    }
    setLocalErr({});
    const audience: BroadcastBody['audience'] =
      f.audience === 'topic'
        ? { kind: 'topic', topic: f.topic }
        : f.audience === 'area' && polygon
          ? { kind: 'area', polygon }
          : { kind: 'everyone' };
    save.mutate({
      category: f.category,
      titleEl: f.titleEl,
      titleEn: f.titleEn,
      textEl: f.textEl,
      textEn: f.textEn,
      audience,
      channels: f.channels,
      ...(f.when === 'later' && f.sendAt ? { sendAt: new Date(f.sendAt).toISOString() } : {}),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={820}>
        <Title order={1} size="h2">
          {t('notify.new')}
        </Title>
        {save.isError && (
          <Alert color="red" role="alert">
            {save.error instanceof ApiError && !save.error.body.fields?.length ? errorMessage(save.error.code) : t('notify.form.failed')}
          </Alert>
        )}
        <Select
          label={t('notify.form.category')}
          data={CATEGORIES.map((c) => ({ value: c, label: t(`notify.category.${c}`) }))}
          value={f.category}
          onChange={(v) => v && set('category', v as Category)}
          allowDeselect={false}
          error={errs.category}
        />
        {emergency ? (
          <Alert color="red" variant="filled" role="alert" title={t('notify.category.civil_protection')}>
            {t('notify.form.civilWarning')}
          </Alert>
        ) : (
          <Text size="sm">{t('notify.form.approvalNote')}</Text>
        )}
        <TextInput
          label={t('notify.form.titleEl')}
          lang="el"
          required
          value={f.titleEl}
          onChange={(e) => set('titleEl', e.currentTarget.value)}
          error={errs.titleEl}
        />
        <Textarea
          label={t('notify.form.textEl')}
          lang="el"
          required
          autosize
          minRows={3}
          value={f.textEl}
          onChange={(e) => set('textEl', e.currentTarget.value)}
          error={errs.textEl}
          description={<SmsCounter text={f.textEl} />}
        />
        <TextInput
          label={t('notify.form.titleEn')}
          lang="en"
          required
          value={f.titleEn}
          onChange={(e) => set('titleEn', e.currentTarget.value)}
          error={errs.titleEn}
        />
        <Textarea
          label={t('notify.form.textEn')}
          lang="en"
          required
          autosize
          minRows={3}
          value={f.textEn}
          onChange={(e) => set('textEn', e.currentTarget.value)}
          error={errs.textEn}
          description={<SmsCounter text={f.textEn} />}
        />
        <Radio.Group
          label={t('notify.form.audience')}
          value={f.audience}
          onChange={(v) => set('audience', v as Form['audience'])}
          error={errs.audience}
        >
          <Group mt="xs">
            <Radio value="everyone" label={t('notify.form.everyone')} />
            <Radio value="topic" label={t('notify.form.topic')} />
            <Radio value="area" label={t('notify.form.area')} />
          </Group>
        </Radio.Group>
        {f.audience === 'topic' && (
          <Select
            label={t('notify.form.topicField')}
            data={CATEGORIES.map((c) => ({ value: c, label: t(`notify.category.${c}`) }))}
            value={f.topic}
            onChange={(v) => v && set('topic', v)}
            allowDeselect={false}
            error={errs['audience.topic']}
          />
        )}
        {f.audience === 'area' && (
          <Suspense fallback={null}>
            <AreaMap points={f.points} onChange={(p) => set('points', p)} error={errs['audience.polygon'] ?? errs.audience} />
          </Suspense>
        )}
        <Checkbox.Group
          label={t('notify.form.channels')}
          value={f.channels}
          onChange={(v) => set('channels', v as Channel[])}
          error={errs.channels}
        >
          <Group mt="xs">
            {CHANNELS.map((c) => (
              <Checkbox key={c} value={c} label={t(`notify.channel.${c}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Radio.Group label={t('notify.form.when')} value={f.when} onChange={(v) => set('when', v as Form['when'])}>
          <Group mt="xs">
            <Radio value="now" label={t('notify.form.sendNow')} />
            <Radio value="later" label={t('notify.form.sendLater')} disabled={emergency} />
          </Group>
        </Radio.Group>
        {f.when === 'later' && !emergency && (
          <TextInput
            type="datetime-local"
            label={t('notify.form.sendAt')}
            value={f.sendAt}
            onChange={(e) => set('sendAt', e.currentTarget.value)}
            error={errs.sendAt}
          />
        )}
        <Group>
          <Button type="submit" color={emergency ? 'red' : undefined} loading={save.isPending}>
            {t('notify.form.submit')}
          </Button>
          <Button component={Link} to="/staff/broadcasts" variant="subtle">
            {t('notify.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
