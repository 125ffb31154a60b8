import { Alert, Button, Card, Group, Loader, Stack, Text, Textarea, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api/client';
import { CASES_ENDPOINT, type CaseTypeOut, listCaseTypes, type SubmittedCase } from '../app/api/endpoints';
import { ErrorState } from '../app/components/error-state';
import { errorMessage } from '../app/i18n';
import type { OutboxItem } from '../app/pwa/outbox';
import { useOutbox } from '../app/pwa/use-outbox';
import { type FieldErrors, FormRenderer, LocationInput } from '../modules/forms/form-renderer';
import { fieldErrors, postCase, type RequestDraft, toSubmission } from './new-request-form';
import { OutboxList } from './outbox-list';
import { PageHeader } from './page-header';

const empty: RequestDraft = { category: '', description: '', address: '', channel: 'app', values: {} };

export function NewRequestPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const types = useQuery({ queryKey: ['case-types'], queryFn: listCaseTypes, staleTime: 5 * 60_000 });
  const outbox = useOutbox<RequestDraft>('case');
  const [draftId, setDraftId] = useState<string>();
  const [form, setForm] = useState<RequestDraft>(empty);
  const [message, setMessage] = useState<{ color: string; text: string }>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<SubmittedCase>();
  const [busy, setBusy] = useState(false);
  const [search, setSearch] = useState('');
  const dirty = useRef(false);
  const type = types.data?.find((x) => x.key === form.caseType);
  const nameOf = (x: CaseTypeOut) => (en ? x.snapshot.nameEn : x.snapshot.nameEl);

  // Autosave: a citizen who is interrupted finds the draft again.
  useEffect(() => {
    if (!dirty.current) return;
    const timer = setTimeout(() => {
      void outbox.saveDraft({ id: draftId, kind: 'case', endpoint: CASES_ENDPOINT, body: form }).then(setDraftId);
      dirty.current = false;
    }, 600);
    return () => clearTimeout(timer);
  }, [form, draftId, outbox.saveDraft]);

  const update = (patch: Partial<RequestDraft>) => {
    dirty.current = true;
    setMessage(undefined);
    setDone(undefined);
    setForm((f) => ({ ...f, ...patch }));
  };

  const pickType = (x: CaseTypeOut) => {
    setErrors({});
    update({ caseType: x.key, typeName: { el: x.snapshot.nameEl, en: x.snapshot.nameEn }, values: {} });
  };

  const filtered = useMemo(() => {
    const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
    const q = norm(search.trim());
    return (types.data ?? []).filter((x) => !q || norm(`${x.snapshot.nameEl} ${x.snapshot.nameEn}`).includes(q));
  }, [types.data, search]);
  const groups = useMemo(() => {
    const m = new Map<string, CaseTypeOut[]>();
    for (const x of filtered) m.set(x.group, [...(m.get(x.group) ?? []), x]);
    return [...m.entries()];
  }, [filtered]);

  const save = async () => {
    const id = await outbox.saveDraft({ id: draftId, kind: 'case', endpoint: CASES_ENDPOINT, body: form });
    setDraftId(id);
    dirty.current = false;
    setMessage({ color: 'aegean', text: t('request.draftSaved') });
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!type) {
      setMessage({ color: 'red', text: t('request.required') });
      return;
    }
    setBusy(true);
    setErrors({});
    const id = await outbox.saveDraft({ id: draftId, kind: 'case', endpoint: CASES_ENDPOINT, body: form });
    dirty.current = false;
    const payload = toSubmission(form, type);
    const now = Date.now();
    const item: OutboxItem<RequestDraft> = {
      id,
      kind: 'case',
      endpoint: CASES_ENDPOINT,
      body: form,
      status: 'draft',
      createdAt: now,
      updatedAt: now,
    };
    const queueIt = async () => {
      await outbox.queue(item, payload);
      setDraftId(undefined);
      setForm(empty);
      setMessage({ color: 'aegean', text: t('request.queued') });
    };
    try {
      if (!navigator.onLine) {
        await queueIt();
        return;
      }
      const result = await postCase(id, payload);
      await outbox.remove(id);
      setDraftId(undefined);
      setForm(empty);
      setMessage(undefined);
      setDone(result);
    } catch (err) {
      const body = err instanceof ApiError ? err.body : { code: 'api.unavailable' };
      const status = err instanceof ApiError ? err.status : 0;
      // No connection, no API or a server hiccup: the outbox sends it later with the same key.
      if (status === 0 || status >= 500 || status === 429) await queueIt();
      else {
        setDraftId(id);
        setErrors(fieldErrors(body));
        setMessage({ color: 'red', text: body.message ?? errorMessage(body.code) });
      }
    } finally {
      setBusy(false);
    }
  };

  const open = (item: OutboxItem<RequestDraft>) => {
    setDraftId(item.id);
    setForm({ ...empty, ...item.body });
    setErrors({});
    setMessage(undefined);
    setDone(undefined);
  };

  return (
    <Stack gap="lg">
      <PageHeader title={t('request.title')} intro={t('request.intro')} />
      {done && (
        <Alert color="green" variant="light" role="status" title={t('request.sent')}>
          <Stack gap={4}>
            <Text>{done.protocolNumber ? t('request.protocolNumber', { number: done.protocolNumber }) : t('request.protocolPending')}</Text>
            <Text>{t('request.trackingCode', { code: done.trackingCode })}</Text>
            <Text size="sm">{t('request.stateNow', { state: en ? done.stateName.en : done.stateName.el })}</Text>
            <Group mt="xs">
              <Button component={Link} to="/requests" variant="light">
                {t('requests.title')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Card withBorder radius="lg" padding="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            {types.isError && <ErrorState error={types.error} onRetry={() => void types.refetch()} />}
            {types.isPending && <Loader aria-label={t('request.loadingTypes')} />}
            {types.data && !type && (
              <section aria-labelledby="type-title">
                <Title order={2} size="h4" id="type-title" mb="sm">
                  {t('request.category')}
                </Title>
                <TextInput
                  label={t('request.searchType')}
                  type="search"
                  value={search}
                  onChange={(e) => setSearch(e.currentTarget.value)}
                  mb="md"
                />
                {filtered.length === 0 && <Text>{t('request.noTypes')}</Text>}
                {groups.map(([group, list]) => (
                  <Stack
                    key={group}
                    gap="xs"
                    mb="md"
                    component="section"
                    aria-label={t(`request.groups.${group}`, { defaultValue: group })}
                  >
                    <Text fw={700} size="sm" c="dark.6" aria-hidden="true">
                      {t(`request.groups.${group}`, { defaultValue: group })}
                    </Text>
                    {list.map((x) => (
                      <UnstyledButton
                        key={x.key}
                        onClick={() => pickType(x)}
                        p="md"
                        mih={56}
                        style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-md)' }}
                      >
                        <Text fw={600}>{nameOf(x)}</Text>
                        {(en ? x.snapshot.descriptionEn : x.snapshot.descriptionEl) && (
                          <Text size="sm" c="dark.6">
                            {en ? x.snapshot.descriptionEn : x.snapshot.descriptionEl}
                          </Text>
                        )}
                      </UnstyledButton>
                    ))}
                  </Stack>
                ))}
              </section>
            )}
            {type && (
              <>
                <Group justify="space-between" wrap="nowrap">
                  <Title order={2} size="h4">
                    {nameOf(type)}
                  </Title>
                  <Button variant="subtle" onClick={() => update({ caseType: undefined, typeName: undefined, values: {} })}>
                    {t('request.changeType')}
                  </Button>
                </Group>
                <FormRenderer
                  fields={type.snapshot.form.fields}
                  values={form.values ?? {}}
                  errors={errors}
                  onChange={(id, v) => update({ values: { ...(form.values ?? {}), [id]: v } })}
                />
                <LocationInput
                  legend={t('request.location')}
                  help={t('request.addressHint')}
                  required={type.snapshot.locationRequired}
                  error={errors.location ?? errors['location.lat'] ?? errors['location.lon']}
                  value={form.location}
                  onChange={(v) => update({ location: v })}
                />
              </>
            )}
            <Textarea
              label={t('request.description')}
              description={t('request.descriptionHint')}
              value={form.description}
              error={errors.description}
              onChange={(e) => update({ description: e.currentTarget.value })}
              autosize
              minRows={4}
            />
            {message && (
              <Alert color={message.color} variant="light" role="status">
                {message.text}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void save()}>
                {t('request.saveDraft')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('request.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <section aria-labelledby="outbox-title">
        <Title order={2} size="h4" id="outbox-title" mb="sm">
          {t('outbox.title')}
        </Title>
        {outbox.ready && (
          <OutboxList
            items={outbox.items}
            onOpen={open}
            onSend={(item) => void outbox.queue(item)}
            onRemove={(id) => void outbox.remove(id)}
          />
        )}
      </section>
    </Stack>
  );
}
