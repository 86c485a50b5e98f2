/** A stored response sent again verbatim: its status and the JSON text first sent. */
export class ReplayedResponse extends Error {
  constructor(
    readonly status: number,
    readonly json: string,
  ) {
    super('replayed response');
  }
}

/** What Fastify labels the JSON it serializes; a stored response is sent under the same label. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
