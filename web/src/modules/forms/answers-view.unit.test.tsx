import { MantineProvider } from '@mantine/core';
import i18next from 'i18next';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FormAnswer, FormAnswers } from './answers-view';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: 'el', resources: { el: { translation: {} }, en: { translation: {} } } });
  window.matchMedia ??= ((q: string) => ({ matches: false, media: q, addEventListener() {}, removeEventListener() {} })) as never;
});

const L = (el: string, en: string) => ({ el, en });
const answers: FormAnswer[] = [
  { id: 'onBehalf', kind: 'yesNo', label: L('Για άλλο πρόσωπο', 'For another person'), value: L('Όχι', 'No') },
  {
    id: 'applicant',
    kind: 'person',
    label: L('Αιτών', 'Applicant'),
    value: L('Γιώργος Παπαδόπουλος', 'Γιώργος Παπαδόπουλος'),
    parts: [{ label: L('ΑΦΜ', 'Tax number (AFM)'), value: '123456789' }],
  },
  {
    id: 'photos',
    kind: 'files',
    label: L('Φωτογραφίες', 'Photos'),
    value: null,
    files: [{ id: 'f1', name: 'lakkouva.jpg', mime: 'image/jpeg' }],
  },
];

describe('<FormAnswers>', () => {
  it('shows labels and answers in the reader’s language, a person by parts and files by name', async () => {
    const host = document.createElement('div');
    const root = createRoot(host);
    const draw = () =>
      act(() =>
        root.render(
          <I18nextProvider i18n={i18n}>
            <MantineProvider>
              <FormAnswers answers={answers} />
            </MantineProvider>
          </I18nextProvider>,
        ),
      );
    await draw();
    const text = host.querySelector('[data-testid="form-answers"]')?.textContent ?? '';
    for (const s of ['Για άλλο πρόσωπο', 'Όχι', 'Αιτών', 'ΑΦΜ: 123456789', 'Φωτογραφίες', 'lakkouva.jpg']) expect(text).toContain(s);
    expect(text).not.toMatch(/onBehalf|applicant|\{/);
    expect(host.querySelector('a')?.getAttribute('href')).toBe('/api/files/f1');
    await act(() => i18n.changeLanguage('en'));
    await draw();
    expect(host.textContent).toContain('For another person');
    expect(host.textContent).toContain('Tax number (AFM): 123456789');
    act(() => root.unmount());
  });
});
