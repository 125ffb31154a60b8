import { useTranslation } from 'react-i18next';

export const MAIN_ID = 'main';

/** First focusable element of every face: jumps past the header and navigation (WCAG 2.4.1). */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${MAIN_ID}`}
      onClick={(e) => {
        const main = document.getElementById(MAIN_ID);
        if (!main) return;
        e.preventDefault();
        main.focus();
        main.scrollIntoView();
      }}
    >
      {t('app.skipLink')}
    </a>
  );
}
