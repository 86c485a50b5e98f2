/**
 * Money crosses the API as integer fen and is entered and shown in yuan. The conversion works on the decimal
 * string, never through a float, so "19.99" is 1999 and not 1998.9999.
 */
const YUAN = /^(\d+)(?:\.(\d{1,2}))?$/;

/** Fen for a yuan amount typed by a person ("19.99", "0.1", " 5 "); null for anything else (3 decimals, negatives, junk). */
export function parseYuan(text: string): number | null {
  const match = YUAN.exec(text.trim());
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Yuan with two decimals for integer fen: 1999 -> "19.99", -5 -> "-0.05". */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** For display: "¥1,234.56" (digit groups of three). */
export function displayYuan(fen: number): string {
  const [whole, fraction] = formatFen(fen).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return grouped.startsWith('-') ? `-¥${grouped.slice(1)}.${fraction}` : `¥${grouped}.${fraction}`;
}
