import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export type CampaignStatus = 'scheduled' | 'active' | 'ended';

// antd's green tag text (#389e0d on #f6ffed) is 3.4:1, under WCAG AA: a darker green text on the same tint.
const LOOK: Record<CampaignStatus, { color: string; text?: string }> = {
  scheduled: { color: 'blue' },
  active: { color: 'green', text: '#135200' },
  ended: { color: 'default' },
};

/** A campaign's status (scheduled, active, ended) as a coloured, translated tag. */
export function StatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation('common');
  const look = LOOK[status];
  return (
    <Tag color={look.color} style={look.text ? { color: look.text } : undefined}>
      {t(`campaignStatus.${status}`)}
    </Tag>
  );
}
