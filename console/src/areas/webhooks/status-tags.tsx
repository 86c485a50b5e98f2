import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus, EndpointStatus } from './webhook-types';

// Colours dark enough for WCAG AA text on the tag's tint (antd's preset tag colours give 2.8-3.4:1).
const ENDPOINT_COLORS: Record<EndpointStatus, string> = { enabled: '#237804', disabled: '#595959' };
const DELIVERY_COLORS: Record<DeliveryStatus, string> = {
  pending: '#0958d9',
  succeeded: '#237804',
  failed: '#cf1322',
};

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
