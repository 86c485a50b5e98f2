/**
 * The replies a connection owes, and whether it has stalled: owing for `stallMs` without one settling, counted
 * from the later of the last reply and the moment it began owing. Counting from the last reply alone would call
 * a connection that sat idle and then took a burst (a sale's first second) stalled at the first look.
 */
export class OwedReplies {
  private owed = 0;
  private progressAt: number;

  constructor(
    private readonly stallMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.progressAt = now();
  }

  /** Counts one more reply owed until `reply` settles. */
  owe(reply: Promise<unknown>): void {
    if (this.owed++ === 0) this.progressAt = this.now();
    reply.then(this.settled, this.settled);
  }

  get count(): number {
    return this.owed;
  }

  stalled(): boolean {
    return this.owed > 0 && this.now() - this.progressAt >= this.stallMs;
  }

  private readonly settled = (): void => {
    this.owed--;
    this.progressAt = this.now();
  };
}
