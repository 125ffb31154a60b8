import { Alert, Anchor, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth/use-me';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { codeOf, holdSlot, joinWaitlist, listServices, rememberHold } from './api';
import './appointments.css';
import { ErrorAlert } from './shared';
import { TimePicker } from './time-picker';

/** Step 2: a service's free days and times; holding one moves on to the confirmation step. */
export function ServicePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const { serviceId } = useParams({ strict: false }) as { serviceId: string };
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { me } = useMe();
  const services = useQuery({ queryKey: ['appointments', 'services'], queryFn: () => listServices() });
  const service = services.data?.find((s) => s.id === serviceId);

  const hold = useMutation({
    mutationFn: holdSlot,
    onSuccess: (b) => {
      rememberHold(b);
      void navigate({ to: `/appointments/hold/${b.id}` });
    },
    onError: (e) => {
      if (codeOf(e) === 'appointment.slot_full') void qc.invalidateQueries({ queryKey: ['appointments', 'times', serviceId] });
    },
  });
  const wait = useMutation({ mutationFn: () => joinWaitlist({ serviceId }) });

  if (services.isPending) return <Loader aria-label={t('app.loading')} />;
  if (services.error) return <ErrorState error={services.error} onRetry={() => void services.refetch()} />;
  if (!service) {
    return (
      <Stack>
        <PageHeader title={t('appointments.serviceMissing')} />
        <Anchor underline="always" component={Link} to="/appointments">
          {t('appointments.back')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader title={service.name[lang]} intro={t('appointments.duration', { count: service.durationMin })} />
      <Anchor underline="always" component={Link} to="/appointments">
        {t('appointments.otherService')}
      </Anchor>
      {service.documents[lang].length > 0 && (
        <Card withBorder radius="lg" component="section" aria-labelledby="docs-title">
          <Title order={2} size="h5" id="docs-title">
            {t('appointments.bring')}
          </Title>
          <List size="sm">
            {service.documents[lang].map((d) => (
              <List.Item key={d}>{d}</List.Item>
            ))}
          </List>
        </Card>
      )}
      <Card withBorder radius="lg" padding="lg">
        <TimePicker serviceId={serviceId} busy={hold.isPending} onPick={(slotId) => hold.mutate(slotId)} />
        {hold.error && (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={hold.error} />
          </div>
        )}
        <Text size="sm" c="dimmed" mt="sm">
          {t('appointments.holdExplain')}
        </Text>
      </Card>
      <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="wait-title">
        <Title order={2} size="h4" id="wait-title" mb="xs">
          {t('appointments.waitTitle')}
        </Title>
        <Text mb="sm">{t('appointments.waitText')}</Text>
        {wait.isSuccess ? (
          <Alert color="green" variant="light" role="status" c="dark.8">
            {t('appointments.waitJoined')}
          </Alert>
        ) : me?.kind === 'citizen' ? (
          <Group>
            <Button variant="outline" onClick={() => wait.mutate()} loading={wait.isPending}>
              {t('appointments.waitJoin')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">
            {t('appointments.waitNeedsAccount')}{' '}
            <Anchor underline="always" component={Link} to="/account">
              {t('appointments.verifyLink')}
            </Anchor>
          </Text>
        )}
        <ErrorAlert error={wait.error} />
      </Card>
    </Stack>
  );
}
