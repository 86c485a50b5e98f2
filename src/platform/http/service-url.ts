import { Injectable } from '@nestjs/common';

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
