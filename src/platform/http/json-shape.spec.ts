import fc from 'fast-check';
import { JSON_SHAPE_LIMITS, jsonShapeProblem } from './json-shape';

// What the scanner must tell apart inside strings: quotes, escapes, brackets, commas and the NUL escape's letters.
const TRICKY_CHARACTERS = fc.constantFrom('a', '"', '\\', ',', '[', ']', '{', '}', 'u', '0', '\u0000', '\u00e9');
const problemOf = (json: string) => jsonShapeProblem(Buffer.from(json, 'utf8'));
const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);
const object = (keys: number) =>
  JSON.stringify(Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i])));
const array = (items: number) => JSON.stringify(Array.from({ length: items }, (_, i) => i));

describe('the shape of a JSON body, checked before it is parsed', () => {
  it('lets ordinary bodies through', () => {
    for (const json of ['{}', '[]', '"text"', '12', 'null', '{"items":[{"productId":"a","quantity":1}]}']) {
      expect(problemOf(json)).toBeNull();
    }
  });

  it('allows nesting up to the bound, and refuses one level more, of arrays and objects alike', () => {
    expect(problemOf(nested(JSON_SHAPE_LIMITS.maxDepth))).toBeNull();
    expect(problemOf(nested(JSON_SHAPE_LIMITS.maxDepth + 1))).toMatch(/nest more than 32 deep/);
    expect(problemOf('{"a":'.repeat(33) + '1' + '}'.repeat(33))).toMatch(/nest more than 32 deep/);
    expect(problemOf(nested(5000))).toMatch(/nest more than 32 deep/);
  });

  it('counts depth, not containers met one after another', () => {
    expect(problemOf(`[${Array.from({ length: 200 }, () => nested(30)).join(',')}]`)).toBeNull();
  });

  it('allows as many keys or items as the bound in one object or array, and refuses one more', () => {
    expect(problemOf(object(JSON_SHAPE_LIMITS.maxEntries))).toBeNull();
    expect(problemOf(array(JSON_SHAPE_LIMITS.maxEntries))).toBeNull();
    expect(problemOf(object(JSON_SHAPE_LIMITS.maxEntries + 1))).toMatch(/more than 1000 keys or items/);
    expect(problemOf(`{"a":{"b":${array(JSON_SHAPE_LIMITS.maxEntries + 1)}}}`)).toMatch(/more than 1000 keys/);
  });

  it('bounds the whole body, however its entries are spread', () => {
    const wide = (containers: number) => `[${Array.from({ length: containers }, () => array(99)).join(',')}]`;
    expect(problemOf(wide(90))).toBeNull();
    expect(problemOf(wide(200))).toMatch(/more than 10000 keys, items and nested values/);
  });

  it('ignores commas and brackets inside strings, escaped quotes included', () => {
    expect(problemOf(JSON.stringify({ text: ',[{'.repeat(5000) }))).toBeNull();
    expect(problemOf(JSON.stringify({ text: '\\"[[[['.repeat(50) }))).toBeNull();
  });

  it('refuses a NUL character in any string, key or value, and nothing that only looks like one', () => {
    expect(problemOf(JSON.stringify({ name: 'tea\u0000' }))).toMatch(/NUL/);
    expect(problemOf(JSON.stringify({ 'k\u0000': 1 }))).toMatch(/NUL/);
    expect(problemOf(JSON.stringify({ deep: [[{ note: '\u0000' }]] }))).toMatch(/NUL/);
    expect(problemOf(JSON.stringify({ name: '\\u0000 is how JSON writes NUL' }))).toBeNull();
    expect(problemOf(JSON.stringify({ name: 'u0000' }))).toBeNull();
    expect(problemOf(JSON.stringify({ name: '\u0001\u00a0' }))).toBeNull();
  });

  it('finds the same entry counts as a parse would, on any JSON value', () => {
    const measure = (value: unknown): { depth: number; widest: number; nul: boolean } => {
      let depth = 0;
      let widest = 0;
      let nul = false;
      const stack: Array<[unknown, number]> = [[value, 0]];
      while (stack.length > 0) {
        const [current, level] = stack.pop()!;
        if (typeof current === 'string') nul ||= current.includes('\u0000');
        if (typeof current !== 'object' || current === null) continue;
        if (!Array.isArray(current)) nul ||= Object.keys(current).some((key) => key.includes('\u0000'));
        const children = Array.isArray(current) ? current : Object.values(current);
        depth = Math.max(depth, level + 1);
        widest = Math.max(widest, children.length);
        for (const child of children) stack.push([child, level + 1]);
      }
      return { depth, widest, nul };
    };
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 5, stringUnit: TRICKY_CHARACTERS }),
        fc.integer({ min: 1, max: 8 }),
        (value, maxEntries) => {
          const limits = { maxDepth: 4, maxEntries, maxTotalEntries: 1_000_000 };
          const { depth, widest, nul } = measure(value);
          const problem = jsonShapeProblem(Buffer.from(JSON.stringify(value)), limits);
          expect(problem !== null).toBe(depth > limits.maxDepth || widest > maxEntries || nul);
        },
      ),
      { numRuns: 200 },
    );
  });
});
