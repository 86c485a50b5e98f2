import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedNotification {
  headers: IncomingHttpHeaders;
  /** The exact bytes received, as UTF-8. */
  body: string;
}

/**
 * A stand-in merchant notify URL on 127.0.0.1: records every request and answers with the next queued status
 * (200 once the queue is empty). `hang` makes it never answer, to exercise the sender's timeout.
 */
export class NotifyReceiver {
  readonly received: ReceivedNotification[] = [];
  private readonly statuses: number[] = [];
  private hang = false;
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (this.hang) return;
        const status = this.statuses.shift() ?? 200;
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(status < 300 ? '' : JSON.stringify({ code: 'FAIL', message: '失败' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/notify`;
    return this;
  }

  /** The next answers, in order; then 200 again. */
  answer(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  neverAnswer(hang = true): void {
    this.hang = hang;
  }

  reset(): void {
    this.received.length = 0;
    this.statuses.length = 0;
    this.hang = false;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
