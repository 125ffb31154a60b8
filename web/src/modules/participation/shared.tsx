import { Alert, Anchor, Button, Group, Progress, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { TAXISNET_START } from '../../app/api/endpoints';
import { VerifyBox } from '../../app/components/verify-box';
import { errorMessage } from '../../app/i18n';
import { formatDateTime, formatNumber } from '../../app/i18n/format';
import { reportAbuse, type Verification } from './api';
import './i18n';

export const codeOf = (e: unknown) => (e instanceof ApiError ? e.code : 'generic');

export function useErrorText() {
  const { t } = useTranslation();
  return (e: unknown) => {
    const code = codeOf(e);
    const own = t(`participation.errors.${code}`, { defaultValue: '' });
    if (own) return own;
    if (e instanceof ApiError && e.body.message && e.body.message !== code) return e.body.message;
    return errorMessage(code);
  };
}

const NEEDS = ['participation.needs_signin', 'participation.needs_phone', 'participation.needs_taxisnet', 'participation.needs_resident'];

/**
 * An action's error: a verification prompt when the server asks for one (phone/e-mail code or
 * TaxisNet, coming back to this page), else the message.
 */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!error) return null;
  const code = codeOf(error);
  const returnTo = typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search;
  if (NEEDS.includes(code)) {
    return (
      <Alert color="yellow" variant="light" role="alert" c="dark.8" title={text(error)}>
        {code === 'participation.needs_resident' ? (
          <Text size="sm">{t('participation.residentHelp')}</Text>
        ) : code === 'participation.needs_taxisnet' ? (
          <Button component="a" href={`${TAXISNET_START}?returnTo=${encodeURIComponent(returnTo)}`} variant="outline" mt="xs">
            {t('participation.taxisnet')}
          </Button>
        ) : (
          <VerifyBox returnTo={returnTo} headingLevel={3} text={t('participation.verifyText')} />
        )}
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" role="alert">
      {text(error)}
    </Alert>
  );
}

/** Who may take part, in words. */
export function VerificationNote({ level }: { level: Verification }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {t(`participation.verification.${level}`)}
    </Text>
  );
}

export function Deadline({ closesAt, closed }: { closesAt: string; closed?: boolean }) {
  const { t } = useTranslation();
  const past = closed || new Date(closesAt).getTime() <= Date.now();
  return (
    <Text size="sm" fw={600} data-testid="deadline">
      {past
        ? t('participation.closedOn', { date: formatDateTime(closesAt) })
        : t('participation.openUntil', { date: formatDateTime(closesAt) })}
    </Text>
  );
}

/** A horizontal bar chart in plain HTML: each bar is labelled with its text value, so it reads without the picture. */
export function Bars({ rows, caption }: { rows: { label: string; count: number; percent: number }[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>
        <Text fw={600} size="sm" mb={4}>
          {caption}
        </Text>
      </figcaption>
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {rows.map((r) => (
          <li key={r.label}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm">{r.label}</Text>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {t('participation.countPercent', {
                  count: r.count,
                  percent: formatNumber(r.percent / 100, { style: 'percent', maximumFractionDigits: 1 }),
                })}
              </Text>
            </Group>
            <Progress value={Math.min(100, r.percent)} size="lg" color="aegean.7" aria-hidden />
          </li>
        ))}
      </Stack>
    </figure>
  );
}

/** "Report abuse" with an optional reason, once per person. */
export function ReportAbuse({ kind, id }: { kind: 'comment' | 'proposal' | 'idea' | 'evaluation'; id: string }) {
  const { t } = useTranslation();
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const send = useMutation({ mutationFn: () => reportAbuse(kind, id, reason.trim()) });
  if (send.isSuccess) {
    return (
      <Text size="xs" role="status">
        {t('participation.reported')}
      </Text>
    );
  }
  if (!open) {
    return (
      <Anchor underline="always" component="button" type="button" size="xs" c="dark.6" onClick={() => setOpen(true)}>
        {t('participation.reportAbuse')}
      </Anchor>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <Stack gap={4}>
        <Textarea
          id={`${ids}-r`}
          label={t('participation.reportReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={1}
        />
        <Group gap="xs">
          <Button type="submit" size="compact-sm" color="red.9" loading={send.isPending}>
            {t('participation.reportSend')}
          </Button>
          <Button size="compact-sm" variant="subtle" onClick={() => setOpen(false)}>
            {t('participation.cancel')}
          </Button>
        </Group>
        <ActionError error={send.error} />
      </Stack>
    </form>
  );
}
