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

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone: the unit daily chances are counted in. */
export function dayIn(timeZone: string, instant: Date): string {
  const parts = formatter(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Chances left: the daily allowance plus shares up to the bonus cap, less the draws made. Never negative. */
export function chancesLeft(
  terms: { drawsPerUserPerDay: number; shareBonusDrawsPerDay: number },
  used: number,
  shares: number,
): number {
  return Math.max(0, terms.drawsPerUserPerDay + Math.min(shares, terms.shareBonusDrawsPerDay) - used);
}
