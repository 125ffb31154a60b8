import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api/client';
import { ME_KEY } from '../../app/auth/use-me';
import { PageHeader } from '../../app/components/page-header';
import { errorMessage } from '../../app/i18n';
import './i18n';

type Field = 'givenName' | 'familyName' | 'password' | 'confirm';
const FIELDS: Field[] = ['givenName', 'familyName', 'password', 'confirm'];
const MIN_PASSWORD = 10;

/** Where an invitation link lands: set a name and password, accept, and be signed in. */
export function InvitationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const { token = '' } = useSearch({ strict: false }) as { token?: string };
  const qc = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({ givenName: '', familyName: '', password: '', confirm: '' });
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});

  const accept = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/auth/invitations/accept', {
          body: { token, password: values.password, givenName: values.givenName.trim(), familyName: values.familyName.trim() },
          headers: { 'accept-language': lang },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ME_KEY }),
  });

  const set = (f: Field) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setValues((old) => ({ ...old, [f]: v }));
    setLocal((old) => ({ ...old, [f]: undefined }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Partial<Record<Field, string>> = {};
    if (!values.givenName.trim()) errs.givenName = t('identity.invitation.required');
    if (!values.familyName.trim()) errs.familyName = t('identity.invitation.required');
    if (values.password.length < MIN_PASSWORD) errs.password = t('identity.invitation.tooShort');
    if (values.confirm !== values.password) errs.confirm = t('identity.invitation.mismatch');
    setLocal(errs);
    if (Object.keys(errs).length) {
      const first = FIELDS.find((f) => errs[f]);
      if (first) document.getElementById(`invitation-${first}`)?.focus();
      return;
    }
    accept.mutate();
  };

  const err = accept.error instanceof ApiError ? accept.error : undefined;
  const serverField = (f: Field) => err?.body.fields?.find((x) => x.field === f);
  const fieldError = (f: Field) => {
    if (local[f]) return local[f];
    const s = serverField(f);
    return s ? (s.message ?? errorMessage(s.code)) : undefined;
  };
  const invalid = err?.code === 'invitation.invalid';
  const otherError =
    accept.error && !invalid && !err?.body.fields?.some((x) => FIELDS.includes(x.field as Field))
      ? err?.code === 'invitation.email_taken'
        ? t('identity.invitation.emailTaken')
        : (err?.body.message ?? errorMessage(err?.code))
      : undefined;

  if (accept.data) {
    const kind = accept.data.kind;
    const [to, label] =
      kind === 'staff'
        ? ['/staff', t('identity.invitation.goStaff')]
        : kind === 'partner'
          ? ['/school', t('identity.invitation.goPartner')]
          : ['/', t('identity.invitation.goHome')];
    return (
      <Stack gap="md">
        <PageHeader title={t('identity.invitation.doneTitle')} />
        <Alert color="green" variant="light" role="status">
          {t('identity.invitation.doneText')}
        </Alert>
        <Anchor component={Link} to={to}>
          {label}
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={520}>
      <PageHeader title={t('identity.invitation.title')} intro={t('identity.invitation.intro')} />
      {!token ? (
        <Alert color="red" variant="light" role="alert">
          {t('identity.invitation.missing')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate aria-label={t('identity.invitation.title')}>
          <Stack gap="sm">
            <TextInput
              id="invitation-givenName"
              label={t('identity.invitation.givenName')}
              autoComplete="given-name"
              value={values.givenName}
              onChange={set('givenName')}
              error={fieldError('givenName')}
              maxLength={100}
              required
            />
            <TextInput
              id="invitation-familyName"
              label={t('identity.invitation.familyName')}
              autoComplete="family-name"
              value={values.familyName}
              onChange={set('familyName')}
              error={fieldError('familyName')}
              maxLength={100}
              required
            />
            <PasswordInput
              id="invitation-password"
              label={t('identity.invitation.password')}
              description={t('identity.invitation.passwordRules')}
              autoComplete="new-password"
              value={values.password}
              onChange={set('password')}
              error={fieldError('password')}
              maxLength={200}
              required
              visibilityToggleButtonProps={{ 'aria-label': t('identity.invitation.togglePassword') }}
            />
            <PasswordInput
              id="invitation-confirm"
              label={t('identity.invitation.confirm')}
              autoComplete="new-password"
              value={values.confirm}
              onChange={set('confirm')}
              error={fieldError('confirm')}
              maxLength={200}
              required
              visibilityToggleButtonProps={{ 'aria-label': t('identity.invitation.togglePassword') }}
            />
            <div aria-live="polite">
              {invalid && (
                <Alert color="red" variant="light" role="alert">
                  {t('identity.invitation.invalid')}
                </Alert>
              )}
              {otherError && (
                <Alert color="red" variant="light" role="alert">
                  {otherError}
                </Alert>
              )}
              {err?.body.fields?.some((x) => FIELDS.includes(x.field as Field)) && (
                <Text c="red.8" size="sm" role="alert">
                  {t('identity.invitation.errorsTitle')}
                </Text>
              )}
            </div>
            <Button type="submit" loading={accept.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('identity.invitation.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
