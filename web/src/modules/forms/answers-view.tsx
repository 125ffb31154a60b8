import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Localized = { el: string; en: string };

/** One answer as the server renders it with the form definition (server/src/modules/forms/answers.ts). */
export interface FormAnswer {
  id: string;
  label: Localized;
  kind: string;
  value: Localized | null;
  parts?: { label: Localized; value: string }[];
  files?: { id: string; name: string; mime: string | null }[];
  location?: { lat: number; lon: number };
}

/**
 * A submission as words, in the reader's language: each field's label and its answer (a choice's
 * label, «Ναι/Όχι», a date as a date), a person block as a person, files by name. The same on the
 * screen and in print.
 */
export function FormAnswers({ answers }: { answers: FormAnswer[] }) {
  const { i18n } = useTranslation();
  const pick = (l: Localized) => (i18n.language === 'en' ? l.en : l.el);
  return (
    <dl style={{ margin: 0, display: 'grid', gap: 8 }} data-testid="form-answers">
      {answers.map((a) => (
        <div key={a.id}>
          <Text component="dt" size="sm" fw={700}>
            {pick(a.label)}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ whiteSpace: a.kind === 'longText' ? 'pre-wrap' : undefined }}>
            {a.parts ? (
              <Stack component="span" gap={0}>
                {a.parts.map((p) => (
                  <span key={p.label.el}>
                    {pick(p.label)}: {p.value}
                  </span>
                ))}
              </Stack>
            ) : a.files ? (
              <Stack component="span" gap={0}>
                {a.files.map((f) => (
                  <Anchor key={f.id} href={`/api/files/${f.id}`} target="_blank" rel="noopener" size="sm">
                    {f.name}
                  </Anchor>
                ))}
              </Stack>
            ) : (
              a.value && pick(a.value)
            )}
          </Text>
        </div>
      ))}
    </dl>
  );
}
