import { Injectable } from '@nestjs/common';
import { RedisClient, sendKeyed } from './redis-client';
import { RedisService } from './redis.service';

/** One entry of a stream whose entries carry one field, `d` (a hot path's decided attempt). */
export interface StreamedEntry {
  streamId: string;
  data: string;
}

/**
 * The streams a hot path's Lua script appends its accepted attempts to (coupon claims, lucky draws): the accepting
 * instance writes them to Postgres itself (GroupCommit) and deletes them once committed, so what stays longer was
 * accepted by an instance that died or stalled before its commit, and is taken over by another (idempotently).
 */
@Injectable()
export class EntryStreams {
  constructor(private readonly redis: RedisService) {}

  /** Entries appended more than `idleMs` ago (by Redis's clock, which numbers them), oldest first. */
  async idleEntries(stream: string, idleMs: number, count: number): Promise<StreamedEntry[]> {
    const client = this.client();
    // The clock of the node holding the stream, which numbered its entries.
    const [seconds, micros] = await sendKeyed<[string, string]>(client, stream, ['TIME']);
    const before = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) - idleMs;
    if (before <= 0) return [];
    const reply = await sendKeyed(client, stream, ['XRANGE', stream, '-', String(before), 'COUNT', String(count)]);
    return parseEntries(reply);
  }

  /** Entries not written yet: accepted and waiting for their group commit, or left by an instance that died. */
  length(stream: string): Promise<number> {
    return sendKeyed<number>(this.client(), stream, ['XLEN', stream]);
  }

  /** Committed (or dropped): gone from the stream. */
  async forget(stream: string, streamIds: readonly string[]): Promise<void> {
    if (streamIds.length > 0) await sendKeyed(this.client(), stream, ['XDEL', stream, ...streamIds]);
  }

  private client(): RedisClient {
    if (!this.redis.client) throw new Error('streams need REDIS_URL');
    return this.redis.client;
  }
}

/** XRANGE's reply (RESP2 arrays of [id, [field, value]]); entries without a `d` field are skipped. */
function parseEntries(raw: unknown): StreamedEntry[] {
  if (!Array.isArray(raw)) return [];
  const entries: StreamedEntry[] = [];
  for (const item of raw) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !Array.isArray(item[1])) continue;
    const fields = (item[1] as unknown[]).map(String);
    if (fields.length === 2 && fields[0] === 'd') entries.push({ streamId: item[0], data: fields[1] });
  }
  return entries;
}
