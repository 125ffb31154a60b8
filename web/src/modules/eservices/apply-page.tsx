import { Alert, Anchor, Button, Card, Group, List, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorBody } from '../../app/api/client';
import type { FormField, Localized, SubmittedCase } from '../../app/api/endpoints';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { errorMessage } from '../../app/i18n';
import { formatDate } from '../../app/i18n/format';
import { cleanValues, type FieldErrors, FormRenderer, type FormValues, visibleFields } from '../forms';
import { checkParavolo, formFields, getPrefill, getQuote, getService, type ServiceDetail, submitApplication } from './api';
import { euros, IdentityNotice, useIdentity } from './shared';
import './i18n';
import './eservices.css';

/** The fee's code field and where the citizen pays an e-παράβολο (the AADE application, reached from gov.gr). */
const PARAVOLO_FIELD = 'eParavolo';
const PARAVOLO_URL = 'https://www1.gsis.gr/sgsisapps/eparavolo/public/welcome.htm';

type Step = 'form' | 'fee' | 'review';

const newKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;

/** Server field paths (`data.size`, `applicant.afm`) to the keys the inputs read. */
function fieldErrorsOf(body: ApiErrorBody): FieldErrors {
  const out: FieldErrors = {};
  for (const f of body.fields ?? []) {
    const k = f.field.replace(/^data\./, '');
    out[k] ??= f.message ?? errorMessage(f.code);
  }
  return out;
}

/**
 * Applying for a service: the form (prefilled from the Μητρώο Πολιτών where it answered, with the
 * documents it replaces left out), the fee with its e-παράβολο code, a review, and the protocol number.
 */
export function ApplyPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const { key } = useParams({ strict: false }) as { key: string };
  const service = useQuery({ queryKey: ['eservices', 'service', lang, key], queryFn: () => getService(key), retry: false });
  const identity = useIdentity();
  const s = service.data;
  const allowed = !!s && identity.meets(s.identity);
  const prefill = useQuery({
    queryKey: ['eservices', 'prefill', key],
    queryFn: () => getPrefill(key),
    enabled: !!s && identity.signedIn && allowed,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const returnTo = `/services/${encodeURIComponent(key)}/apply`;

  if (!s || identity.loading) {
    return (
      <Stack>
        <Anchor component={Link} to="/services" underline="always">
          ← {t('eservices.back')}
        </Anchor>
        <PageHeader title={t('eservices.applyTitle')} />
        {(service.isPending || identity.loading) && <Loader aria-label={t('app.loading')} />}
        {service.error && <ErrorState error={service.error} onRetry={() => void service.refetch()} />}
      </Stack>
    );
  }
  if (s.applyPath) {
    // a module's own application page (e.g. the nursery's annual call)
    return (
      <Stack>
        <PageHeader title={t('eservices.applyFor', { name: s.name })} />
        <Button component={Link} to={s.applyPath} w="fit-content">
          {t('eservices.apply')}
        </Button>
      </Stack>
    );
  }
  if (!allowed) {
    return (
      <Stack>
        <Anchor component={Link} to={`/services/${encodeURIComponent(key)}`} underline="always">
          ← {s.name}
        </Anchor>
        <PageHeader title={t('eservices.applyFor', { name: s.name })} />
        <IdentityNotice level={s.identity} returnTo={returnTo} />
      </Stack>
    );
  }
  if (identity.signedIn && prefill.isPending) {
    return (
      <Stack>
        <PageHeader title={t('eservices.applyFor', { name: s.name })} />
        <Loader aria-label={t('eservices.prefillLoading')} />
      </Stack>
    );
  }
  return (
    <ApplyForm
      service={s}
      prefillValues={prefill.data?.answered ? prefill.data.values : {}}
      waived={prefill.data?.answered ? prefill.data.waived : []}
      returnTo={returnTo}
    />
  );
}

function ApplyForm({
  service: s,
  prefillValues,
  waived,
  returnTo,
}: {
  service: ServiceDetail;
  prefillValues: Record<string, unknown>;
  waived: string[];
  returnTo: string;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const loc = (l?: Localized) => (l ? (en ? l.en : l.el) : '');
  const fields = useMemo(() => formFields(s), [s]);
  const [values, setValues] = useState<FormValues>(() => ({ ...prefillValues }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [step, setStep] = useState<Step>('form');
  const [message, setMessage] = useState<{ color: string; text: string; identity?: boolean }>();
  const [done, setDone] = useState<SubmittedCase>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(newKey());
  const heading = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();

  // the registry stands in for the applicant's own documents only, not for someone else's
  const forOther = values.onBehalf === true;
  const waivedNow = forOther ? [] : waived;
  const waivedSet = new Set(waivedNow);
  const docs = new Map(s.requiredDocuments.filter((d) => d.key).map((d) => [d.key as string, d]));
  const prefilled = Object.keys(prefillValues).filter((id) => fields.some((f) => f.id === id));
  const hasFeeField = fields.some((f) => f.id === PARAVOLO_FIELD);
  const hasFee = !!s.fee && hasFeeField;
  const steps: Step[] = hasFee ? ['form', 'fee', 'review'] : ['form', 'review'];

  // the document fields a registry record replaces are left out; the others are marked as needed
  const shownFields = fields
    .filter((f) => f.id !== PARAVOLO_FIELD && !waivedSet.has(f.id))
    .map((f) => {
      const d = docs.get(f.id);
      return d && f.kind === 'files' && !d.optional ? { ...f, required: true } : f;
    });

  // the contract's fee.lateFrom names the date the deadline runs from; without it, the form's first required date
  const lateFromField = s.fee?.lateFines?.length
    ? (s.fee.lateFrom ?? fields.find((f) => f.kind === 'date' && f.required)?.id ?? undefined)
    : undefined;
  const lateFromValue = lateFromField && typeof values[lateFromField] === 'string' ? (values[lateFromField] as string) : undefined;
  const quote = useQuery({
    queryKey: ['payments', 'quote', s.key, lateFromValue ?? ''],
    queryFn: () => getQuote(s.key, lateFromValue),
    enabled: hasFee && step !== 'form',
    retry: false,
  });
  const check = useMutation({ mutationFn: (code: string) => checkParavolo(code, s.key, lateFromValue) });

  const go = (next: Step) => {
    setStep(next);
    requestAnimationFrame(() => heading.current?.focus());
  };
  const set = (id: string, v: unknown) => {
    setValues((old) => ({ ...old, [id]: v }));
    setMessage(undefined);
    if (errors[id]) setErrors(({ [id]: _, ...rest }) => rest);
    if (id === PARAVOLO_FIELD) check.reset();
  };
  const next = () => go(steps[Math.min(steps.indexOf(step) + 1, steps.length - 1)] as Step);
  const back = () => go(steps[Math.max(steps.indexOf(step) - 1, 0)] as Step);

  const submit = async () => {
    setBusy(true);
    setErrors({});
    setMessage(undefined);
    try {
      const data = cleanValues(fields, values);
      const result = await submitApplication({ caseType: s.key, channel: 'app', data }, idempotencyKey.current);
      setDone(result);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      const body = err instanceof ApiError ? err.body : { code: 'api.unavailable' };
      const status = err instanceof ApiError ? err.status : 0;
      const fe = fieldErrorsOf(body);
      setErrors(fe);
      // a refused application may be corrected and sent again: a new key for the next attempt
      if (status >= 400 && status < 500) idempotencyKey.current = newKey();
      const text = body.message && body.message !== body.code ? body.message : errorMessage(body.code);
      setMessage({ color: 'red', text, identity: status === 401 || body.code === 'case.taxisnet_required' });
      const keys = Object.keys(fe);
      if (keys.length) go(keys.every((k) => k === PARAVOLO_FIELD) && hasFee ? 'fee' : 'form');
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Stack gap="lg">
        <PageHeader title={t('eservices.applyFor', { name: s.name })} />
        <Alert color="green" variant="light" role="status" title={t('eservices.sent')} ref={doneRef} tabIndex={-1} c="dark.8">
          <Stack gap={6}>
            <Text fw={700} data-testid="protocol-number">
              {done.protocolNumber ? t('eservices.protocolNumber', { number: done.protocolNumber }) : t('eservices.protocolPending')}
            </Text>
            <Text fw={700} data-testid="tracking-code">
              {t('eservices.trackingCode', { code: done.trackingCode })}
            </Text>
            <Text size="sm">{t('eservices.sentNext')}</Text>
            {s.issuesDocument && <Text size="sm">{t('eservices.sentDocument')}</Text>}
            <Group mt="xs">
              <Button component={Link} to="/requests">
                {t('eservices.myRequests')}
              </Button>
              <Button
                variant="light"
                onClick={() =>
                  void navigate({
                    to: '/track',
                    search: { code: done.trackingCode, ...(done.protocolNumber ? { protocol: done.protocolNumber } : {}) },
                  })
                }
              >
                {t('eservices.follow')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      </Stack>
    );
  }

  const stepNo = steps.indexOf(step) + 1;
  const feeField = fields.find((f) => f.id === PARAVOLO_FIELD);
  const code = typeof values[PARAVOLO_FIELD] === 'string' ? (values[PARAVOLO_FIELD] as string) : '';
  const visible = visibleFields(fields, values);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/services/${encodeURIComponent(s.key)}`} underline="always">
        ← {s.name}
      </Anchor>
      <PageHeader title={t('eservices.applyFor', { name: s.name })} />
      <Card withBorder radius="lg" padding="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (step === 'review') void submit();
            else next();
          }}
          noValidate
        >
          <Stack>
            <Text size="sm" c="dark.6">
              {t('eservices.stepOf', { n: stepNo, total: steps.length })}
            </Text>
            <Title order={2} size="h4" ref={heading} tabIndex={-1}>
              {t(`eservices.steps.${step}`)}
            </Title>

            {step === 'form' && (
              <>
                {prefilled.length > 0 && (
                  <Alert color="green" variant="light" c="dark.8" title={t('eservices.prefilledTitle')} data-testid="prefilled">
                    <Text size="sm">
                      {t('eservices.prefilledText', {
                        fields: prefilled.map((id) => loc(fields.find((f) => f.id === id)?.label) || id).join(', '),
                      })}
                    </Text>
                  </Alert>
                )}
                {waivedNow.length > 0 && (
                  <Alert color="green" variant="light" c="dark.8" title={t('eservices.waivedTitle')} data-testid="waived">
                    <List size="sm">
                      {waivedNow.map((k) => (
                        <List.Item key={k}>{docs.get(k)?.label ?? loc(fields.find((f) => f.id === k)?.label) ?? k}</List.Item>
                      ))}
                    </List>
                  </Alert>
                )}
                <FormRenderer fields={shownFields} values={values} errors={errors} onChange={set} />
              </>
            )}

            {step === 'fee' && (
              <>
                {quote.isPending && <Loader aria-label={t('eservices.quoteLoading')} />}
                {quote.error && <ErrorState error={quote.error} onRetry={() => void quote.refetch()} />}
                {quote.data && !quote.data.required && (
                  <Alert color="green" variant="light" c="dark.8" data-testid="quote">
                    {t('eservices.noFeeNow')}
                  </Alert>
                )}
                {quote.data?.required && (
                  <Card withBorder radius="md" bg="gray.0" data-testid="quote">
                    <Text fw={700} size="lg">
                      {t('eservices.amountDue', { amount: euros(quote.data.cents) })}
                    </Text>
                    {quote.data.eParavoloCode && <Text>{t('eservices.typeCode', { code: quote.data.eParavoloCode })}</Text>}
                    {quote.data.reason === 'late' && (
                      <Text size="sm" mt={4}>
                        {t('eservices.lateReason', {
                          days: quote.data.lateDays ?? quote.data.afterDays ?? 0,
                          after: quote.data.afterDays ?? 0,
                        })}
                      </Text>
                    )}
                  </Card>
                )}
                {(quote.data?.required ?? true) && (
                  <section aria-labelledby="howto-title">
                    <Title order={3} size="h5" id="howto-title" mb={4}>
                      {t('eservices.howToPay')}
                    </Title>
                    <List type="ordered" size="sm" spacing={4}>
                      <List.Item>
                        {t('eservices.pay1')}{' '}
                        <Anchor href={PARAVOLO_URL} target="_blank" rel="noopener" underline="always">
                          {t('eservices.pay1Link')}
                        </Anchor>
                      </List.Item>
                      <List.Item>{t('eservices.pay2', { code: quote.data?.eParavoloCode ?? s.fee?.eParavoloCode ?? '—' })}</List.Item>
                      <List.Item>{t('eservices.pay3')}</List.Item>
                      <List.Item>{t('eservices.pay4')}</List.Item>
                    </List>
                  </section>
                )}
                <Group align="flex-end" wrap="wrap">
                  <TextInput
                    label={feeField ? loc(feeField.label) : t('eservices.paravoloCode')}
                    description={t('eservices.paravoloCodeHint')}
                    value={code}
                    error={errors[PARAVOLO_FIELD]}
                    required={quote.data?.required ?? true}
                    autoComplete="off"
                    spellCheck={false}
                    inputMode="numeric"
                    maxLength={feeField?.maxLength ?? 40}
                    onChange={(e) => set(PARAVOLO_FIELD, e.currentTarget.value.trim() || undefined)}
                    style={{ flex: 1, minWidth: 240 }}
                    data-testid="paravolo-code"
                  />
                  <Button variant="light" onClick={() => check.mutate(code)} disabled={!code} loading={check.isPending}>
                    {t('eservices.checkCode')}
                  </Button>
                </Group>
                <div aria-live="polite">
                  {check.error && <ErrorState error={check.error} />}
                  {check.data && (
                    <Alert
                      color={
                        check.data.status === 'paid' && check.data.fits !== false
                          ? 'green'
                          : check.data.status === 'unpaid'
                            ? 'yellow'
                            : 'red'
                      }
                      variant="light"
                      c="dark.8"
                      role="status"
                      data-testid="paravolo-status"
                    >
                      {t(`eservices.paravolo.${check.data.status}`, { amount: check.data.cents != null ? euros(check.data.cents) : '' })}
                      {check.data.status === 'paid' && check.data.fits === false && ` ${t('eservices.paravolo.notFitting')}`}
                    </Alert>
                  )}
                </div>
              </>
            )}

            {step === 'review' && (
              <div data-testid="review">
                {visible
                  .filter((f) => f.id !== PARAVOLO_FIELD)
                  .map((f) => (
                    <ReviewRow key={f.id} label={loc(f.label) || f.id} onEdit={() => go('form')}>
                      <ValueText field={f} value={values[f.id]} />
                    </ReviewRow>
                  ))}
                {waivedNow.length > 0 && (
                  <ReviewRow label={t('eservices.waivedTitle')}>{waivedNow.map((k) => docs.get(k)?.label ?? k).join(', ')}</ReviewRow>
                )}
                {hasFee && (
                  <ReviewRow label={feeField ? loc(feeField.label) : t('eservices.paravoloCode')} onEdit={() => go('fee')}>
                    {code || t('eservices.none')}
                  </ReviewRow>
                )}
              </div>
            )}

            {message && (
              <Alert color={message.color} variant="light" role="alert" c="dark.8">
                {message.text}
              </Alert>
            )}
            {message?.identity && <IdentityNotice level={s.identity === 'any' ? 'verified' : s.identity} returnTo={returnTo} />}

            <Group justify="space-between">
              {step !== 'form' ? (
                <Button variant="default" onClick={back}>
                  {t('eservices.previous')}
                </Button>
              ) : (
                <span />
              )}
              {step !== 'review' ? (
                <Button type="submit">{t('eservices.next')}</Button>
              ) : (
                <Button type="submit" loading={busy} data-testid="submit">
                  {t('eservices.submit')}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}

function ValueText({ field: f, value }: { field: FormField; value: unknown }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
    return <>{t('eservices.none')}</>;
  switch (f.kind) {
    case 'yesNo':
      return <>{value ? t('forms.yes') : t('forms.no')}</>;
    case 'date':
      return <>{formatDate(`${value as string}T12:00:00`)}</>;
    case 'choice':
    case 'multiChoice': {
      const vs = Array.isArray(value) ? value : [value];
      return (
        <>
          {vs
            .map((v) => f.options?.find((o) => o.value === v)?.label)
            .map((l, i) => (l ? (en ? l.en : l.el) : String(vs[i])))
            .join(', ')}
        </>
      );
    }
    case 'files':
      return <>{t('eservices.filesCount', { count: (value as string[]).length })}</>;
    case 'person': {
      const p = value as Record<string, string>;
      return <>{[p.surname, p.name, p.afm ? `${t('forms.person.afm')} ${p.afm}` : ''].filter(Boolean).join(' ')}</>;
    }
    case 'location': {
      const l = value as { lat: number; lon: number; address?: string };
      return <>{l.address ?? `${l.lat}, ${l.lon}`}</>;
    }
    default:
      return <>{String(value)}</>;
  }
}

function ReviewRow({ label, children, onEdit }: { label: string; children: ReactNode; onEdit?: () => void }) {
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
      {onEdit && (
        <Button size="compact-sm" variant="subtle" onClick={onEdit} aria-label={t('eservices.editOne', { what: label })}>
          {t('eservices.edit')}
        </Button>
      )}
    </Group>
  );
}
