import fc from 'fast-check';
import { canonicalJson, requestFingerprint } from './fingerprint';

describe('request fingerprint', () => {
  it('ignores key order, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it('tells apart method, path and body', () => {
    const base = requestFingerprint('POST', '/v1/orders', { a: 1 });
    expect(requestFingerprint('PUT', '/v1/orders', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/orders/x', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/orders', { a: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/orders', { a: '1' })).not.toBe(base);
  });

  it('canonical JSON parses back to the value JSON carries', () => {
    // Compared with JSON's own round trip: JSON has no -0 (fast-check's jsonValue generates it; both write 0).
    fc.assert(
      fc.property(fc.jsonValue(), (value) =>
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value))),
      ),
    );
  });
});
