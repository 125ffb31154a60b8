import { Text } from '@mantine/core';
import type { Lang } from './api';

/** Paragraphs of a plain-text body (blank lines separate them). */
export function Body({ text, lang }: { text: string; lang: Lang }) {
  return (
    <div lang={lang}>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, never reordered
          <Text key={i} mb="sm" style={{ whiteSpace: 'pre-line' }}>
            {p}
          </Text>
        ))}
    </div>
  );
}

export const useLang = (language: string): Lang => (language === 'en' ? 'en' : 'el');
