import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LuckyDraw } from './lucky-draw';

/**
 * The draw's proof of fairness: the seed's SHA-256 published before the first draw, and once the draw has ended
 * the seed itself, with which anyone can recompute every outcome (docs/lucky-draw.md).
 */
export function FairnessCard({ campaign }: { campaign: LuckyDraw }) {
  const { t } = useTranslation('luckyDraws');
  return (
    <Card title={t('fairness.title')}>
      <Typography.Paragraph type="secondary">{t('fairness.explain')}</Typography.Paragraph>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('fairness.commitment')}>
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="seed-commitment">
            {campaign.seedCommitment}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('fairness.seed')}>
          {campaign.revealedSeed ? (
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="revealed-seed">
              {campaign.revealedSeed}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('fairness.notYet')}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
