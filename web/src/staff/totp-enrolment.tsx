import { Alert, Button, Card, Code, Image, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, callJson } from '../app/api/client';
import { ME_KEY } from '../app/auth/use-me';

/**
 * Administrators must use a second factor: until they enrol, the server withholds their admin
 * powers and /api/me says `mustEnrollTotp`. This card walks them through it on the staff home:
 * the server e-mails a code to the account (the password alone must not be enough to enrol an
 * authenticator) and shows a QR code of the secret for the app to scan.
 */
export function TotpEnrolment() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [emailCode, setEmailCode] = useState('');
  const setup = useMutation({
    mutationFn: () => callJson<{ secret: string; uri: string; qr: string; emailedTo: string }>('POST', '/api/me/totp/setup', {}),
  });
  const enable = useMutation({
    mutationFn: () => callJson<unknown>('POST', '/api/me/totp/enable', { code: code.trim(), emailCode: emailCode.trim() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
  const failed = enable.error ?? setup.error;
  const error = failed instanceof ApiError ? failed.message : failed ? t('errors.generic') : null;
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="totp-title">
      <Stack>
        <Title order={2} size="h3" id="totp-title">
          {t('staff.totpEnrol.title')}
        </Title>
        <Text>{t('staff.totpEnrol.intro')}</Text>
        {!setup.data ? (
          <>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Button onClick={() => setup.mutate()} loading={setup.isPending} w="fit-content">
              {t('staff.totpEnrol.start')}
            </Button>
          </>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              enable.mutate();
            }}
          >
            <Stack>
              <Text>{t('staff.totpEnrol.emailed', { address: setup.data.emailedTo })}</Text>
              <TextInput
                label={t('staff.totpEnrol.emailCode')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={emailCode}
                onChange={(e) => setEmailCode(e.currentTarget.value)}
                required
              />
              <Text>{t('staff.totpEnrol.secret')}</Text>
              <Image src={setup.data.qr} alt={t('staff.totpEnrol.qrAlt')} w={200} h={200} fit="contain" />
              <Code block data-testid="totp-secret">
                {setup.data.secret}
              </Code>
              <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
                {setup.data.uri}
              </Text>
              <TextInput
                label={t('staff.totpLabel')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                required
              />
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <Button
                type="submit"
                loading={enable.isPending}
                disabled={code.trim().length < 6 || emailCode.trim().length < 6}
                w="fit-content"
              >
                {t('staff.totpEnrol.enable')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
