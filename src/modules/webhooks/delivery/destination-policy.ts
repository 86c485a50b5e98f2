import { Inject, Injectable } from '@nestjs/common';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { RUNTIME, Runtime } from '../../../platform/runtime/runtime';
import { isPrivateAddress, urlProblem } from '../domain/destination-guard';
import { DestinationResolver, ResolvedAddress } from './destination-resolver';

export class DestinationRefused extends Error {}

/**
 * The SSRF guard of API.md: unless WEBHOOK_ALLOW_PRIVATE_URLS, a URL must be https and every address its name
 * resolves to must be public. Checked at registration (`problem`) and again when sending (`lookup`): the socket
 * connects to the very address that was checked, so a name that resolves elsewhere later (DNS rebinding) gains
 * nothing.
 */
@Injectable()
export class DestinationPolicy {
  readonly allowPrivate: boolean;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly resolver: DestinationResolver,
  ) {
    this.allowPrivate = runtime.config.webhookAllowPrivateUrls;
  }

  /** Why a URL may not be registered, or null. */
  async problem(url: string): Promise<string | null> {
    const onItsFace = urlProblem(url, this.allowPrivate);
    if (onItsFace || this.allowPrivate) return onItsFace;
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0) return null;
    try {
      await this.checkedAddresses(host);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** For http(s).request: resolves through the guard and hands the socket only addresses that passed it. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.checkedAddresses(hostname).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };

  private async checkedAddresses(hostname: string): Promise<ResolvedAddress[]> {
    let addresses: ResolvedAddress[];
    try {
      addresses = await this.resolver.resolve(hostname);
    } catch {
      throw new DestinationRefused(`${hostname} does not resolve`);
    }
    if (addresses.length === 0) throw new DestinationRefused(`${hostname} does not resolve`);
    if (!this.allowPrivate && addresses.some((entry) => isPrivateAddress(entry.address))) {
      throw new DestinationRefused(`${hostname} resolves to a loopback, private or link-local address`);
    }
    return addresses;
  }
}
