import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function MerchantsPage() {
  const { t } = useTranslation('merchants');
  return <PageHeader title={t('title')} />;
}
