import { Injectable } from '@nestjs/common';
import { RedisClient, sendKeyed } from './redis-client';
import { GateConnection } from './gate-connection';
import { RedisService } from './redis.service';

/** An entry still in its stream this long after it was accepted belongs to an instance that died (or stalled). */
const TAKE_OVER_IDLE_MS = 5_000;
/** Entries taken over per read. */
const TAKE_OVER_BATCH = 500;

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
  constructor(
    private readonly redis: RedisService,
    private readonly gate: GateConnection,
  ) {}

  /**
   * Writes what an instance that died (or stalled) left in a stream: entries TAKE_OVER_IDLE_MS old, oldest first, a
   * batch at a time, parsed (an unreadable one is dropped; `dropped` hears how many a batch had), written by `write`
   * (idempotently, resolving with how many it wrote), then deleted. Resolves with the sum of what `write` wrote.
   */
  async takeOver<T>(
    stream: string,
    parse: (streamId: string, data: string) => T | null,
    write: (accepted: T[]) => Promise<number>,
    dropped: (count: number) => void,
  ): Promise<number> {
    let taken = 0;
    for (;;) {
      const entries = await this.idleEntries(stream, TAKE_OVER_IDLE_MS, TAKE_OVER_BATCH);
      if (entries.length === 0) return taken;
      const accepted = entries
        .map((entry) => parse(entry.streamId, entry.data))
        .filter((one): one is T => one !== null);
      if (accepted.length < entries.length) dropped(entries.length - accepted.length);
      if (accepted.length > 0) taken += await write(accepted);
      await this.forget(
        stream,
        entries.map((entry) => entry.streamId),
      );
      if (entries.length < TAKE_OVER_BATCH) return taken;
    }
  }

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

  /** Committed (or dropped): gone from the stream. On the hot paths' connection, with the scripts that append. */
  async forget(stream: string, streamIds: readonly string[]): Promise<void> {
    if (streamIds.length > 0) await this.gate.send(stream, ['XDEL', stream, ...streamIds]);
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
