import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { displayYuan } from '../../money/money';
import type { Dashboard } from './dashboard';

/** Paid orders, revenue, discount cost, refunds and rebates of one range, as cards. */
export function FigureCards({ figures, testId }: { figures: Dashboard | undefined; testId: string }) {
  const { t } = useTranslation('dashboard');
  const cards = [
    { key: 'ordersPaid', value: figures ? String(figures.ordersPaid) : '-' },
    { key: 'revenueFen', value: figures ? displayYuan(figures.revenueFen) : '-' },
    { key: 'discountFen', value: figures ? displayYuan(figures.discountFen) : '-' },
    { key: 'refundedFen', value: figures ? displayYuan(figures.refundedFen) : '-' },
    { key: 'rebatesPaidFen', value: figures ? displayYuan(figures.rebatesPaidFen) : '-' },
  ];
  return (
    <Row gutter={[16, 16]} data-testid={testId}>
      {cards.map((card) => (
        <Col key={card.key} xs={12} md={8} xl={{ flex: '20%' }}>
          <Card size="small">
            <Statistic title={t(`figure.${card.key}`)} value={card.value} data-testid={`${testId}-${card.key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
