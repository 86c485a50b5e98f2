/** A draw the gate accepted, as its stream entry records it. */
export interface AcceptedDraw {
  drawId: string;
  shopperId: string;
  openid: string;
  /** `YYYY-MM-DD` in the campaign's time zone. */
  day: string;
  pickedPrizeId: string;
  /** Gate generation that accepted it. */
  epoch: number;
  acceptedAt: Date;
  /** The picked prize's unit was taken (or it is unlimited); false: out of stock, a miss. */
  inStock: boolean;
  /** Its entry in the campaign's stream. */
  streamId: string;
  /** Its proof, when the instance that accepted it has it at hand (else made again from the id: drawRandom). */
  random?: Buffer;
}

/** The entry text the DRAW script appends (it adds the in-stock line). */
export function drawEntryText(draw: Omit<AcceptedDraw, 'inStock' | 'streamId'>): string {
  return [
    draw.epoch,
    draw.drawId,
    draw.shopperId,
    draw.openid,
    draw.day,
    draw.pickedPrizeId,
    draw.acceptedAt.getTime(),
  ].join('\n');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An entry as the DRAW script wrote it (eight lines); null when it cannot be read. */
export function parseDrawEntry(streamId: string, data: string): AcceptedDraw | null {
  const parts = data.split('\n');
  if (parts.length !== 8) return null;
  const [epochText, drawId, shopperId, openid, day, pickedPrizeId, acceptedAtText, inStock] = parts;
  const epoch = Number(epochText);
  const acceptedAtMs = Number(acceptedAtText);
  if (!UUID.test(drawId) || !UUID.test(shopperId) || !UUID.test(pickedPrizeId) || openid === '') return null;
  if (!DAY.test(day) || !Number.isSafeInteger(epoch) || !Number.isSafeInteger(acceptedAtMs)) return null;
  if (inStock !== '0' && inStock !== '1') return null;
  const acceptedAt = new Date(acceptedAtMs);
  return { drawId, shopperId, openid, day, pickedPrizeId, epoch, acceptedAt, inStock: inStock === '1', streamId };
}
