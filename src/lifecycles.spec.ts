import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { declaredLifecycles } from './lifecycles';
import { Lifecycle } from './platform/lifecycle/lifecycle';

/** The states reachable from `from` through the table's moves (itself included). */
function reachable(lifecycle: Lifecycle<string>, from: readonly string[]): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  while (queue.length > 0) {
    for (const next of lifecycle.transitions[queue.shift()!]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

const lifecycles = declaredLifecycles();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('every declared lifecycle', () => {
  it('is declared once per table and column', () => {
    const keys = lifecycles.map((lifecycle) => `${lifecycle.table}.${lifecycle.column}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is every lifecycle the code declares: each file that calls defineLifecycle is in the registry', () => {
    const registry = readFileSync(join(__dirname, 'lifecycles.ts'), 'utf8');
    const declaring = sourceFiles(__dirname).filter(
      (file) => !file.endsWith('.spec.ts') && /= defineLifecycle[<(]/.test(readFileSync(file, 'utf8')),
    );
    expect(declaring.length).toBe(lifecycles.length);
    for (const file of declaring) {
      expect(registry).toContain(`'./${relative(__dirname, file).replace(/\.ts$/, '')}'`);
    }
  });

  describe.each(lifecycles.map((lifecycle) => [lifecycle.name, lifecycle] as const))('%s', (_name, lifecycle) => {
    it('reaches every state from a state rows are (or were) created in', () => {
      const starts = [...lifecycle.initial, ...lifecycle.retired];
      expect([...reachable(lifecycle, starts)].sort()).toEqual([...lifecycle.states].sort());
    });

    it('has an end: every state can reach a terminal one', () => {
      const terminal = lifecycle.states.filter((state) => lifecycle.isTerminal(state));
      expect(terminal.length).toBeGreaterThan(0);
      for (const state of lifecycle.states) {
        expect([...reachable(lifecycle, [state])].some((next) => terminal.includes(next))).toBe(true);
      }
    });
  });
});
