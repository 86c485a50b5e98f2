export interface HttpResponse<Body = any> {
  status: number;
  body: Body;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as it is, not JSON-encoded (malformed JSON, huge bodies). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  idempotencyKey?: string;
}

/** Real HTTP against the running service (Node's fetch), answers parsed as JSON when they are. */
export class HttpClient {
  constructor(readonly baseUrl: string) {}

  async request<Body = any>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse<Body>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (PNG, HTML docs page): keep the text
    }
    return { status: response.status, body: parsed as Body, headers: response.headers, text };
  }

  get<Body = any>(path: string, options?: RequestOptions) {
    return this.request<Body>('GET', path, options);
  }

  post<Body = any>(path: string, options?: RequestOptions) {
    return this.request<Body>('POST', path, options);
  }
}
