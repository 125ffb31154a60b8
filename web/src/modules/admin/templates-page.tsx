import { Button, Card, Group, NavLink, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorAlert, fieldErrors, PageTitle } from './shared';

const KEY = ['admin', 'templates'] as const;

/** Sample values for the preview; anything else shows as «name». */
const SAMPLE: Record<string, string> = {
  protocolNumber: '1234/2026',
  trackingCode: 'K7M2QX9P',
  body: 'Η βλάβη αποκαταστάθηκε. / The fault has been repaired.',
  state: 'Σε εξέλιξη / In progress',
  stateName: 'Σε εξέλιξη / In progress',
  title: 'Λακκούβα στην οδό Ερμού / Pothole on Ermou street',
  municipality: 'Δήμος Νέας Αρκαδίας',
  name: 'Μαρία',
  date: '15/12/2026',
  time: '10:30',
  url: 'https://demo.dimos.gr/requests',
};

export const fillSample = (s: string) => s.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => SAMPLE[k] ?? `«${k}»`);
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] as string))];

/** The notification templates per event and language, with a preview filled with sample values. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/notify/templates')) });
  const keys = [...new Set((list.data?.items ?? []).map((i) => i.key))];
  const [key, setKey] = useState<string | null>(null);
  const [lang, setLang] = useState<'el' | 'en'>('el');
  const item = list.data?.items.find((i) => i.key === key && i.lang === lang);
  const [draft, setDraft] = useState({ subject: '', text: '', html: '' });
  const [saved, setSaved] = useState(false);

  const firstKey = list.data?.items[0]?.key;
  useEffect(() => {
    if (!key && firstKey) setKey(firstKey);
  }, [key, firstKey]);
  useEffect(() => {
    if (item) setDraft({ subject: item.subject, text: item.text, html: item.html ?? '' });
  }, [item]);
  // another template: nothing saved yet
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the choice changes
  useEffect(() => setSaved(false), [key, lang]);

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/notify/templates/{key}/{lang}', {
          params: { path: { key: key ?? '', lang } },
          body: { subject: draft.subject, text: draft.text, html: draft.html.trim() ? draft.html : null },
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: KEY });
      setSaved(true);
    },
  });
  const errors = fieldErrors(save.error);

  return (
    <Stack>
      <PageTitle>{t('admin.templates.title')}</PageTitle>
      <Text c="dimmed">{t('admin.templates.intro')}</Text>
      <ErrorAlert error={list.error} />
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <nav aria-label={t('admin.templates.events')}>
          {keys.map((k) => (
            <NavLink
              key={k}
              component="button"
              type="button"
              label={t(`admin.templates.keys.${k}`, { defaultValue: k })}
              description={k}
              active={k === key}
              aria-current={k === key ? 'true' : undefined}
              onClick={() => setKey(k)}
            />
          ))}
        </nav>
        {key && (
          <form
            style={{ gridColumn: 'span 2' }}
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <Stack>
              <Group justify="space-between">
                <Title order={2} size="h4">
                  {t(`admin.templates.keys.${key}`, { defaultValue: key })}
                </Title>
                <SegmentedControl
                  value={lang}
                  onChange={(v) => setLang(v as 'el' | 'en')}
                  data={[
                    { value: 'el', label: 'Ελληνικά' },
                    { value: 'en', label: 'English' },
                  ]}
                  aria-label={t('admin.templates.language')}
                />
              </Group>
              <TextInput
                label={t('admin.templates.subject')}
                required
                value={draft.subject}
                onChange={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
                error={errors.subject}
              />
              <Textarea
                label={t('admin.templates.text')}
                required
                autosize
                minRows={4}
                value={draft.text}
                onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
                error={errors.text}
              />
              <Textarea
                label={t('admin.templates.html')}
                description={t('admin.templates.htmlHint')}
                autosize
                minRows={2}
                value={draft.html}
                onChange={(e) => setDraft({ ...draft, html: e.currentTarget.value })}
                error={errors.html}
              />
              <Text size="sm" c="dimmed">
                {t('admin.templates.placeholders', {
                  list:
                    placeholders(`${draft.subject} ${draft.text}`)
                      .map((p) => `{{${p}}}`)
                      .join(', ') || '—',
                })}
              </Text>
              <ErrorAlert error={save.error} />
              {saved && (
                <Text role="status" c="teal.9" fw={500}>
                  {t('admin.templates.saved')}
                </Text>
              )}
              <Button type="submit" loading={save.isPending} w="fit-content">
                {t('admin.save')}
              </Button>
              <Card withBorder bg="gray.0" component="section" aria-labelledby="tpl-preview">
                <Title order={3} size="h5" id="tpl-preview">
                  {t('admin.templates.preview')}
                </Title>
                <Text fw={600} mt="xs" data-testid="template-preview-subject">
                  {fillSample(draft.subject)}
                </Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{fillSample(draft.text)}</Text>
              </Card>
            </Stack>
          </form>
        )}
      </SimpleGrid>
    </Stack>
  );
}
