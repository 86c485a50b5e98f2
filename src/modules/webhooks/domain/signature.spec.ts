import { Webhook } from 'standardwebhooks';
import { newSigningSecret, signatureHeader } from './signature';

describe('Standard Webhooks signature', () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'order.paid', data: { totalFen: 100 } });
  const now = Math.floor(Date.now() / 1000);
  const headers = (signature: string) => ({
    'webhook-id': 'evt_1',
    'webhook-timestamp': String(now),
    'webhook-signature': signature,
  });

  it('is what the standardwebhooks package computes and verifies, for either of two secrets', () => {
    const [current, previous] = [newSigningSecret(), newSigningSecret()];
    expect(current).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(signatureHeader([current], 'evt_1', now, body)).toBe(
      new Webhook(current).sign('evt_1', new Date(now * 1000), body),
    );
    const both = signatureHeader([current, previous], 'evt_1', now, body);
    expect(both.split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers(both))).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers(both))).toEqual(JSON.parse(body));
    expect(() => new Webhook(newSigningSecret()).verify(body, headers(both))).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, headers(both))).toThrow();
  });
});
