import { useTranslation } from 'react-i18next';
import { AccessibilityStatement } from '../app/components/accessibility-statement';
import { PageHeader } from '../app/components/page-header';

export function AccessibilityPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('a11y.title')} />
      <AccessibilityStatement />
    </>
  );
}
