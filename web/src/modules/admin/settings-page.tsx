import { Button, ColorInput, FileInput, Group, Image, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { uploadFiles } from '../../app/api/endpoints';
import { ErrorAlert, fieldErrors, PageTitle } from './shared';

type Settings = Record<string, unknown> & {
  protocol?: Record<string, unknown> & { format?: string };
  notify?: Record<string, unknown> & { sms?: Record<string, unknown> & { senderId?: string } };
};

interface Draft {
  nameEl: string;
  nameEn: string;
  email: string;
  phone: string;
  address: string;
  website: string;
  primaryColor: string;
  logoFileId: string | null;
  emailFooterEl: string;
  emailFooterEn: string;
  protocolFormat: string;
  smsSender: string;
}

/** `{n}/{yyyy}` → `1234/2026`, as the case engine numbers them. */
export function protocolExample(format: string, n = 1234, year = new Date().getFullYear()) {
  return format
    .replace(/\{n(?::(\d+))?\}/g, (_, w: string | undefined) => String(n).padStart(w ? Number(w) : 0, '0'))
    .replace(/\{yyyy\}/g, String(year))
    .replace(/\{yy\}/g, String(year).slice(-2));
}

const blankToNull = (s: string) => (s.trim() ? s.trim() : null);

/** The municipality's names, contacts, branding, protocol number format and SMS sender name. */
export function SettingsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tenant = useQuery({ queryKey: ['admin', 'tenant'], queryFn: () => unwrap(api.GET('/api/tenant')) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    const d = tenant.data;
    if (!d || draft) return;
    const s = (d.settings ?? {}) as Settings;
    setDraft({
      nameEl: d.nameEl,
      nameEn: d.nameEn,
      email: d.contacts.email ?? '',
      phone: d.contacts.phone ?? '',
      address: d.contacts.address ?? '',
      website: d.contacts.website ?? '',
      primaryColor: d.branding.primaryColor ?? '',
      logoFileId: d.branding.logoFileId ?? null,
      emailFooterEl: d.branding.emailFooterEl ?? '',
      emailFooterEn: d.branding.emailFooterEn ?? '',
      protocolFormat: s.protocol?.format ?? '{n}/{yyyy}',
      smsSender: s.notify?.sms?.senderId ?? '',
    });
  }, [tenant.data, draft]);

  const upload = useMutation({
    mutationFn: async (file: File) => (await uploadFiles([file]))[0]?.id ?? null,
    onSuccess: (id) => draft && setDraft({ ...draft, logoFileId: id }),
  });
  const save = useMutation({
    mutationFn: (d: Draft) => {
      // settings merge key by key at the top level: send each key whole, changed parts included
      const s = (tenant.data?.settings ?? {}) as Settings;
      const notify = s.notify ?? {};
      return unwrap(
        api.PATCH('/api/tenant', {
          body: {
            nameEl: d.nameEl,
            nameEn: d.nameEn,
            contacts: {
              email: blankToNull(d.email),
              phone: blankToNull(d.phone),
              address: blankToNull(d.address),
              website: blankToNull(d.website),
            },
            branding: {
              primaryColor: blankToNull(d.primaryColor),
              logoFileId: d.logoFileId,
              emailFooterEl: blankToNull(d.emailFooterEl),
              emailFooterEn: blankToNull(d.emailFooterEn),
            },
            settings: {
              protocol: { ...(s.protocol ?? {}), format: d.protocolFormat.trim() || undefined },
              notify: { ...notify, sms: { ...(notify.sms ?? {}), senderId: d.smsSender.trim() || undefined } },
            },
          },
        }),
      );
    },
    onSuccess: async () => {
      setSaved(true);
      await qc.invalidateQueries({ queryKey: ['admin', 'tenant'] });
    },
  });
  const errors = fieldErrors(save.error);

  if (!draft) return <ErrorAlert error={tenant.error} />;
  const set = (p: Partial<Draft>) => {
    setSaved(false);
    setDraft({ ...draft, ...p });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(draft);
      }}
    >
      <Stack>
        <PageTitle>{t('admin.settings.title')}</PageTitle>
        <Text c="dimmed">{t('admin.settings.intro')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('admin.nameEl')}
            required
            value={draft.nameEl}
            onChange={(e) => set({ nameEl: e.currentTarget.value })}
            error={errors.nameEl}
          />
          <TextInput
            label={t('admin.nameEn')}
            required
            value={draft.nameEn}
            onChange={(e) => set({ nameEn: e.currentTarget.value })}
            error={errors.nameEn}
          />
        </SimpleGrid>
        <Title order={2} size="h4">
          {t('admin.settings.contacts')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('admin.email')}
            type="email"
            value={draft.email}
            onChange={(e) => set({ email: e.currentTarget.value })}
            error={errors['contacts.email']}
          />
          <TextInput
            label={t('admin.phone')}
            value={draft.phone}
            onChange={(e) => set({ phone: e.currentTarget.value })}
            error={errors['contacts.phone']}
          />
          <TextInput
            label={t('admin.settings.address')}
            value={draft.address}
            onChange={(e) => set({ address: e.currentTarget.value })}
            error={errors['contacts.address']}
          />
          <TextInput
            label={t('admin.settings.website')}
            type="url"
            value={draft.website}
            onChange={(e) => set({ website: e.currentTarget.value })}
            error={errors['contacts.website']}
          />
        </SimpleGrid>
        <Title order={2} size="h4">
          {t('admin.settings.branding')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ColorInput
            withEyeDropper={false}
            label={t('admin.settings.colour')}
            format="hex"
            value={draft.primaryColor}
            onChange={(v) => set({ primaryColor: v })}
            error={errors['branding.primaryColor']}
          />
          <Group align="flex-end">
            <FileInput
              label={t('admin.settings.logo')}
              aria-label={t('admin.settings.logo')}
              accept="image/png,image/jpeg,image/webp"
              placeholder={t('admin.settings.logoPick')}
              onChange={(f) => f && upload.mutate(f)}
              error={upload.error ? t('errors.generic') : errors['branding.logoFileId']}
              style={{ flex: 1 }}
            />
            {draft.logoFileId && (
              <Image src={`/api/files/${draft.logoFileId}`} alt={t('admin.settings.logoAlt')} h={48} w="auto" fit="contain" />
            )}
            {draft.logoFileId && (
              <Button variant="subtle" color="red" onClick={() => set({ logoFileId: null })}>
                {t('admin.remove')}
              </Button>
            )}
          </Group>
          <Textarea
            label={t('admin.settings.footerEl')}
            autosize
            minRows={2}
            value={draft.emailFooterEl}
            onChange={(e) => set({ emailFooterEl: e.currentTarget.value })}
            error={errors['branding.emailFooterEl']}
          />
          <Textarea
            label={t('admin.settings.footerEn')}
            autosize
            minRows={2}
            value={draft.emailFooterEn}
            onChange={(e) => set({ emailFooterEn: e.currentTarget.value })}
            error={errors['branding.emailFooterEn']}
          />
        </SimpleGrid>
        <Title order={2} size="h4">
          {t('admin.settings.numbering')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('admin.settings.protocolFormat')}
            description={t('admin.settings.protocolHint', { example: protocolExample(draft.protocolFormat || '{n}/{yyyy}') })}
            value={draft.protocolFormat}
            onChange={(e) => set({ protocolFormat: e.currentTarget.value })}
            error={errors['settings.protocol.format'] ?? errors['settings.protocol']}
          />
          <TextInput
            label={t('admin.settings.smsSender')}
            description={t('admin.settings.smsSenderHint')}
            maxLength={11}
            value={draft.smsSender}
            onChange={(e) => set({ smsSender: e.currentTarget.value })}
            error={errors['settings.notify.sms.senderId'] ?? errors['settings.notify']}
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('admin.settings.mailFromNote')}
        </Text>
        <ErrorAlert error={save.error} />
        {saved && (
          <Text role="status" c="teal.9" fw={500}>
            {t('admin.settings.saved')}
          </Text>
        )}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t('admin.save')}
        </Button>
      </Stack>
    </form>
  );
}
