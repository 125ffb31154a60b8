import { Alert, Anchor, Box, Button, Card, Center, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api/client';
import { staffLogin } from '../app/api/endpoints';
import { ME_KEY } from '../app/auth/use-me';
import { LanguageSwitch } from '../app/components/language-switch';
import { MAIN_ID } from '../app/components/skip-link';
import { errorMessage } from '../app/i18n';

/** Email + password, then a TOTP step when the server answers `auth.totp_required`. */
export function LoginPage({ unavailable }: { unavailable?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');

  const login = useMutation({
    mutationFn: () => staffLogin({ email: email.trim(), password, ...(step === 'totp' ? { totp } : {}) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'auth.totp_required') {
        setStep('totp');
        login.reset();
      }
    },
  });
  const errorCode = login.error instanceof ApiError ? login.error.code : login.error ? 'generic' : undefined;

  return (
    <Box mih="100vh" bg="gray.1">
      <main id={MAIN_ID} tabIndex={-1}>
        <Center mih="100vh" p="md">
          <Card withBorder shadow="sm" radius="lg" padding="xl" w="100%" maw={420}>
            <Stack>
              <Stack gap={4} align="center">
                <img src="/favicon.svg" alt="" width={56} height={56} />
                <Text fw={700} c="aegean.8">
                  {t('app.name')} · {t('staff.area')}
                </Text>
              </Stack>
              {step === 'password' ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    login.mutate();
                  }}
                >
                  <Stack>
                    <div>
                      <Title order={1} size="h3">
                        {t('staff.loginTitle')}
                      </Title>
                      <Text size="sm" c="dimmed">
                        {t('staff.loginIntro')}
                      </Text>
                    </div>
                    {unavailable && (
                      <Alert color="yellow" variant="light" role="status" c="dark.8">
                        {errorMessage('api.unavailable')}
                      </Alert>
                    )}
                    <TextInput
                      label={t('staff.email')}
                      type="email"
                      autoComplete="username"
                      value={email}
                      onChange={(e) => setEmail(e.currentTarget.value)}
                      required
                    />
                    <PasswordInput
                      label={t('staff.password')}
                      autoComplete="current-password"
                      value={password}
                      onChange={(e) => setPassword(e.currentTarget.value)}
                      required
                      visibilityToggleButtonProps={{ 'aria-label': t('staff.togglePassword') }}
                    />
                    {errorCode && (
                      <Alert color="red" variant="light" role="alert">
                        {errorMessage(errorCode)}
                      </Alert>
                    )}
                    <Button type="submit" loading={login.isPending} fullWidth>
                      {t('staff.signIn')}
                    </Button>
                  </Stack>
                </form>
              ) : (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    login.mutate();
                  }}
                >
                  <Stack>
                    <div>
                      <Title order={1} size="h3">
                        {t('staff.totpTitle')}
                      </Title>
                      <Text size="sm" c="dimmed">
                        {t('staff.totpHint')}
                      </Text>
                    </div>
                    <TextInput
                      label={t('staff.totpLabel')}
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      pattern="[0-9]*"
                      maxLength={6}
                      value={totp}
                      onChange={(e) => setTotp(e.currentTarget.value.replace(/\D/g, ''))}
                      required
                      data-autofocus
                    />
                    {errorCode && (
                      <Alert color="red" variant="light" role="alert">
                        {errorMessage(errorCode === 'auth.totp_required' ? 'auth.totp_invalid' : errorCode)}
                      </Alert>
                    )}
                    <Button type="submit" loading={login.isPending} fullWidth disabled={totp.length < 6}>
                      {t('staff.verify')}
                    </Button>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => {
                        setStep('password');
                        setTotp('');
                        login.reset();
                      }}
                    >
                      {t('staff.back')}
                    </Anchor>
                  </Stack>
                </form>
              )}
              <Center>
                <LanguageSwitch />
              </Center>
            </Stack>
          </Card>
        </Center>
      </main>
    </Box>
  );
}
