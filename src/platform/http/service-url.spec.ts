import { boundUrl, reachableUrl } from './service-url';

describe('the listening address', () => {
  it('is printed as bound: every interface stays 0.0.0.0 (or [::]), a given host stays that host', () => {
    expect(boundUrl({ address: '0.0.0.0', family: 'IPv4', port: 3000 })).toBe('http://0.0.0.0:3000');
    expect(boundUrl({ address: '::', family: 'IPv6', port: 3000 })).toBe('http://[::]:3000');
    expect(boundUrl({ address: '10.0.0.7', family: 'IPv4', port: 8080 })).toBe('http://10.0.0.7:8080');
    expect(boundUrl({ address: '::1', family: 'IPv6', port: 80 })).toBe('http://[::1]:80');
  });

  it('is reached on loopback when bound to every interface, at its own address otherwise', () => {
    expect(reachableUrl({ address: '0.0.0.0', family: 'IPv4', port: 3000 })).toBe('http://127.0.0.1:3000');
    expect(reachableUrl({ address: '::', family: 'IPv6', port: 3000 })).toBe('http://127.0.0.1:3000');
    expect(reachableUrl({ address: '127.0.0.1', family: 'IPv4', port: 4000 })).toBe('http://127.0.0.1:4000');
  });
});
