import { parseReservationId } from '../domain/reservation-id';
import type { AcceptedReservation } from './reservation-writer';

export interface StreamEntry {
  streamId: string;
  /** null when the entry cannot be read (it is acknowledged and logged, never retried forever). */
  reservation: AcceptedReservation | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One entry of a sale's stream, as the PURCHASE script wrote it (flash-scripts.ts): field `d`, seven lines. */
export function toAcceptedReservation(fields: readonly string[]): AcceptedReservation | null {
  if (fields.length !== 2 || fields[0] !== 'd') return null;
  const parts = fields[1].split('\n');
  if (parts.length !== 7) return null;
  const [epochText, reservationId, shopperId, openid, quantityText, acceptedAtText, key] = parts;
  const ids = parseReservationId(reservationId);
  const quantity = Number(quantityText);
  const epoch = Number(epochText);
  const acceptedAtMs = Number(acceptedAtText);
  if (!ids || !UUID.test(shopperId) || openid === '') return null;
  if (!Number.isSafeInteger(quantity) || quantity < 1 || !Number.isSafeInteger(epoch)) return null;
  if (!Number.isSafeInteger(acceptedAtMs)) return null;
  return {
    id: ids.rowId,
    reservationId,
    saleId: ids.saleId,
    shopperId,
    openid,
    quantity,
    epoch,
    idempotencyKey: key === '' ? null : key,
    acceptedAt: new Date(acceptedAtMs),
  };
}

/** The entries of an XREADGROUP / XAUTOCLAIM reply (RESP2 arrays); deleted entries (nil) are skipped. */
export function parseStreamEntries(raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw)) return [];
  const entries: StreamEntry[] = [];
  for (const item of raw) {
    if (!Array.isArray(item) || typeof item[0] !== 'string') continue;
    const fields = Array.isArray(item[1]) ? (item[1] as unknown[]).map(String) : [];
    entries.push({ streamId: item[0], reservation: toAcceptedReservation(fields) });
  }
  return entries;
}

/** The entries of the one stream an XREADGROUP read: RESP2 answers [[name, entries]], RESP3 a map. */
export function firstStream(reply: unknown): unknown {
  if (reply === null || reply === undefined) return [];
  if (Array.isArray(reply)) return Array.isArray(reply[0]) ? (reply[0] as unknown[])[1] : [];
  if (reply instanceof Map) return reply.values().next().value ?? [];
  if (typeof reply === 'object') return Object.values(reply as Record<string, unknown>)[0] ?? [];
  return [];
}
