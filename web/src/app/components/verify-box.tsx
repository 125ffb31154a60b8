import { Alert, Button, Divider, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TAXISNET_START, type VerifyChannel, verifyConfirm, verifyStart } from '../api/endpoints';
import { ME_KEY } from '../auth/use-me';
import { registerTranslations } from '../i18n';
import { ErrorAlert } from './error-alert';

// The box's own words, so every module that asks a resident to verify (appointments, participation) has them.
registerTranslations('verifyBox', {
  el: {
    title: 'Επιβεβαιώστε ποιος είστε',
    channel: 'Τρόπος',
    sms: 'Κινητό (SMS)',
    email: 'E-mail',
    phone: 'Κινητό τηλέφωνο',
    emailAddress: 'Διεύθυνση e-mail',
    sendCode: 'Αποστολή κωδικού',
    codeSent: 'Στείλαμε κωδικό στο {{address}}.',
    code: 'Κωδικός 6 ψηφίων',
    verify: 'Επιβεβαίωση',
    changeAddress: 'Αλλαγή στοιχείου',
    or: 'ή',
    taxisnet: 'Σύνδεση με TaxisNet',
    verified: 'Τα στοιχεία σας επιβεβαιώθηκαν.',
  },
  en: {
    title: 'Confirm who you are',
    channel: 'Method',
    sms: 'Mobile (SMS)',
    email: 'E-mail',
    phone: 'Mobile phone',
    emailAddress: 'E-mail address',
    sendCode: 'Send code',
    codeSent: 'We sent a code to {{address}}.',
    code: '6-digit code',
    verify: 'Verify',
    changeAddress: 'Change',
    or: 'or',
    taxisnet: 'Sign in with TaxisNet',
    verified: 'Your details are verified.',
  },
});

/**
 * Sign in as a verified citizen without leaving the page: a code by SMS or e-mail (on this device),
 * or TaxisNet, which comes back to `returnTo`. `text` says why the screen asks.
 */
export function VerifyBox({ returnTo, headingLevel = 2, text }: { returnTo: string; headingLevel?: 2 | 3; text: string }) {
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
        {t('verifyBox.title')}
      </Title>
      <Text size="sm">{text}</Text>
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
                {t('verifyBox.channel')}
              </Text>
              <SegmentedControl
                aria-labelledby={`${ids}-ch`}
                value={channel}
                onChange={(v) => {
                  setChannel(v as VerifyChannel);
                  setAddress('');
                }}
                data={[
                  { value: 'sms', label: t('verifyBox.sms') },
                  { value: 'email', label: t('verifyBox.email') },
                ]}
              />
            </div>
            <TextInput
              label={channel === 'sms' ? t('verifyBox.phone') : t('verifyBox.emailAddress')}
              type={channel === 'sms' ? 'tel' : 'email'}
              autoComplete={channel === 'sms' ? 'tel' : 'email'}
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              required
            />
            <ErrorAlert error={start.error} />
            <Button type="submit" loading={start.isPending} w="fit-content">
              {t('verifyBox.sendCode')}
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
            <Text role="status">{t('verifyBox.codeSent', { address })}</Text>
            <TextInput
              label={t('verifyBox.code')}
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
                {t('verifyBox.verify')}
              </Button>
              <Button variant="subtle" onClick={() => setSent(false)}>
                {t('verifyBox.changeAddress')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <Divider label={t('verifyBox.or')} labelPosition="center" />
      {/* A full page navigation: the server redirects to TaxisNet and back here. */}
      <Button component="a" href={`${TAXISNET_START}?returnTo=${encodeURIComponent(returnTo)}`} variant="outline" w="fit-content">
        {t('verifyBox.taxisnet')}
      </Button>
      {confirm.isSuccess && (
        <Alert color="green" variant="light" role="status" c="dark.8">
          {t('verifyBox.verified')}
        </Alert>
      )}
    </Stack>
  );
}
