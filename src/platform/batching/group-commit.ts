interface Waiting<Item, Outcome> {
  item: Item;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
}

interface Queue<Item, Outcome> {
  waiting: Array<Waiting<Item, Outcome>>;
  writing: boolean;
}

/**
 * Group commit: items handed in under one key (a campaign) are written together, one write at a time per key.
 * While a write runs, the items that arrive wait and go in the next one, so a stampede makes few large
 * transactions and a lone item waits for nobody. Each caller gets its own item's outcome once its write has
 * committed; a write that fails rejects every caller of that write.
 */
export class GroupCommit<Item, Outcome> {
  private readonly queues = new Map<string, Queue<Item, Outcome>>();

  /** `write` answers one outcome per item, in their order. */
  constructor(
    private readonly write: (key: string, items: Item[]) => Promise<Outcome[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(key: string, item: Item): Promise<Outcome> {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { waiting: [], writing: false };
      this.queues.set(key, queue);
    }
    const submitted = new Promise<Outcome>((resolve, reject) => queue.waiting.push({ item, resolve, reject }));
    // The items submitted in this turn of the event loop go together.
    if (!queue.writing) {
      queue.writing = true;
      setImmediate(() => void this.drain(key, queue));
    }
    return submitted;
  }

  private async drain(key: string, queue: Queue<Item, Outcome>): Promise<void> {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, this.maxBatch);
      try {
        const outcomes = await this.write(
          key,
          batch.map((waiting) => waiting.item),
        );
        batch.forEach((waiting, i) => waiting.resolve(outcomes[i]));
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    queue.writing = false;
    this.queues.delete(key);
  }
}
