import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { StatusTag } from '../components/StatusTag';
import { formatDateTime } from '../time/time';
import { useTimezone } from '../time/timezone-store';
import type { CampaignBase } from './campaign-kind';

interface CampaignStatusTagProps {
  campaign: Pick<CampaignBase, 'status' | 'endedAt'>;
  /** Also say when the merchant ended it early (`endedAt` is set only then): on the campaign page. */
  showEndedAt?: boolean;
}

/** A campaign's status as a tag, and on its page the moment an early end took effect. */
export function CampaignStatusTag({ campaign, showEndedAt = false }: CampaignStatusTagProps) {
  const { t } = useTranslation('campaigns');
  const zone = useTimezone();
  const tag = <StatusTag status={campaign.status} />;
  if (!showEndedAt || !campaign.endedAt) return tag;
  return (
    <Space size={4} wrap>
      {tag}
      <Typography.Text type="secondary">
        {t('status.endedEarlyAt', { at: formatDateTime(campaign.endedAt, zone) })}
      </Typography.Text>
    </Space>
  );
}
