/** A claim the gate accepted, as its stream entry records it. */
export interface AcceptedClaim {
  /** The coupon's id, chosen before the gate call. */
  couponId: string;
  shopperId: string;
  /** Gate generation that accepted it. */
  epoch: number;
  acceptedAt: Date;
  /** Its entry in the template's stream. */
  streamId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An entry as the CLAIM script wrote it (four lines); null when it cannot be read. */
export function parseClaimEntry(streamId: string, data: string): AcceptedClaim | null {
  const parts = data.split('\n');
  if (parts.length !== 4) return null;
  const [epochText, couponId, shopperId, acceptedAtText] = parts;
  const epoch = Number(epochText);
  const acceptedAtMs = Number(acceptedAtText);
  if (!UUID.test(couponId) || !UUID.test(shopperId)) return null;
  if (!Number.isSafeInteger(epoch) || !Number.isSafeInteger(acceptedAtMs)) return null;
  return { couponId, shopperId, epoch, acceptedAt: new Date(acceptedAtMs), streamId };
}
