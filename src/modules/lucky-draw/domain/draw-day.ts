const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, found);
  }
  return found;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Each zone's last answer, by the UTC minute it was for. */
const lastDays = new Map<string, { minute: number; day: string }>();

/**
 * The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone: the unit daily chances are counted in. Zone
 * offsets are whole minutes, so a day never changes within a UTC minute: the answer is reused for the minute (every
 * draw asks, and formatting a date in a zone costs more than the rest of its day arithmetic).
 */
export function dayIn(timeZone: string, instant: Date): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastDays.get(timeZone);
  if (last?.minute === minute) return last.day;
  const parts = formatter(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  lastDays.set(timeZone, { minute, day });
  return day;
}

/** Chances left: the daily allowance plus shares up to the bonus cap, less the draws made. Never negative. */
export function chancesLeft(
  terms: { drawsPerUserPerDay: number; shareBonusDrawsPerDay: number },
  used: number,
  shares: number,
): number {
  return Math.max(0, terms.drawsPerUserPerDay + Math.min(shares, terms.shareBonusDrawsPerDay) - used);
}
