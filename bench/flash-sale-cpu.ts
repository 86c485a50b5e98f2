import { ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU time (user + system) a process has used so far, in ms; 0 when it cannot be read (not Linux). */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): state is field 3, utime 14 and stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** Which processes to account for: fixed pids, or a lookup polled during the work (pools replace connections). */
export type ProcessSet = number[] | (() => Promise<number[]>);

const POLL_MS = 250;

/** CPU (ms) used by each named set of processes during a piece of work; 'load generator' is this process. */
export async function cpuDuring<T>(
  sets: Record<string, ProcessSet>,
  work: () => Promise<T>,
): Promise<{ result: T; cpuMs: Record<string, number> }> {
  const self = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  // Per set: each pid's CPU when first seen during the run and when last seen.
  const seen = new Map<string, Map<number, { first: number; last: number }>>();
  const poll = async () => {
    for (const [name, set] of Object.entries(sets)) {
      if (name === 'load generator') continue;
      const pids = Array.isArray(set) ? set : await set();
      const known = seen.get(name) ?? new Map<number, { first: number; last: number }>();
      seen.set(name, known);
      for (const pid of pids) {
        const cpu = processCpuMs(pid);
        if (cpu === 0) continue;
        const entry = known.get(pid);
        if (entry) entry.last = Math.max(entry.last, cpu);
        else known.set(pid, { first: cpu, last: cpu });
      }
    }
  };
  await poll();
  const selfBefore = self();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      await poll();
    }
  })();
  const result = await work();
  polling = false;
  await poller;
  await poll();
  const cpuMs: Record<string, number> = {};
  for (const name of Object.keys(sets)) {
    cpuMs[name] =
      name === 'load generator'
        ? self() - selfBefore
        : [...(seen.get(name)?.values() ?? [])].reduce((sum, entry) => sum + entry.last - entry.first, 0);
  }
  return { result, cpuMs };
}

export function cpuPerAttempt(cpuMs: Record<string, number>, attempts: number): string {
  return Object.entries(cpuMs)
    .map(([name, ms]) => `${name} ${Math.round((ms * 1000) / Math.max(1, attempts))}`)
    .join(', ');
}

export interface ForkedServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Like lib/child-server.ts, keeping the child's pid (to read its CPU time). */
export function forkServer(
  script: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<ForkedServer> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(script, [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start in ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${message.port}`,
        pid: child.pid ?? 0,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
