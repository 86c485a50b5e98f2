import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { decodeCursor, Page, pageLimit, toPage } from '../../platform/http/pagination';
import { DispatchSignal } from './delivery/dispatch-signal';
import { DeliveryDto, DeliveryListQuery } from './dto/delivery.dto';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** The delivery log of a merchant's endpoints, and retrying one by hand. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly clock: Clock,
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly signal: DispatchSignal,
  ) {}

  async list(merchantId: string, endpointId: string, query: DeliveryListQuery): Promise<Page<DeliveryDto>> {
    const endpoint = await this.endpoints.own(merchantId, endpointId);
    const limit = pageLimit(query);
    const rows = await this.deliveries.listForEndpoint(
      endpoint.id,
      query.status,
      decodeCursor(query.cursor),
      limit + 1,
    );
    return toPage(rows, limit, DeliveryDto.from);
  }

  /**
   * A pending or failed delivery is due at once: one more attempt (a failed one fails again if it is refused again).
   * A delivery that succeeded, or is being sent, is answered as it is: acknowledged, or its attempt is under way.
   * One of a disabled endpoint becomes pending and waits, parked, until the endpoint is enabled.
   */
  async retry(merchantId: string, id: string): Promise<DeliveryDto> {
    if (!isOpaqueId(id)) throw notFound('Webhook delivery');
    if (await this.deliveries.retryNow(merchantId, id, this.clock.now())) this.signal.wake();
    const delivery = await this.deliveries.findForMerchant(merchantId, id);
    if (!delivery) throw notFound('Webhook delivery');
    return DeliveryDto.from(delivery);
  }
}
