import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { RUNTIME, Runtime } from '../../../platform/runtime/runtime';
import { urlProblem } from '../domain/destination-guard';
import { DestinationPolicy, DestinationRefused } from './destination-policy';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** How a receiver answered: its status, or why there was no answer. */
export type SendOutcome = { statusCode: number } | { error: string };

/**
 * One POST to a receiver, with node:http(s) directly: names resolve through the destination guard (the socket
 * connects to the checked address), redirects are answers like any other (never followed), and the whole exchange
 * has WEBHOOK_TIMEOUT_MS. Keep-alive agents reuse connections already checked.
 */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  private readonly timeoutMs: number;
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly policy: DestinationPolicy,
  ) {
    this.timeoutMs = runtime.config.webhookTimeoutMs;
    const options = { keepAlive: true, lookup: policy.lookup };
    this.httpAgent = new HttpAgent(options);
    this.httpsAgent = new HttpsAgent(options);
  }

  onApplicationShutdown(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  send(request: WebhookRequest): Promise<SendOutcome> {
    const problem = urlProblem(request.url, this.policy.allowPrivate);
    if (problem) return Promise.resolve({ error: `refused: URL ${problem}` });
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    return new Promise<SendOutcome>((resolve) => {
      const outgoing = (secure ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent: secure ? this.httpsAgent : this.httpAgent,
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(request.body)),
          'user-agent': 'Engage-Webhooks/1',
        },
      });
      const timer = setTimeout(
        () => outgoing.destroy(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      outgoing.on('response', (response) => {
        // The answer's body means nothing to us: drain it so the connection can be reused.
        response.resume();
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ statusCode: response.statusCode ?? 0 });
        });
        response.on('error', (error) => {
          clearTimeout(timer);
          resolve({ error: error.message });
        });
      });
      outgoing.on('error', (error) => {
        clearTimeout(timer);
        resolve({ error: error instanceof DestinationRefused ? `refused: ${error.message}` : error.message });
      });
      outgoing.end(request.body);
    });
  }
}
