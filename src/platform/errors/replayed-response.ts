/** A stored response sent again verbatim (an idempotent replay of a failure). */
export class ReplayedResponse extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super('replayed response');
  }
}
