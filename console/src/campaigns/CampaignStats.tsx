import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { displayYuan } from '../money/money';

/** One figure of a campaign's `stats`: its key there, its label's i18n key, and whether it is money (fen). */
export interface StatField {
  key: string;
  /** With its namespace: 'flashSales:stats.paid'. */
  labelKey: string;
  money?: boolean;
}

interface CampaignStatsProps {
  /** The campaign's `stats` as last read; useCampaign re-reads it every few seconds, so the cards stay live. */
  stats: Record<string, unknown> | null | undefined;
  fields: StatField[];
}

/** A campaign's figures as Statistic cards (money in yuan, two decimals); a figure the stats lack shows "-". */
export function CampaignStats({ stats, fields }: CampaignStatsProps) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} role="group" aria-label={t('campaigns:stats.label')}>
      {fields.map((field) => {
        const value = stats?.[field.key];
        const shown = typeof value !== 'number' ? '-' : field.money ? displayYuan(value) : value.toLocaleString();
        return (
          <Col key={field.key} xs={12} md={8} lg={6}>
            <Card size="small" data-testid={`stat-${field.key}`}>
              <Statistic title={t(field.labelKey)} value={shown} />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
