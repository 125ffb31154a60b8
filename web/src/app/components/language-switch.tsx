import { Button, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n';

/** Toggles Greek/English. The label is in the other language, marked with its own lang. */
export function LanguageSwitch(props: ButtonProps) {
  const { t, i18n } = useTranslation();
  const next = currentLanguage() === 'el' ? 'en' : 'el';
  void i18n.language;
  return (
    <Button
      variant="subtle"
      size="compact-md"
      {...props}
      lang={next}
      aria-label={t('app.switchLanguageLabel')}
      onClick={() => setLanguage(next)}
    >
      {t('app.switchLanguage')}
    </Button>
  );
}
