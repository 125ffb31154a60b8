import { Alert, Button, Divider, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TAXISNET_START, type VerifyChannel, verifyConfirm, verifyStart } from '../../app/api/endpoints';
import { ME_KEY } from '../../app/auth/use-me';
import { ErrorAlert } from './shared';

/**
 * Sign in as a verified citizen without leaving the page: a code by SMS or e-mail (on this device),
 * or TaxisNet, which comes back to `returnTo`.
 */
export function VerifyBox({ returnTo, headingLevel = 2, text }: { returnTo: string; headingLevel?: 2 | 3; text?: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const ids = useId();
  const [channel, setChannel] = useState<VerifyChannel>('sms');
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const start = useMutation({ mutationFn: () => verifyStart({ channel, address: address.trim() }), onSuccess: () => setSent(true) });
  const confirm = useMutation({
    mutationFn: () => verifyConfirm({ channel, address: address.trim(), code: code.trim() }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ME_KEY }),
  });

  return (
    <Stack>
      <Title order={headingLevel} size="h4">
        {t('appointments.verifyTitle')}
      </Title>
      <Text size="sm">{text ?? t('appointments.verifyText')}</Text>
      {!sent ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (address.trim()) start.mutate();
          }}
        >
          <Stack>
            <div>
              <Text id={`${ids}-ch`} fw={500} size="sm" mb={4}>
                {t('appointments.verifyChannel')}
              </Text>
              <SegmentedControl
                aria-labelledby={`${ids}-ch`}
                value={channel}
                onChange={(v) => {
                  setChannel(v as VerifyChannel);
                  setAddress('');
                }}
                data={[
                  { value: 'sms', label: t('appointments.sms') },
                  { value: 'email', label: t('appointments.email') },
                ]}
              />
            </div>
            <TextInput
              label={channel === 'sms' ? t('appointments.phone') : t('appointments.emailAddress')}
              type={channel === 'sms' ? 'tel' : 'email'}
              autoComplete={channel === 'sms' ? 'tel' : 'email'}
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              required
            />
            <ErrorAlert error={start.error} />
            <Button type="submit" loading={start.isPending} w="fit-content">
              {t('appointments.sendCode')}
            </Button>
          </Stack>
        </form>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            confirm.mutate();
          }}
        >
          <Stack>
            <Text role="status">{t('appointments.codeSent', { address })}</Text>
            <TextInput
              label={t('appointments.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              required
            />
            <ErrorAlert error={confirm.error} />
            <Group>
              <Button type="submit" loading={confirm.isPending} disabled={code.trim().length < 6}>
                {t('appointments.verify')}
              </Button>
              <Button variant="subtle" onClick={() => setSent(false)}>
                {t('appointments.changeAddress')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <Divider label={t('appointments.or')} labelPosition="center" />
      {/* A full page navigation: the server redirects to TaxisNet and back here. */}
      <Button component="a" href={`${TAXISNET_START}?returnTo=${encodeURIComponent(returnTo)}`} variant="outline" w="fit-content">
        {t('appointments.taxisnet')}
      </Button>
      {confirm.isSuccess && (
        <Alert color="green" variant="light" role="status" c="dark.8">
          {t('appointments.verified')}
        </Alert>
      )}
    </Stack>
  );
}
