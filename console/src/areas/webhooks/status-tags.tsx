import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus, EndpointStatus } from './webhook-types';

const ENDPOINT_COLORS: Record<EndpointStatus, string> = { enabled: 'green', disabled: 'default' };
const DELIVERY_COLORS: Record<DeliveryStatus, string> = { pending: 'blue', succeeded: 'green', failed: 'red' };

export function EndpointStatusTag({ status }: { status: EndpointStatus }) {
  const { t } = useTranslation('webhooks');
  return <Tag color={ENDPOINT_COLORS[status]}>{t(`endpointStatus.${status}`)}</Tag>;
}

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation('webhooks');
  return (
    <Tag color={DELIVERY_COLORS[status]} data-testid="delivery-status">
      {t(`deliveryStatus.${status}`)}
    </Tag>
  );
}
