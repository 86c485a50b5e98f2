import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { decodeCursor, Page, pageLimit, toPage } from '../../platform/http/pagination';
import { DestinationPolicy } from './delivery/destination-policy';
import { newSigningSecret } from './domain/signature';
import {
  CreatedEndpointDto,
  CreateEndpointDto,
  EndpointDto,
  EndpointListQuery,
  RotatedSecretDto,
  UpdateEndpointDto,
} from './dto/endpoint.dto';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookSecretSeal } from './webhook-secret-seal';

/** After a rotation the previous secret signs beside the new one this long (API.md: 24 h). */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/** A merchant's webhook endpoints. Another merchant's endpoint is NOT_FOUND, as if it did not exist. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly seal: WebhookSecretSeal,
    private readonly policy: DestinationPolicy,
  ) {}

  async create(merchantId: string, input: CreateEndpointDto): Promise<CreatedEndpointDto> {
    await this.checkUrl(input.url);
    const now = this.clock.now();
    const secret = newSigningSecret();
    const endpoint: WebhookEndpoint = {
      id: randomUUID(),
      merchantId,
      url: input.url,
      events: input.events,
      status: 'enabled',
      description: input.description ?? null,
      secretSealed: this.seal.seal(secret),
      previousSecretSealed: null,
      previousSecretExpiresAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.endpoints.insert(endpoint);
    return { ...EndpointDto.from(endpoint), secret };
  }

  async list(merchantId: string, query: EndpointListQuery): Promise<Page<EndpointDto>> {
    const limit = pageLimit(query);
    const rows = await this.endpoints.listForMerchant(merchantId, decodeCursor(query.cursor), limit + 1);
    return toPage(rows, limit, EndpointDto.from);
  }

  /** Disabling parks the endpoint's pending deliveries; enabling it again makes them due at once. */
  async update(merchantId: string, id: string, input: UpdateEndpointDto): Promise<EndpointDto> {
    if (input.url !== undefined) await this.checkUrl(input.url);
    if (!isOpaqueId(id)) throw notFound('Webhook endpoint');
    return this.db.transaction(async () => {
      const endpoint = await this.endpoints.lockForMerchant(merchantId, id);
      if (!endpoint) throw notFound('Webhook endpoint');
      const now = this.clock.now();
      const changes: Partial<WebhookEndpoint> = {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updatedAt: now,
      };
      await this.endpoints.update(endpoint.id, changes);
      if (input.status === 'disabled' && endpoint.status === 'enabled') await this.deliveries.park(endpoint.id, now);
      if (input.status === 'enabled' && endpoint.status === 'disabled') await this.deliveries.unpark(endpoint.id, now);
      return EndpointDto.from({ ...endpoint, ...changes });
    });
  }

  /** The endpoint and its delivery log; what was pending for it is never sent. */
  async delete(merchantId: string, id: string): Promise<void> {
    if (!isOpaqueId(id)) throw notFound('Webhook endpoint');
    await this.db.transaction(async () => {
      if (!(await this.endpoints.delete(merchantId, id))) throw notFound('Webhook endpoint');
      await this.deliveries.deleteForEndpoint(id);
    });
  }

  /** A new secret; the one it replaces keeps signing beside it for ROTATION_GRACE_MS. */
  async rotateSecret(merchantId: string, id: string): Promise<RotatedSecretDto> {
    if (!isOpaqueId(id)) throw notFound('Webhook endpoint');
    return this.db.transaction(async () => {
      const endpoint = await this.endpoints.lockForMerchant(merchantId, id);
      if (!endpoint) throw notFound('Webhook endpoint');
      const now = this.clock.now();
      const secret = newSigningSecret();
      await this.endpoints.update(id, {
        secretSealed: this.seal.seal(secret),
        previousSecretSealed: endpoint.secretSealed,
        previousSecretExpiresAt: new Date(now.getTime() + ROTATION_GRACE_MS),
        updatedAt: now,
      });
      return { secret };
    });
  }

  /** The merchant's endpoint, or NOT_FOUND. */
  async own(merchantId: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = isOpaqueId(id) ? await this.endpoints.findForMerchant(merchantId, id) : null;
    if (!endpoint) throw notFound('Webhook endpoint');
    return endpoint;
  }

  private async checkUrl(url: string): Promise<void> {
    const problem = await this.policy.problem(url);
    if (problem) throw validationFailed([{ field: 'url', problems: [`url ${problem}`] }]);
  }
}
