import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export type CampaignStatus = 'scheduled' | 'active' | 'ended';

const COLORS: Record<CampaignStatus, string> = { scheduled: 'blue', active: 'green', ended: 'default' };

/** A campaign's status (scheduled, active, ended) as a coloured, translated tag. */
export function StatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation('common');
  return <Tag color={COLORS[status]}>{t(`campaignStatus.${status}`)}</Tag>;
}
