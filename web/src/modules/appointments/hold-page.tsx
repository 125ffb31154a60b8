import { Alert, Anchor, Button, Card, Code, CopyButton, Group, List, Loader, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from '@tanstack/react-router';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth/use-me';
import { PageHeader } from '../../app/components/page-header';
import { localeOf } from '../../app/i18n/format';
import { type Confirmed, codeOf, confirmHold, forgetHold, joinWaitlist, listServices, recallHold, releaseHold } from './api';
import './appointments.css';
import { VerifyBox } from '../../app/components/verify-box';
import { Countdown } from './countdown';
import { dayOf, ErrorAlert, timeOf } from './shared';

/** The appointment in words: "Thursday 4 December, 09:20". */
function When({ startsAt, locale }: { startsAt: string | null; locale: string }) {
  if (!startsAt) return null;
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens' }).format(new Date(startsAt));
  return (
    <Text fw={700} size="lg" data-testid="appointment-when">
      {dayOf(date, locale)}, {timeOf(startsAt, locale)}
    </Text>
  );
}

function ConfirmedView({ result }: { result: Confirmed }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language === 'en' ? 'en' : 'el');
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const services = useQuery({ queryKey: ['appointments', 'services'], queryFn: () => listServices() });
  const service = services.data?.find((s) => s.id === result.booking.serviceId);
  const wait = useMutation({
    mutationFn: () => joinWaitlist({ serviceId: result.booking.serviceId as string, bookingId: result.booking.id }),
  });
  const managePath = `/appointments/manage?token=${encodeURIComponent(result.manageToken)}`;
  // the server may answer a path; show the whole address so it can be kept
  const manageUrl = new URL(result.manageUrl, window.location.origin).toString();
  return (
    <Stack gap="lg">
      <PageHeader title={t('appointments.confirmedTitle')} />
      <Alert color="green" variant="light" role="status" c="dark.8">
        {t('appointments.confirmedText')}
      </Alert>
      <Card withBorder radius="lg" padding="lg">
        {service && <Text fw={600}>{service.name[lang]}</Text>}
        <When startsAt={result.booking.startsAt} locale={locale} />
        {service && service.documents[lang].length > 0 && (
          <>
            <Title order={2} size="h5" mt="sm">
              {t('appointments.bring')}
            </Title>
            <List size="sm">
              {service.documents[lang].map((d) => (
                <List.Item key={d}>{d}</List.Item>
              ))}
            </List>
          </>
        )}
        <Group mt="md">
          <Button component="a" href={result.icsUrl} download>
            {t('appointments.addToCalendar')}
          </Button>
          <Button component={Link} to={managePath} variant="outline">
            {t('appointments.manageIt')}
          </Button>
        </Group>
      </Card>
      <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="link-title">
        <Title order={2} size="h4" id="link-title" mb="xs">
          {t('appointments.manageLinkTitle')}
        </Title>
        <Text size="sm" mb="xs">
          {t('appointments.manageLinkText')}
        </Text>
        <Code block data-testid="manage-url">
          {manageUrl}
        </Code>
        <CopyButton value={manageUrl}>
          {({ copied, copy }) => (
            <Button variant="subtle" onClick={copy} mt="xs" w="fit-content">
              {copied ? t('appointments.copied') : t('appointments.copy')}
            </Button>
          )}
        </CopyButton>
      </Card>
      <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="earlier-title">
        <Title order={2} size="h4" id="earlier-title" mb="xs">
          {t('appointments.earlierTitle')}
        </Title>
        <Text size="sm" mb="sm">
          {t('appointments.earlierText')}
        </Text>
        {wait.isSuccess ? (
          <Alert color="green" variant="light" role="status" c="dark.8">
            {t('appointments.waitJoined')}
          </Alert>
        ) : (
          <Button variant="outline" w="fit-content" onClick={() => wait.mutate()} loading={wait.isPending}>
            {t('appointments.waitJoin')}
          </Button>
        )}
        <ErrorAlert error={wait.error} />
      </Card>
    </Stack>
  );
}

/** Step 3: the held time, a countdown, verification if needed, and the confirmation. Also the waiting-list offer page. */
export function HoldPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language === 'en' ? 'en' : 'el');
  const { holdId } = useParams({ strict: false }) as { holdId: string };
  const { pathname } = useLocation();
  const offer = pathname.includes('/offer/');
  const navigate = useNavigate();
  const { me, isPending } = useMe();
  const info = recallHold(holdId);
  const [expired, setExpired] = useState(false);
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');
  const onExpire = useCallback(() => setExpired(true), []);

  const confirm = useMutation({
    mutationFn: () => confirmHold(holdId, { name: name.trim() || undefined, notes: notes.trim() || undefined }),
    onSuccess: () => forgetHold(holdId),
    onError: (e) => {
      if (codeOf(e) === 'appointment.hold_expired') setExpired(true);
    },
  });
  const release = useMutation({
    mutationFn: () => releaseHold(holdId),
    onSettled: () => {
      forgetHold(holdId);
      void navigate({ to: info?.serviceId ? `/appointments/${info.serviceId}` : '/appointments' });
    },
  });

  if (confirm.data) return <ConfirmedView result={confirm.data} />;

  const citizen = me?.kind === 'citizen';
  return (
    <Stack gap="lg">
      <PageHeader title={offer ? t('appointments.offerTitle') : t('appointments.holdTitle')} intro={t('appointments.holdIntro')} />
      <Card withBorder radius="lg" padding="lg">
        <When startsAt={info?.startsAt ?? null} locale={locale} />
        {expired ? (
          <Alert color="red" variant="light" role="alert" mt="sm">
            {t('appointments.expired')}{' '}
            <Anchor underline="always" component={Link} to="/appointments">
              {t('appointments.chooseAgain')}
            </Anchor>
          </Alert>
        ) : (
          info?.holdExpiresAt && <Countdown until={info.holdExpiresAt} onExpire={onExpire} />
        )}
      </Card>
      {!expired && (
        <Card withBorder radius="lg" padding="lg">
          {isPending ? (
            <Loader aria-label={t('app.loading')} />
          ) : citizen ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                confirm.mutate();
              }}
            >
              <Stack>
                <Title order={2} size="h4">
                  {t('appointments.confirmTitle')}
                </Title>
                <Text size="sm">{t('appointments.signedInAs', { name: me?.displayName ?? me?.email ?? '' })}</Text>
                <TextInput
                  label={t('appointments.name')}
                  autoComplete="name"
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                />
                <Textarea
                  label={t('appointments.notes')}
                  value={notes}
                  onChange={(e) => setNotes(e.currentTarget.value)}
                  maxLength={1000}
                />
                <ErrorAlert error={confirm.error} />
                <Group>
                  <Button type="submit" loading={confirm.isPending}>
                    {t('appointments.confirm')}
                  </Button>
                  <Button variant="subtle" color="red.9" c="red.9" onClick={() => release.mutate()} loading={release.isPending}>
                    {t('appointments.giveBack')}
                  </Button>
                </Group>
              </Stack>
            </form>
          ) : (
            <Stack>
              <VerifyBox returnTo={pathname} text={t('appointments.verifyText')} />
              <Button variant="subtle" color="red.9" c="red.9" w="fit-content" onClick={() => release.mutate()} loading={release.isPending}>
                {t('appointments.giveBack')}
              </Button>
            </Stack>
          )}
        </Card>
      )}
    </Stack>
  );
}
