import { Injectable } from '@nestjs/common';
import type { AddressInfo } from 'node:net';

/** Where this instance listens, known once it does (main.ts and the tests set it after `listen`). */
@Injectable()
export class ServiceUrl {
  private base: string | null = null;

  set(url: string): void {
    this.base = url.replace(/\/$/, '');
  }

  /** The base URL, or null before the server listens. */
  get(): string | null {
    return this.base;
  }
}

const EVERY_INTERFACE = new Set(['0.0.0.0', '::']);

/** The address a server is bound to, as a URL and as bound: `http://0.0.0.0:3000` when it listens everywhere. */
export function boundUrl(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Where this host reaches that server: a server bound to every interface is called on loopback. */
export function reachableUrl(address: AddressInfo): string {
  return EVERY_INTERFACE.has(address.address) ? `http://127.0.0.1:${address.port}` : boundUrl(address);
}
