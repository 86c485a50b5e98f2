import { timeOrderedUuid } from '../../../platform/ids/time-ordered-uuid';

const RESERVATION_ID = /^([0-9a-f]{32})([0-9a-f]{32})$/;

const hex = (uuid: string): string => uuid.replace(/-/g, '');

const dashed = (h: string): string =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;

/**
 * A reservation's id as the shopper sees it: 64 hex characters, its sale's id then its row's. Opaque to clients,
 * but carrying the sale lets a reservation that the gate accepted and nobody has persisted yet be found under
 * that sale's keys.
 */
export function newReservationId(saleId: string): string {
  return publicReservationId(saleId, timeOrderedUuid());
}

export const publicReservationId = (saleId: string, rowId: string): string => hex(saleId) + hex(rowId);

/** The sale and the row a reservation id names, or null when it is not one of ours. */
export function parseReservationId(reservationId: unknown): { saleId: string; rowId: string } | null {
  if (typeof reservationId !== 'string') return null;
  const match = RESERVATION_ID.exec(reservationId);
  return match ? { saleId: dashed(match[1]), rowId: dashed(match[2]) } : null;
}

/**
 * The order of a reservation is the reservation row's own id: persisting one reservation twice makes one order
 * (what platform/ids/id-from-key.ts does for other events, without hashing 10,000 ids a second), and the order's
 * events lead back to its reservation by primary key.
 */
export const orderIdFor = (rowId: string): string => rowId;
