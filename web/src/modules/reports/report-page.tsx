import { Alert, Anchor, Button, Card, Group, Image, Loader, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { formatDate, formatDateTime } from '../../app/i18n/format';
import { followReport, getReport, notFixed, type Report, unfollowReport } from './api';
import { localized, StatusBadge } from './shared';
import './i18n';

function errorText(e: unknown, fallback: string) {
  return e instanceof ApiError ? e.message : fallback;
}

function Updates({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  if (!report.updates.length) return <Text>{t('reports.noUpdates')}</Text>;
  return (
    <Stack component="ol" gap="xs" p={0} style={{ listStyle: 'none' }}>
      {report.updates.map((u) => (
        <Card component="li" key={u.id} withBorder padding="sm" radius="md">
          <Group justify="space-between" align="start">
            <Text fw={600}>
              {u.kind === 'forwarded' && u.forwardedTo
                ? t('reports.ev.forwarded', { body: localized(u.forwardedTo, i18n.language) })
                : t(`reports.ev.${u.kind}`, { defaultValue: t('reports.ev.transition') })}
            </Text>
            <Text size="sm" c="dimmed">
              <time dateTime={String(u.at)}>{formatDateTime(u.at)}</time>
            </Text>
          </Group>
          {u.status && (
            <Group gap="xs" mt={4}>
              <StatusBadge status={u.status} />
            </Group>
          )}
          {u.message && <Text mt={4}>{localized(u.message, i18n.language)}</Text>}
          {u.body && (
            <Text mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {u.body}
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}

function NotFixedForm({ report }: { report: Report }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const send = useMutation({
    mutationFn: () => notFixed(report.id, comment),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reports', 'report', report.id] }),
  });
  if (send.isSuccess) return <Alert color="green">{t('reports.notFixedDone')}</Alert>;
  return (
    <Card withBorder component="section" aria-labelledby="not-fixed-title" padding="md" radius="md">
      <Title order={2} size="h3" id="not-fixed-title">
        {t('reports.notFixedTitle')}
      </Title>
      {report.reopenUntil && <Text mb="sm">{t('reports.notFixedIntro', { date: formatDate(report.reopenUntil) })}</Text>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t('reports.notFixedComment')}
            required
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            minRows={2}
          />
          {send.isError && (
            <Alert color="red" role="alert">
              {errorText(send.error, t('reports.error'))}
            </Alert>
          )}
          <Button type="submit" color="red" loading={send.isPending} style={{ alignSelf: 'start' }}>
            {t('reports.notFixedSubmit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** A report's public page: its status told honestly, its public updates, photos once public, follow, "not fixed". */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const qc = useQueryClient();
  const report = useQuery({ queryKey: ['reports', 'report', id], queryFn: () => getReport(id) });
  const toggle = useMutation({
    mutationFn: (follow: boolean) => (follow ? followReport(id) : unfollowReport(id)),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reports', 'report', id] }),
  });

  if (report.isLoading) return <Loader aria-label="…" />;
  if (report.isError || !report.data) {
    return (
      <>
        <Title order={1} size="h2">
          {t('reports.mapTitle')}
        </Title>
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      </>
    );
  }
  const r = report.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/reports">
        {t('reports.backToMap')}
      </Anchor>
      <Stack gap={6}>
        <Title order={1} size="h2">
          {r.title}
        </Title>
        <Group gap="sm">
          <StatusBadge status={r.status} />
          <Text>{localized(r.category.name, i18n.language)}</Text>
          {r.protocolNumber && <Text c="dimmed">{r.protocolNumber}</Text>}
        </Group>
        {r.status === 'not_ours' && r.forwardedTo && (
          <Alert color="gray" variant="light">
            {t('reports.sentTo', { body: localized(r.forwardedTo, i18n.language) })}
          </Alert>
        )}
        {r.mergedInto && (
          <Alert color="blue" variant="light">
            {t('reports.mergedInto')}{' '}
            <Anchor component={Link} to={`/reports/${r.mergedInto}`}>
              {t('reports.seeMerged')}
            </Anchor>
          </Alert>
        )}
        {r.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{r.description}</Text>}
        <Text size="sm">{t('reports.reportedOn', { date: formatDate(r.submittedAt) })}</Text>
        {r.location?.address && (
          <Text size="sm">
            {t('reports.address')}: {r.location.address}
          </Text>
        )}
        {r.district && (
          <Text size="sm">
            {t('reports.district')}: {localized(r.district.name, i18n.language)}
          </Text>
        )}
      </Stack>

      <Group gap="sm">
        <Button
          variant={r.following ? 'light' : 'filled'}
          onClick={() => toggle.mutate(!r.following)}
          loading={toggle.isPending}
          aria-pressed={r.following}
        >
          {r.following ? t('reports.unfollow') : t('reports.follow')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('reports.followers', { count: r.followers })}
        </Text>
      </Group>
      {r.following && <Text size="sm">{t('reports.following')}</Text>}
      {toggle.isError && (
        <Alert color="red" role="alert">
          {errorText(toggle.error, t('reports.error'))}
        </Alert>
      )}

      {r.photos.length > 0 && (
        <section aria-labelledby="photos-title">
          <Title order={2} size="h3" id="photos-title" mb="sm">
            {t('reports.photos')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3 }}>
            {r.photos.map((f, i) => (
              <Image key={f} src={`/api/files/${f}/thumb`} alt={t('reports.photoAlt', { n: i + 1 })} radius="md" />
            ))}
          </SimpleGrid>
        </section>
      )}

      {r.canReopen && <NotFixedForm report={r} />}

      <section aria-labelledby="updates-title">
        <Title order={2} size="h3" id="updates-title" mb="sm">
          {t('reports.updates')}
        </Title>
        <Updates report={r} />
      </section>
    </Stack>
  );
}
