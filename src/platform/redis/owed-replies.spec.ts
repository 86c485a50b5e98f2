import fc from 'fast-check';
import { OwedReplies } from './owed-replies';

const STALL_MS = 5_000;

/** A reply settled by hand, and a clock moved by hand. */
function deferred() {
  let settle!: () => void;
  const promise = new Promise<void>((resolve) => (settle = resolve));
  return { promise, settle: async () => (settle(), await promise, await Promise.resolve()) };
}

function lineAt(start: number) {
  const clock = { now: start };
  return { clock, owed: new OwedReplies(STALL_MS, () => clock.now) };
}

describe('owed replies (the purchase connection watchdog)', () => {
  it('is not stalled by a burst that follows a long quiet spell', () => {
    const { clock, owed } = lineAt(0);
    clock.now = 60_000; // nothing sent for a minute
    owed.owe(deferred().promise);
    clock.now += 1;
    expect(owed.stalled()).toBe(false);
    clock.now += STALL_MS - 2;
    expect(owed.stalled()).toBe(false);
    clock.now += 1;
    expect(owed.stalled()).toBe(true);
    expect(owed.count).toBe(1);
  });

  it('counts from the last reply while replies keep coming, and is idle once all are in', async () => {
    const { clock, owed } = lineAt(0);
    const first = deferred();
    const second = deferred();
    owed.owe(first.promise);
    owed.owe(second.promise);
    clock.now = 4_000;
    await first.settle();
    clock.now = 8_999; // 9 s since the line began owing, 4.999 s since the last reply
    expect(owed.stalled()).toBe(false);
    clock.now = 9_000;
    expect(owed.stalled()).toBe(true);
    await second.settle();
    clock.now = 60_000;
    expect(owed.stalled()).toBe(false);
    expect(owed.count).toBe(0);
  });

  it('settles rejected replies too', async () => {
    const { owed } = lineAt(0);
    const failing = Promise.reject(new Error('connection lost'));
    failing.catch(() => undefined);
    owed.owe(failing);
    await failing.catch(() => undefined);
    expect(owed.count).toBe(0);
  });

  it('never calls a line stalled before STALL_MS have passed without progress', () => {
    // Any sequence of sends, replies and pauses: stalled exactly when something is owed and neither a reply nor
    // the start of owing happened in the last STALL_MS.
    const step = fc.oneof(
      fc.record({ kind: fc.constant('send' as const) }),
      fc.record({ kind: fc.constant('reply' as const) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 2 * STALL_MS }) }),
    );
    return fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.array(step, { maxLength: 40 }),
        async (start, steps) => {
          const { clock, owed } = lineAt(start);
          const pending: Array<ReturnType<typeof deferred>> = [];
          let progressAt = start;
          for (const s of steps) {
            if (s.kind === 'send') {
              if (pending.length === 0) progressAt = clock.now;
              const reply = deferred();
              pending.push(reply);
              owed.owe(reply.promise);
            } else if (s.kind === 'reply' && pending.length > 0) {
              await pending.shift()!.settle();
              progressAt = clock.now;
            } else if (s.kind === 'wait') {
              clock.now += s.ms;
            }
            expect(owed.count).toBe(pending.length);
            expect(owed.stalled()).toBe(pending.length > 0 && clock.now - progressAt >= STALL_MS);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
