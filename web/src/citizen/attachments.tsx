import { Button, Group, Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorBody } from '../app/api/client';
import { errorMessage } from '../app/i18n';

/** A file the citizen attached: uploaded (has an id) and what they will see in the review. */
export interface Attachment {
  id: string;
  name: string;
  kind: string;
}

export const ACCEPT = 'image/*,video/*,application/pdf,.doc,.docx,.odt,.xlsx,.ods,.txt';

/**
 * POST /api/files with upload progress (fetch cannot report it; XMLHttpRequest can). Resolves
 * with the stored files or rejects with the API's error body (415 refused type, 413 too large…).
 */
export function uploadWithProgress(file: File, onProgress: (fraction: number) => void): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    form.append('file', file);
    xhr.open('POST', '/api/files');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject({ code: 'api.unavailable' } satisfies ApiErrorBody);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object' && 'files' in body) {
        const [f] = (body as { files: { id: string; name: string; kind: string }[] }).files;
        if (f) return resolve({ id: f.id, name: f.name, kind: f.kind });
      }
      reject(
        body && typeof body === 'object' && 'code' in body ? (body as ApiErrorBody) : ({ code: 'api.unavailable' } satisfies ApiErrorBody),
      );
    };
    xhr.send(form);
  });
}

type Pending = { key: string; name: string; progress: number; error?: string };

/** Photo, video or document picker (camera on phones through `capture`), uploading each file at once. */
export function AttachmentsInput({
  value,
  onChange,
  max = 10,
  label,
}: {
  value: Attachment[];
  onChange: (next: Attachment[]) => void;
  max?: number;
  label?: string;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending[]>([]);
  const camera = useRef<HTMLInputElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const id = useId();
  const current = useRef(value);
  current.current = value;

  const errorText = (e: ApiErrorBody, name: string) => {
    if (e.code === 'files.type_not_allowed') return t('citizen.files.refusedType', { name });
    if (e.code === 'http.payload_too_large' || e.code === 'files.too_large') return t('citizen.files.tooLarge', { name });
    if (e.code === 'api.unavailable') return t('citizen.files.offline', { name });
    return `${name}: ${e.message ?? errorMessage(e.code)}`;
  };

  const add = async (list: FileList | null) => {
    const picked = [...(list ?? [])].slice(0, Math.max(0, max - current.current.length));
    for (const file of picked) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      setPending((p) => [...p, { key, name: file.name, progress: 0 }]);
      try {
        const a = await uploadWithProgress(file, (progress) => setPending((p) => p.map((x) => (x.key === key ? { ...x, progress } : x))));
        setPending((p) => p.filter((x) => x.key !== key));
        onChange([...current.current, a]);
      } catch (err) {
        setPending((p) => p.map((x) => (x.key === key ? { ...x, error: errorText(err as ApiErrorBody, file.name) } : x)));
      }
    }
  };

  return (
    <Stack gap="xs" role="group" aria-labelledby={`${id}-label`}>
      <Text fw={600} id={`${id}-label`}>
        {label ?? t('citizen.files.label')}
      </Text>
      <Text size="sm" c="dark.6">
        {t('citizen.files.hint')}
      </Text>
      <Group gap="xs">
        <Button variant="light" onClick={() => camera.current?.click()} disabled={value.length >= max}>
          {t('citizen.files.camera')}
        </Button>
        <Button variant="light" onClick={() => files.current?.click()} disabled={value.length >= max}>
          {t('citizen.files.pick')}
        </Button>
      </Group>
      <VisuallyHidden>
        <input
          ref={camera}
          type="file"
          accept="image/*,video/*"
          capture="environment"
          tabIndex={-1}
          aria-label={t('citizen.files.camera')}
          onChange={(e) => {
            void add(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <input
          ref={files}
          type="file"
          multiple
          accept={ACCEPT}
          tabIndex={-1}
          aria-label={t('citizen.files.pick')}
          data-testid="attachments-files"
          onChange={(e) => {
            void add(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </VisuallyHidden>
      <div aria-live="polite">
        {pending.map((p) =>
          p.error ? (
            <Group key={p.key} gap="xs" wrap="nowrap">
              <Text size="sm" c="red.9" role="alert">
                {p.error}
              </Text>
              <Button size="compact-xs" variant="subtle" onClick={() => setPending((l) => l.filter((x) => x.key !== p.key))}>
                {t('citizen.files.dismiss')}
              </Button>
            </Group>
          ) : (
            <div key={p.key}>
              <Text size="sm">{t('citizen.files.uploading', { name: p.name })}</Text>
              <Progress value={Math.round(p.progress * 100)} aria-label={t('citizen.files.progress', { name: p.name })} />
            </div>
          ),
        )}
      </div>
      {value.length > 0 && (
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('citizen.files.attached')}>
          {value.map((a) => (
            <Group component="li" key={a.id} justify="space-between" wrap="nowrap">
              <Text size="sm" truncate>
                {a.name}
              </Text>
              <Button
                size="compact-sm"
                variant="subtle"
                color="red.9"
                c="red.9"
                onClick={() => onChange(value.filter((x) => x.id !== a.id))}
                aria-label={t('citizen.files.removeOne', { name: a.name })}
              >
                {t('citizen.files.remove')}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
