import { Alert, Button, Card, Group, Loader, Stack, Text, Textarea, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api/client';
import { CASES_ENDPOINT, type CaseTypeOut, listCaseTypes, type SubmittedCase } from '../app/api/endpoints';
import { ErrorState } from '../app/components/error-state';
import { PageHeader } from '../app/components/page-header';
import { PlacePicker } from '../app/components/place-picker';
import { errorMessage, registerTranslations } from '../app/i18n';
import type { OutboxItem } from '../app/pwa/outbox';
import { useOutbox } from '../app/pwa/use-outbox';
import { type FieldErrors, FormRenderer, fieldErrors, postCase, type RequestDraft, toSubmission } from '../modules/forms';
import { DuplicateReports } from '../modules/reports';
import { AttachmentsInput } from './attachments';
import { CategoryIcon } from './category-icon';
import el from './i18n/el.json';
import en from './i18n/en.json';
import { OutboxList } from './outbox-list';

registerTranslations('citizen', { el, en });

const empty: RequestDraft = { category: '', description: '', address: '', channel: 'app', values: {} };

const STEPS = ['category', 'details', 'place', 'contact', 'review'] as const;
type Step = (typeof STEPS)[number];

export function NewRequestPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const types = useQuery({ queryKey: ['case-types'], queryFn: listCaseTypes, staleTime: 5 * 60_000 });
  const outbox = useOutbox<RequestDraft>('case');
  const [draftId, setDraftId] = useState<string>();
  const [form, setForm] = useState<RequestDraft>(empty);
  const [step, setStep] = useState<Step>('category');
  const [message, setMessage] = useState<{ color: string; text: string }>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<SubmittedCase>();
  const [busy, setBusy] = useState(false);
  const [search, setSearch] = useState('');
  const dirty = useRef(false);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const type = types.data?.find((x) => x.key === form.caseType);
  const navigate = useNavigate();
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

  const go = (next: Step) => {
    setStep(next);
    setMessage(undefined);
    // move focus to the new step's heading so screen-reader and keyboard users know where they are
    requestAnimationFrame(() => stepHeading.current?.focus());
  };

  const update = (patch: Partial<RequestDraft>) => {
    dirty.current = true;
    setMessage(undefined);
    setDone(undefined);
    setForm((f) => ({ ...f, ...patch }));
  };

  const pickType = (x: CaseTypeOut) => {
    setErrors({});
    update({ caseType: x.key, typeName: { el: x.snapshot.nameEl, en: x.snapshot.nameEn }, values: {} });
    go('details');
  };

  const filtered = useMemo(() => {
    const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
    const q = norm(search.trim());
    return (types.data ?? []).filter(
      (x) =>
        !q ||
        norm(`${x.snapshot.nameEl} ${x.snapshot.nameEn} ${x.snapshot.descriptionEl ?? ''} ${x.snapshot.descriptionEn ?? ''}`).includes(q),
    );
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

  const hasPoint = !!form.location && Number.isFinite(form.location.lat) && Number.isFinite(form.location.lon);

  const next = () => {
    if (step === 'details' && !form.description.trim() && !Object.keys(form.values ?? {}).length && !(form.attachments ?? []).length) {
      setErrors({ description: t('citizen.request.describe') });
      return;
    }
    if (step === 'place' && type?.snapshot.locationRequired && !hasPoint) {
      setErrors({ location: t('citizen.request.placeRequired') });
      return;
    }
    setErrors({});
    const i = STEPS.indexOf(step);
    go(STEPS[Math.min(i + 1, STEPS.length - 1)] as Step);
  };
  const back = () => go(STEPS[Math.max(STEPS.indexOf(step) - 1, 0)] as Step);

  const submit = async () => {
    if (!type) {
      setMessage({ color: 'red', text: t('request.required') });
      go('category');
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
    const reset = () => {
      setDraftId(undefined);
      setForm(empty);
      setStep('category');
    };
    const queueIt = async () => {
      await outbox.queue(item, payload);
      reset();
      setMessage({ color: 'aegean', text: t('request.queued') });
    };
    try {
      if (!navigator.onLine) {
        await queueIt();
        return;
      }
      const result = await postCase(id, payload);
      await outbox.remove(id);
      reset();
      setMessage(undefined);
      setDone(result);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      const body = err instanceof ApiError ? err.body : { code: 'api.unavailable' };
      const status = err instanceof ApiError ? err.status : 0;
      // No connection, no API or a server hiccup: the outbox sends it later with the same key.
      if (status === 0 || status >= 500 || status === 429) await queueIt();
      else {
        setDraftId(id);
        const fe = fieldErrors(body);
        setErrors(fe);
        const keys = Object.keys(fe);
        go(keys.some((k) => k.startsWith('location')) ? 'place' : keys.some((k) => k.startsWith('contact')) ? 'contact' : 'details');
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
    go(item.body.caseType ? 'details' : 'category');
  };

  const stepNo = STEPS.indexOf(step) + 1;
  const contact = form.contact ?? {};

  return (
    <Stack gap="lg">
      <PageHeader title={t('request.title')} intro={t('request.intro')} />
      {done && (
        <Alert color="green" variant="light" role="status" title={t('request.sent')} ref={doneRef} tabIndex={-1}>
          <Stack gap={4}>
            <Text fw={700}>
              {done.protocolNumber ? t('request.protocolNumber', { number: done.protocolNumber }) : t('request.protocolPending')}
            </Text>
            <Text fw={700}>{t('request.trackingCode', { code: done.trackingCode })}</Text>
            <Text size="sm">{t('citizen.request.keepCode')}</Text>
            <Text size="sm">{t('request.stateNow', { state: en ? done.stateName.en : done.stateName.el })}</Text>
            <Group mt="xs">
              <Button
                onClick={() =>
                  void navigate({
                    to: '/track',
                    search: { code: done.trackingCode, ...(done.protocolNumber ? { protocol: done.protocolNumber } : {}) },
                  })
                }
              >
                {t('citizen.request.follow')}
              </Button>
              <Button component={Link} to="/requests" variant="light">
                {t('requests.title')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Card withBorder radius="lg" padding="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (step === 'review') void submit();
            else if (step !== 'category') next();
          }}
          noValidate
        >
          <Stack>
            <Text size="sm" c="dark.6">
              {t('citizen.request.stepOf', { n: stepNo, total: STEPS.length })}
            </Text>
            <Title order={2} size="h4" ref={stepHeading} tabIndex={-1}>
              {t(`citizen.request.steps.${step}`)}
            </Title>
            {types.isError && <ErrorState error={types.error} onRetry={() => void types.refetch()} />}
            {types.isPending && <Loader aria-label={t('request.loadingTypes')} />}

            {step === 'category' && types.data && (
              <section aria-label={t('request.category')}>
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
                        aria-pressed={form.caseType === x.key}
                        style={{
                          border: `${form.caseType === x.key ? 2 : 1}px solid var(--mantine-color-${form.caseType === x.key ? 'aegean-7' : 'gray-4'})`,
                          borderRadius: 'var(--mantine-radius-md)',
                        }}
                      >
                        <Group wrap="nowrap" gap="md">
                          <CategoryIcon name={x.icon} />
                          <div>
                            <Text fw={600}>{nameOf(x)}</Text>
                            {(en ? x.snapshot.descriptionEn : x.snapshot.descriptionEl) && (
                              <Text size="sm" c="dark.6">
                                {en ? x.snapshot.descriptionEn : x.snapshot.descriptionEl}
                              </Text>
                            )}
                          </div>
                        </Group>
                      </UnstyledButton>
                    ))}
                  </Stack>
                ))}
              </section>
            )}

            {step === 'details' && type && (
              <>
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="xs" wrap="nowrap">
                    <CategoryIcon name={type.icon} size={22} />
                    <Text fw={600}>{nameOf(type)}</Text>
                  </Group>
                  <Button variant="subtle" onClick={() => go('category')}>
                    {t('request.changeType')}
                  </Button>
                </Group>
                <FormRenderer
                  fields={type.snapshot.form.fields}
                  values={form.values ?? {}}
                  errors={errors}
                  onChange={(id, v) => update({ values: { ...(form.values ?? {}), [id]: v } })}
                />
                <Textarea
                  label={t('request.description')}
                  description={t('request.descriptionHint')}
                  value={form.description}
                  error={errors.description}
                  onChange={(e) => update({ description: e.currentTarget.value })}
                  autosize
                  minRows={4}
                  maxLength={10_000}
                />
                <AttachmentsInput value={form.attachments ?? []} onChange={(attachments) => update({ attachments })} max={20} />
              </>
            )}

            {step === 'place' && (
              <PlacePicker
                value={form.location}
                onChange={(location) => update({ location })}
                required={type?.snapshot.locationRequired}
                error={errors.location ?? errors['location.lat'] ?? errors['location.lon'] ?? errors['location.address']}
              />
            )}
            {step === 'place' && (
              <DuplicateReports caseType={form.caseType} lat={form.location?.lat} lon={form.location?.lon} text={form.description} />
            )}

            {step === 'contact' && (
              <>
                <Text size="sm">{t('citizen.request.contactHint')}</Text>
                <TextInput
                  label={t('citizen.request.name')}
                  autoComplete="name"
                  value={contact.name ?? ''}
                  error={errors['contact.name']}
                  maxLength={200}
                  onChange={(e) => update({ contact: { ...contact, name: e.currentTarget.value } })}
                />
                <TextInput
                  label={t('citizen.request.email')}
                  type="email"
                  autoComplete="email"
                  value={contact.email ?? ''}
                  error={errors['contact.email']}
                  maxLength={200}
                  onChange={(e) => update({ contact: { ...contact, email: e.currentTarget.value } })}
                />
                <TextInput
                  label={t('citizen.request.phone')}
                  type="tel"
                  autoComplete="tel"
                  value={contact.phone ?? ''}
                  error={errors['contact.phone']}
                  maxLength={40}
                  onChange={(e) => update({ contact: { ...contact, phone: e.currentTarget.value } })}
                />
              </>
            )}

            {step === 'review' && (
              <div data-testid="review">
                <ReviewRow label={t('request.category')} onEdit={() => go('category')}>
                  {type ? nameOf(type) : '—'}
                </ReviewRow>
                <ReviewRow label={t('request.description')} onEdit={() => go('details')}>
                  {form.description.trim() || '—'}
                </ReviewRow>
                <ReviewRow label={t('citizen.files.label')} onEdit={() => go('details')}>
                  {(form.attachments ?? []).map((a) => a.name).join(', ') || t('citizen.request.none')}
                </ReviewRow>
                <ReviewRow label={t('place.legend')} onEdit={() => go('place')}>
                  {[
                    form.location?.address,
                    hasPoint && form.location ? `${form.location.lat.toFixed(5)}, ${form.location.lon.toFixed(5)}` : '',
                  ]
                    .filter(Boolean)
                    .join(' · ') || t('citizen.request.none')}
                </ReviewRow>
                <ReviewRow label={t('citizen.request.steps.contact')} onEdit={() => go('contact')}>
                  {[contact.name, contact.email, contact.phone].filter((x) => x?.trim()).join(' · ') || t('citizen.request.anonymous')}
                </ReviewRow>
              </div>
            )}

            {message && (
              <Alert color={message.color} variant="light" role="status">
                {message.text}
              </Alert>
            )}
            <Group justify="space-between">
              <Group gap="xs">
                {step !== 'category' && (
                  <Button variant="default" onClick={back}>
                    {t('citizen.request.back')}
                  </Button>
                )}
                <Button variant="subtle" onClick={() => void save()}>
                  {t('request.saveDraft')}
                </Button>
              </Group>
              {step !== 'category' && step !== 'review' && <Button type="submit">{t('citizen.request.next')}</Button>}
              {step === 'review' && (
                <Button type="submit" loading={busy}>
                  {t('request.submit')}
                </Button>
              )}
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

function ReviewRow({ label, children, onEdit }: { label: string; children: React.ReactNode; onEdit: () => void }) {
  const { t } = useTranslation();
  return (
    <Group
      justify="space-between"
      align="flex-start"
      wrap="nowrap"
      py="xs"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      <div style={{ minWidth: 0 }}>
        <Text fw={600} size="sm">
          {label}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{children}</Text>
      </div>
      <Button size="compact-sm" variant="subtle" onClick={onEdit} aria-label={t('citizen.request.editOne', { what: label })}>
        {t('citizen.request.edit')}
      </Button>
    </Group>
  );
}
