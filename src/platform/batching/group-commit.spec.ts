import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes what arrives while a write runs in the next write, one write at a time per key', async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const group = new GroupCommit<number, string>(async (_key, items) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((item) => `done ${item}`);
    });
    const first = group.submit('a', 1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [group.submit('a', 2), group.submit('a', 3)];
    release();
    expect(await Promise.all([first, ...later])).toEqual(['done 1', 'done 2', 'done 3']);
    expect(writes).toEqual([[1], [2, 3]]);
  });

  it('a failed write rejects its callers only; the next write goes on', async () => {
    let calls = 0;
    const group = new GroupCommit<number, number>(
      (_key, items) => {
        calls++;
        return calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve(items);
      },
      { maxBatch: 2 },
    );
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => group.submit('a', item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });
});
