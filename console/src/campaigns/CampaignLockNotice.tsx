import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** Above a started campaign's form: why most fields are disabled. */
export function CampaignLockNotice({ started }: { started: boolean }) {
  const { t } = useTranslation('campaigns');
  if (!started) return null;
  return <Alert type="info" showIcon title={t('lock.notice')} style={{ marginBottom: 16 }} />;
}
