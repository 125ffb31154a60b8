import { Alert, Button, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api/client';
import { CASES_ENDPOINT, listCaseTypes, type SubmittedCase } from '../app/api/endpoints';
import { errorMessage } from '../app/i18n';
import { flushOutbox, newId, putItem } from '../app/pwa/outbox';
import { type FieldErrors, FormRenderer, fieldErrors, LocationInput, postCase, type RequestDraft, toSubmission } from '../modules/forms';
import { OnScreenKeyboard } from './on-screen-keyboard';

const DRAFT_KEY = 'dimos.kiosk.draft';
const empty: RequestDraft = { category: '', description: '', address: '', channel: 'kiosk', name: '', values: {} };

function loadDraft(): RequestDraft {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    return raw ? { ...empty, ...(JSON.parse(raw) as Partial<RequestDraft>) } : empty;
  } catch {
    return empty;
  }
}

export function KioskRequest() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const types = useQuery({ queryKey: ['case-types'], queryFn: listCaseTypes, staleTime: 5 * 60_000 });
  const [form, setForm] = useState<RequestDraft>(loadDraft);
  const [done, setDone] = useState<SubmittedCase | 'queued'>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const type = types.data?.find((x) => x.key === form.caseType);

  // The draft survives moving between kiosk pages, and nothing more: idle reset wipes it.
  useEffect(() => {
    try {
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify(form));
    } catch {
      // storage may be locked down on a kiosk; the form still works
    }
  }, [form]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    setMessage(undefined);
    if (!type) {
      setMessage(t('request.required'));
      return;
    }
    const id = newId();
    const payload = toSubmission(form, type);
    try {
      const result = await postCase(id, payload);
      setForm(empty);
      setDone(result);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      if (status === 0 || status >= 500 || status === 429) {
        // the network is down: the outbox sends it with the same idempotency key later
        const now = Date.now();
        await putItem({
          id,
          kind: 'kiosk-case',
          endpoint: CASES_ENDPOINT,
          body: form,
          payload,
          status: 'queued',
          createdAt: now,
          updatedAt: now,
        });
        void flushOutbox();
        setForm(empty);
        setDone('queued');
      } else {
        const body = err instanceof ApiError ? err.body : { code: 'generic' };
        setErrors(fieldErrors(body));
        setMessage(body.message ?? errorMessage(body.code));
      }
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Title order={1}>{t('kiosk.newRequest')}</Title>
        <Select
          size="lg"
          label={t('request.category')}
          placeholder={t('request.categoryPlaceholder')}
          data={(types.data ?? []).map((x) => ({ value: x.key, label: en ? x.snapshot.nameEn : x.snapshot.nameEl }))}
          value={form.caseType ?? null}
          onChange={(v) => {
            const x = types.data?.find((c) => c.key === v);
            setDone(undefined);
            setForm((f) => ({
              ...f,
              caseType: x?.key,
              typeName: x ? { el: x.snapshot.nameEl, en: x.snapshot.nameEn } : undefined,
              values: {},
            }));
          }}
          searchable
          allowDeselect={false}
          comboboxProps={{ transitionProps: { duration: 0 } }}
        />
        {type && (
          <>
            <FormRenderer
              fields={type.snapshot.form.fields}
              values={form.values ?? {}}
              errors={errors}
              onChange={(fid, v) => setForm((f) => ({ ...f, values: { ...(f.values ?? {}), [fid]: v } }))}
            />
            <LocationInput
              size="lg"
              legend={t('request.location')}
              required={type.snapshot.locationRequired}
              error={errors.location ?? errors['location.lat'] ?? errors['location.lon']}
              value={form.location}
              onChange={(v) => setForm((f) => ({ ...f, location: v }))}
            />
          </>
        )}
        <TextInput
          size="lg"
          label={t('kiosk.name')}
          value={form.name ?? ''}
          onChange={(e) => {
            const name = e.currentTarget.value;
            setForm((f) => ({ ...f, name }));
          }}
          autoComplete="off"
        />
        <Textarea
          size="lg"
          label={t('kiosk.description')}
          value={form.description}
          error={errors.description}
          onChange={(e) => {
            const description = e.currentTarget.value;
            setForm((f) => ({ ...f, description }));
          }}
          minRows={3}
          autosize
          autoComplete="off"
          data-testid="kiosk-description"
        />
        {message && (
          <Alert color="red" variant="light" role="alert" c="dark.8" fz="lg">
            {message}
          </Alert>
        )}
        {done && (
          <Alert color="green" variant="light" role="status" c="dark.8" fz="lg">
            <Text fz="lg">{t('kiosk.submitted')}</Text>
            {done !== 'queued' && (
              <>
                <Text fz="lg">
                  {done.protocolNumber ? t('request.protocolNumber', { number: done.protocolNumber }) : t('request.protocolPending')}
                </Text>
                <Text fz="lg">{t('request.trackingCode', { code: done.trackingCode })}</Text>
              </>
            )}
          </Alert>
        )}
        <Group>
          <Button type="submit" size="xl">
            {t('kiosk.submit')}
          </Button>
          <Button
            size="xl"
            variant="default"
            onClick={() => {
              setForm(empty);
              setErrors({});
              setMessage(undefined);
            }}
          >
            {t('kiosk.clear')}
          </Button>
        </Group>
        <OnScreenKeyboard />
      </Stack>
    </form>
  );
}
