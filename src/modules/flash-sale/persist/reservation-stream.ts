import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { RedisClient, sendKeyed } from '../../../platform/redis/redis-client';
import { RedisService } from '../../../platform/redis/redis.service';
import { PERSIST_GROUP, SaleKeys, saleKeys } from '../gate/flash-keys';
import { firstStream, parseStreamEntries, StreamEntry } from './stream-entries';

/** Entries read or taken over per call, and so the largest batch written in one transaction. */
export const BATCH = 500;

/**
 * A sale's stream of accepted reservations as this instance's consumer of the `persist` group sees it: new
 * entries (XREADGROUP), entries idle in other consumers (XAUTOCLAIM), and the acknowledgement of written ones.
 * Raw commands are routed by the stream's key (its sale's hash tag) in cluster mode.
 */
@Injectable()
export class ReservationStream {
  /** This instance's consumer in the group: host, pid and a random part (two apps in one process differ). */
  readonly consumer = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(private readonly redis: RedisService) {}

  /** Up to BATCH entries never delivered to any consumer, without waiting for more. */
  async readNew(saleId: string): Promise<StreamEntry[]> {
    const { stream } = this.keysOf(saleId);
    try {
      const reply = await sendKeyed(this.client(), stream, [
        'XREADGROUP',
        'GROUP',
        PERSIST_GROUP,
        this.consumer,
        'COUNT',
        String(BATCH),
        'STREAMS',
        stream,
        '>',
      ]);
      return parseStreamEntries(firstStream(reply));
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('NOGROUP')) {
        await this.recreateGroup(stream);
        return [];
      }
      throw error;
    }
  }

  /**
   * Takes over up to BATCH entries that other consumers read and left unacknowledged for `minIdleMs`, from
   * `start`; `next` is where the following call goes on ('0-0' once the whole stream was scanned).
   */
  async claimIdle(saleId: string, minIdleMs: number, start: string): Promise<{ entries: StreamEntry[]; next: string }> {
    const { stream } = this.keysOf(saleId);
    try {
      const reply = await sendKeyed<[string, unknown, unknown]>(this.client(), stream, [
        'XAUTOCLAIM',
        stream,
        PERSIST_GROUP,
        this.consumer,
        String(minIdleMs),
        start,
        'COUNT',
        String(BATCH),
      ]);
      return { entries: parseStreamEntries(reply[1]), next: reply[0] };
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('NOGROUP')) return { entries: [], next: '0-0' };
      throw error;
    }
  }

  /** Written: acknowledged, deleted from the stream, and no longer pending for the shopper's status. */
  async acknowledge(saleId: string, streamIds: string[], reservationIds: string[]): Promise<void> {
    if (streamIds.length === 0) return;
    const keys = this.keysOf(saleId);
    const client = this.client();
    await Promise.all([
      sendKeyed(client, keys.stream, ['XACK', keys.stream, PERSIST_GROUP, ...streamIds]),
      sendKeyed(client, keys.stream, ['XDEL', keys.stream, ...streamIds]),
      reservationIds.length > 0 ? client.hDel(keys.pending, reservationIds) : Promise.resolve(0),
    ]);
  }

  /**
   * The sale's entries not persisted yet (written ones are deleted from the stream, so its length) and those a
   * consumer read without acknowledging them yet; a stream without its group has none pending.
   */
  async backlog(saleId: string): Promise<{ entries: number; pending: number }> {
    const { stream } = this.keysOf(saleId);
    const client = this.client();
    const [entries, pending] = await Promise.all([
      sendKeyed<number>(client, stream, ['XLEN', stream]),
      sendKeyed<[number, ...unknown[]]>(client, stream, ['XPENDING', stream, PERSIST_GROUP]).then(
        (summary) => Number(summary[0]),
        (error: Error) => {
          if (error.message.startsWith('NOGROUP')) return 0;
          throw error;
        },
      ),
    ]);
    return { entries: Number(entries), pending };
  }

  /** A stream that exists without its group (deleted and re-created by a purchase): the group is made again. */
  private async recreateGroup(stream: string): Promise<void> {
    const client = this.client();
    if ((await client.exists(stream)) === 0) return;
    try {
      await sendKeyed(client, stream, ['XGROUP', 'CREATE', stream, PERSIST_GROUP, '0']);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    }
  }

  private keysOf(saleId: string): SaleKeys {
    return saleKeys(this.redis.key(), saleId);
  }

  private client(): RedisClient {
    if (!this.redis.client) throw new Error('persisting reservations needs REDIS_URL');
    return this.redis.client;
  }
}
