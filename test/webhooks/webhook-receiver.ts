import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { TestApp } from '../support/test-app';
import type { TestMerchant } from '../support/fixtures';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  /** Real time it arrived (ms): only for measuring delays, never asserted as a time. */
  arrivedAt: number;
}

/**
 * What the receiver does with the nth request (0-based): answer a status (with a Location), never answer, or
 * answer once told.
 */
export type Answer = number | { status: number; location: string } | 'hang' | Promise<number>;

/** A real HTTP receiver on loopback, as a merchant's ERP would run one; records what arrives. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private server!: Server;
  url = '';

  constructor(private answer: (index: number) => Answer = () => 200) {}

  static async start(answer?: (index: number) => Answer): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(answer);
    await receiver.listen();
    return receiver;
  }

  answerWith(answer: (index: number) => Answer): void {
    this.answer = answer;
  }

  private listen(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const index = this.received.length;
        this.received.push({ headers: request.headers, body, json: JSON.parse(body), arrivedAt: Date.now() });
        const answer = this.answer(index);
        if (typeof answer === 'number') {
          response.writeHead(answer).end();
          return;
        }
        if (answer !== 'hang' && 'location' in answer) {
          response.writeHead(answer.status, { location: answer.location }).end();
          return;
        }
        this.hanging.add(response);
        if (answer !== 'hang') void answer.then((status) => response.writeHead(status).end());
      });
    });
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
        resolve();
      }),
    );
  }

  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((hook) => hook.json.type === type);
  }

  /** Waits (real time, on the condition) until `count` webhooks matching arrived; returns them. */
  async waitFor(count: number, match: (hook: ReceivedWebhook) => boolean = () => true, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.filter(match);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(`${found.length} of ${count} webhooks arrived: ${this.received.map((h) => h.json.type)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Verifies a received webhook with the standardwebhooks package; returns the parsed payload or throws. */
export function verify(secret: string, hook: { headers: IncomingHttpHeaders; body: string }): unknown {
  return new Webhook(secret).verify(hook.body, {
    'webhook-id': String(hook.headers['webhook-id']),
    'webhook-timestamp': String(hook.headers['webhook-timestamp']),
    'webhook-signature': String(hook.headers['webhook-signature']),
  });
}

/**
 * Whether the secret signed the webhook, by the standardwebhooks package's own signing, whatever the timestamp
 * (for tests that move the service clock away from real time, where `verify` refuses the timestamp).
 */
export function signedBy(secret: string, hook: { headers: IncomingHttpHeaders; body: string }): boolean {
  const id = String(hook.headers['webhook-id']);
  const timestamp = new Date(Number(hook.headers['webhook-timestamp']) * 1000);
  const expected = new Webhook(secret).sign(id, timestamp, hook.body);
  return String(hook.headers['webhook-signature']).split(' ').includes(expected);
}

export async function createEndpoint(
  app: TestApp,
  merchant: TestMerchant,
  url: string,
  events: string[] = ['*'],
): Promise<{ id: string; secret: string }> {
  const response = await app.http.post('/v1/merchant/webhook-endpoints', {
    token: merchant.apiKey,
    body: { url, events },
  });
  if (response.status !== 201) throw new Error(`creating an endpoint: ${response.status} ${response.text}`);
  return response.body;
}

export async function deliveriesOf(app: TestApp, merchant: TestMerchant, endpointId: string, query = '') {
  const response = await app.http.get(`/v1/merchant/webhook-endpoints/${endpointId}/deliveries${query}`, {
    token: merchant.apiKey,
  });
  if (response.status !== 200) throw new Error(`listing deliveries: ${response.status} ${response.text}`);
  return response.body.items as any[];
}
