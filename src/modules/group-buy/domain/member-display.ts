/**
 * What other shoppers see of a member: a masked openid, as mini-programs show one (`***a1b2`). At most four
 * trailing characters, and never more than half of the openid, so a short openid is not shown whole.
 */
export function maskedOpenid(openid: string): string {
  const shown = Math.min(4, Math.floor(openid.length / 2));
  return `***${shown > 0 ? openid.slice(-shown) : ''}`;
}
