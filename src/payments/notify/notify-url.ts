import type { AppConfig } from '../../config/config';
import type { ServiceUrl } from '../../platform/http/service-url';

/** The route of NotifyController, where the provider's notifications arrive. */
export const NOTIFY_PATH = '/v1/payments/wechat/notify';

/** PAYMENT_NOTIFY_URL, else this service's own notify route once it listens; null until one is known. */
export function paymentNotifyUrl(config: AppConfig, serviceUrl: ServiceUrl): string | null {
  const base = serviceUrl.get();
  return config.paymentNotifyUrl ?? (base === null ? null : base + NOTIFY_PATH);
}
