import { Alert, Button, Card, Group, PinInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api/client';
import { TAXISNET_START, type VerifyChannel, verifyConfirm, verifyStart } from '../app/api/endpoints';
import { PageHeader } from '../app/components/page-header';
import { errorMessage } from '../app/i18n';

const codeOf = (e: unknown) => (e instanceof ApiError ? e.code : 'generic');

function VerifyContact() {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<VerifyChannel>('sms');
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'address' | 'code' | 'done'>('address');

  const start = useMutation({
    mutationFn: () => verifyStart({ channel, address: address.trim() }),
    onSuccess: () => setStep('code'),
  });
  const confirm = useMutation({
    mutationFn: () => verifyConfirm({ channel, address: address.trim(), code }),
    onSuccess: () => setStep('done'),
  });

  if (step === 'done') {
    return (
      <Alert color="green" variant="light" role="status" c="dark.8">
        {t('account.verified')}
      </Alert>
    );
  }

  if (step === 'code') {
    return (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          confirm.mutate();
        }}
      >
        <Stack>
          <Text role="status">{t('account.codeSent', { address })}</Text>
          <div>
            <Text component="label" htmlFor="verify-code" fw={500} size="sm" display="block" mb={4}>
              {t('account.codeLabel')}
            </Text>
            <PinInput
              id="verify-code"
              length={6}
              type="number"
              oneTimeCode
              value={code}
              onChange={setCode}
              aria-label={t('account.codeLabel')}
              getInputProps={(index) => ({ 'aria-label': `${t('account.codeLabel')} ${index + 1}/6` })}
            />
          </div>
          {confirm.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(codeOf(confirm.error))}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={confirm.isPending} disabled={code.length < 6}>
              {t('account.confirm')}
            </Button>
            <Button variant="subtle" onClick={() => setStep('address')}>
              {t('account.change')}
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (address.trim()) start.mutate();
      }}
    >
      <Stack>
        <div>
          <Text id="channel-label" fw={500} size="sm" mb={4}>
            {t('account.channel')}
          </Text>
          <SegmentedControl
            aria-labelledby="channel-label"
            value={channel}
            onChange={(v) => {
              setChannel(v as VerifyChannel);
              setAddress('');
            }}
            data={[
              { value: 'sms', label: t('account.sms') },
              { value: 'email', label: t('account.email') },
            ]}
          />
        </div>
        {channel === 'sms' ? (
          <TextInput
            label={t('account.phoneLabel')}
            description={t('account.phoneHint')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={address}
            onChange={(e) => setAddress(e.currentTarget.value)}
            required
          />
        ) : (
          <TextInput
            label={t('account.emailLabel')}
            type="email"
            autoComplete="email"
            value={address}
            onChange={(e) => setAddress(e.currentTarget.value)}
            required
          />
        )}
        {start.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(codeOf(start.error))}
          </Alert>
        )}
        <Button type="submit" loading={start.isPending} w="fit-content">
          {t('account.sendCode')}
        </Button>
      </Stack>
    </form>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeader title={t('account.title')} intro={t('account.intro')} />
      <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="verify-title">
        <Title order={2} size="h4" id="verify-title" mb="md">
          {t('account.verifyTitle')}
        </Title>
        <VerifyContact />
      </Card>
      <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="taxis-title">
        <Title order={2} size="h4" id="taxis-title" mb="xs">
          {t('account.taxisTitle')}
        </Title>
        <Text mb="md">{t('account.taxisText')}</Text>
        {/* A full page navigation: the server redirects to the identity provider. */}
        <Button component="a" href={TAXISNET_START} variant="outline" w="fit-content">
          {t('account.taxisButton')}
        </Button>
      </Card>
    </Stack>
  );
}
