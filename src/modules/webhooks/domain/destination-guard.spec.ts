import { isPrivateAddress, urlProblem } from './destination-guard';

describe('webhook destination guard', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '[::1]',
    '::7f00:1',
    '::ffff:0:7f00:1',
    'fec0::1',
    '64:ff9b::a00:1',
    '64:ff9b:1::a00:1',
    '2002:7f00:1::1',
    '2002:808:808::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '::ffff:8.8.8.8',
  ])('refuses %s', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e'])(
    'lets %s through',
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );

  it('wants https, no credentials and no private literal unless private destinations are allowed', () => {
    expect(urlProblem('http://example.com/hook', false)).toBe('must use https');
    expect(urlProblem('https://user:pw@example.com/hook', false)).toBe('must not carry credentials');
    expect(urlProblem('https://10.0.0.1/hook', false)).toMatch(/private/);
    expect(urlProblem('https://[::ffff:127.0.0.1]/hook', false)).toMatch(/private/);
    expect(urlProblem('https://[::127.0.0.1]/hook', false)).toMatch(/private/);
    // WHATWG URL parsing turns decimal, octal and hex IPv4 literals into dotted form before the check.
    for (const literal of ['2130706433', '0177.0.0.1', '0x7f.1', '017700000001', '127.1']) {
      expect(urlProblem(`https://${literal}/hook`, false)).toMatch(/private/);
    }
    expect(urlProblem('ftp://example.com/', true)).toBe('must use https');
    expect(urlProblem('https://example.com/hook', false)).toBeNull();
    expect(urlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
  });
});
