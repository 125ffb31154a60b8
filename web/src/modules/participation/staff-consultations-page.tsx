import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { LifecycleList } from '../../app/components/lifecycle-list';
import { formatDateTime } from '../../app/i18n/format';
import { listConsultations, type Verification } from './api';
import { ActionError } from './shared';
import { StaffTabs } from './staff-shared';
import './i18n';

const VERIFICATIONS: Verification[] = ['none', 'phone', 'taxisnet', 'resident'];

function NewConsultation({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [verification, setVerification] = useState<Verification>('phone');
  const [format, setFormat] = useState<'markdown' | 'text'>('markdown');
  const [text, setText] = useState('');
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/participation/consultations', {
          body: {
            title: title.trim(),
            summary: summary.trim() || undefined,
            closesAt: new Date(closesAt).toISOString(),
            verification,
            format,
            text,
          },
        }),
      ),
    onSuccess: () => {
      setTitle('');
      setSummary('');
      setText('');
      onCreated();
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="new-consultation">
      <Title order={2} size="h4" id="new-consultation" mb="sm">
        {t('participation.staff.newConsultation')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('participation.staff.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            minLength={3}
          />
          <Textarea
            label={t('participation.staff.summary')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group align="end">
            <TextInput
              type="datetime-local"
              label={t('participation.staff.closesAt')}
              value={closesAt}
              onChange={(e) => setClosesAt(e.currentTarget.value)}
              required
            />
            <NativeSelect
              label={t('participation.staff.verification')}
              value={verification}
              onChange={(e) => setVerification(e.currentTarget.value as Verification)}
              data={VERIFICATIONS.map((v) => ({ value: v, label: t(`participation.verification.${v}`) }))}
            />
          </Group>
          <div>
            <Text id="format-label" size="sm" fw={500} mb={4}>
              {t('participation.staff.format')}
            </Text>
            <SegmentedControl
              aria-labelledby="format-label"
              value={format}
              onChange={(v) => setFormat(v as 'markdown' | 'text')}
              data={[
                { value: 'markdown', label: 'Markdown' },
                { value: 'text', label: t('participation.staff.plainText') },
              ]}
            />
          </div>
          <Textarea
            label={t('participation.staff.draftText')}
            description={t('participation.staff.draftHelp')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            required
            autosize
            minRows={8}
            maxRows={24}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <FileButton accept=".md,.markdown,.txt,text/markdown,text/plain" onChange={(f) => void f?.text().then(setText)}>
            {(props) => (
              <Button variant="outline" w="fit-content" {...props}>
                {t('participation.staff.importFile')}
              </Button>
            )}
          </FileButton>
          <ActionError error={create.error} />
          {create.data && (
            <Alert color="green" variant="light" role="status" c="dark.8">
              {t('participation.staff.created', { count: create.data.articles.length })}
            </Alert>
          )}
          <Button type="submit" w="fit-content" loading={create.isPending}>
            {t('participation.staff.createDraft')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** Staff: consultations (drafts included), publishing and closing, a new one from a Markdown draft. */
export function StaffConsultationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['participation', 'consultations', 'staff'], queryFn: listConsultations });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['participation', 'consultations'] });
  const state = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'publish' | 'close' }) =>
      unwrap(api.POST('/api/participation/consultations/{id}/state', { params: { path: { id } }, body: { action } })),
    onSuccess: refresh,
  });
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.consultationsTitle')}
      </Title>
      <LifecycleList
        label={t('participation.staff.consultationsTitle')}
        query={list}
        name={(c) => c.title}
        columns={{
          before: [{ header: t('participation.staff.title'), cell: (c) => c.title }],
          after: [
            { header: t('participation.staff.closesAt'), cell: (c) => formatDateTime(c.closesAt) },
            { header: t('participation.staff.comments'), cell: (c) => c.commentCount },
          ],
        }}
        state={{
          header: t('participation.staff.state'),
          of: (c) => c.status,
          badge: (s) => <Badge variant="light">{t(`participation.status.${s}`)}</Badge>,
        }}
        transitions={[
          { action: 'publish', label: t('participation.staff.publish'), when: (s) => s === 'draft' },
          { action: 'close', label: t('participation.staff.close'), when: (s) => s === 'open', variant: 'outline' },
        ]}
        onTransition={(c, action) => state.mutate({ id: c.id, action: action as 'publish' | 'close' })}
        link={(c) =>
          c.status !== 'draft' ? { to: `/staff/participation/consultations/${c.id}`, label: t('participation.staff.answers') } : null
        }
        actionsHeader={t('participation.staff.actions')}
      />
      <ActionError error={state.error} />
      <NewConsultation onCreated={refresh} />
    </Stack>
  );
}
