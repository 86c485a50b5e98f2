/**
 * The most a JSON body may hold, checked on its bytes before it is parsed: what validation later walks (key by key,
 * recursively) stays small, and no input is deep enough to exhaust a stack. The largest body a route accepts holds
 * a few hundred values (a lucky draw's 50 prizes, a rule's 200 product ids), nested 3 deep.
 */
export const JSON_SHAPE_LIMITS = {
  /** Objects and arrays inside one another. */
  maxDepth: 32,
  /** Keys of one object, or items of one array. */
  maxEntries: 1000,
  /** Keys, items and containers in the whole body. */
  maxTotalEntries: 10_000,
};

export type JsonShapeLimits = typeof JSON_SHAPE_LIMITS;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const LETTER_U = 0x75;
const DIGIT_ZERO = 0x30;

/** `\u0000` starting at `index` (the `u` after a backslash). */
const isEscapedNul = (text: Uint8Array, index: number): boolean =>
  text[index] === LETTER_U &&
  text[index + 1] === DIGIT_ZERO &&
  text[index + 2] === DIGIT_ZERO &&
  text[index + 3] === DIGIT_ZERO &&
  text[index + 4] === DIGIT_ZERO;

/**
 * What makes a JSON text too big to validate, or unstorable, found in one pass over its bytes with no recursion and
 * no allocation beyond one counter per level; null when nothing. It stops at the first problem, so a refused body
 * costs at most one read of its bytes. A NUL character (`\u0000`, the only way JSON can carry one) is refused in
 * any string: PostgreSQL cannot store it in text. Whether the text is well-formed JSON is left to the parser: the
 * counts are exact for well-formed text and merely bounded for any other, which the parser then refuses.
 */
export function jsonShapeProblem(text: Uint8Array, limits: JsonShapeLimits = JSON_SHAPE_LIMITS): string | null {
  // entries[d]: the commas met so far directly inside the open container at depth d (its entries are one more).
  const entries = new Uint32Array(limits.maxDepth + 1);
  let depth = 0;
  let total = 0;
  for (let index = 0; index < text.length; index++) {
    const byte = text[index];
    if (byte === QUOTE) {
      for (index++; index < text.length && text[index] !== QUOTE; index++) {
        if (text[index] !== BACKSLASH) continue;
        index++;
        if (isEscapedNul(text, index)) return 'text must not contain NUL characters (\\u0000)';
      }
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (depth === limits.maxDepth) return `objects and arrays must not nest more than ${limits.maxDepth} deep`;
      depth++;
      entries[depth] = 0;
      if (++total > limits.maxTotalEntries) return tooMany(limits);
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (depth > 0) depth--;
    } else if (byte === COMMA && depth > 0) {
      if (++entries[depth] >= limits.maxEntries) {
        return `an object or array must not hold more than ${limits.maxEntries} keys or items`;
      }
      if (++total > limits.maxTotalEntries) return tooMany(limits);
    }
  }
  return null;
}

const tooMany = (limits: JsonShapeLimits) =>
  `the body must not hold more than ${limits.maxTotalEntries} keys, items and nested values in all`;
