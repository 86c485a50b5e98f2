/** A batch of the expiry sweep failed and was rolled back: which rooms it had claimed, and why. */
export class RoomSweepError extends Error {
  constructor(
    readonly roomIds: string[],
    override readonly cause: unknown,
  ) {
    super(`settling ${roomIds.length} group room(s) failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RoomSweepError';
  }
}
