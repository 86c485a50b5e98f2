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
  ])('refuses %s', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('lets %s through', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );

  it('wants https, no credentials and no private literal unless private destinations are allowed', () => {
    expect(urlProblem('http://example.com/hook', false)).toBe('must use https');
    expect(urlProblem('https://user:pw@example.com/hook', false)).toBe('must not carry credentials');
    expect(urlProblem('https://10.0.0.1/hook', false)).toMatch(/private/);
    expect(urlProblem('https://[::ffff:127.0.0.1]/hook', false)).toMatch(/private/);
    expect(urlProblem('ftp://example.com/', true)).toBe('must use https');
    expect(urlProblem('https://example.com/hook', false)).toBeNull();
    expect(urlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
  });
});
