import { useTranslation } from 'react-i18next';
import { AccessibilityStatement } from './accessibility-statement';
import { PageHeader } from './page-header';

export function AccessibilityPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('a11y.title')} />
      <AccessibilityStatement />
    </>
  );
}
