import { Alert, Button, Card, Group, Loader, NativeSelect, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/page-header';
import { formatNumber } from '../../app/i18n/format';
import { rate, ratingSummary } from './api';
import { ActionError, Bars } from './shared';
import './i18n';

/** Municipal services citizens can rate (target kind 'service'). */
export const SERVICES = ['cleaning', 'lighting', 'roads', 'greenery', 'kep', 'registry'] as const;

/** Rate a municipal service 1–5 with an optional comment, and see how others rated it. */
export function EvaluatePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [service, setService] = useState<string>(SERVICES[0]);
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const summary = useQuery({ queryKey: ['participation', 'rating', service], queryFn: () => ratingSummary('service', service) });
  const send = useMutation({
    mutationFn: () => rate({ targetKind: 'service', targetRef: service, rating: Number(rating), comment: comment.trim() || undefined }),
    onSuccess: () => {
      setComment('');
      void qc.invalidateQueries({ queryKey: ['participation', 'rating', service] });
    },
  });
  const total = summary.data?.count ?? 0;
  return (
    <Stack gap="lg">
      <PageHeader title={t('participation.evaluateTitle')} intro={t('participation.evaluateIntro')} />
      <Card withBorder radius="lg" padding="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (rating) send.mutate();
          }}
        >
          <Stack>
            <NativeSelect
              label={t('participation.serviceToRate')}
              value={service}
              onChange={(e) => {
                setService(e.currentTarget.value);
                send.reset();
              }}
              data={SERVICES.map((s) => ({ value: s, label: t(`participation.services.${s}`) }))}
              maw={360}
            />
            <Radio.Group
              label={t('participation.yourRating')}
              description={t('participation.ratingHelp')}
              value={rating}
              onChange={setRating}
              required
            >
              <Group mt="xs">
                {[1, 2, 3, 4, 5].map((v) => (
                  <Radio key={v} value={String(v)} label={String(v)} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label={t('participation.ratingComment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              maxLength={2000}
              autosize
              minRows={2}
            />
            <ActionError error={send.error} />
            {send.isSuccess && (
              <Alert color="green" variant="light" role="status" c="dark.8">
                {t('participation.ratingThanks')}
              </Alert>
            )}
            <Button type="submit" w="fit-content" disabled={!rating} loading={send.isPending}>
              {t('participation.sendRating')}
            </Button>
          </Stack>
        </form>
      </Card>
      <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="ratings-title">
        <Title order={2} size="h4" id="ratings-title" mb="xs">
          {t('participation.howRated', { service: t(`participation.services.${service}`) })}
        </Title>
        {summary.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
        {summary.data && (
          <>
            <Text mb="sm">
              {summary.data.mean == null
                ? t('participation.noRatings')
                : t('participation.meanOf', { mean: formatNumber(summary.data.mean, { maximumFractionDigits: 1 }), count: total })}
            </Text>
            {total > 0 && (
              <Bars
                caption={t('participation.ratingDistribution')}
                rows={summary.data.histogram.map((h) => ({ label: `${h.rating} / 5`, count: h.count, percent: (h.count / total) * 100 }))}
              />
            )}
          </>
        )}
      </Card>
    </Stack>
  );
}
