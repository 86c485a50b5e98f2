import { ChildProcess, fork } from 'node:child_process';

export interface ChildServer {
  url: string;
  pid: number;
  /** Sends a message over IPC and resolves with the server's next message (servers/engage-app.ts answers `memoryUsage`). */
  ask<T>(message: object): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Runs a server script in its own process (so it does not share a core's event loop with the load) and waits for its
 * port. With BENCH_CPU_PROF set to a directory, each server writes a V8 CPU profile there when it stops.
 */
export function startChildServer(
  script: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    const profiles = process.env.BENCH_CPU_PROF;
    const child: ChildProcess = fork(script, [], {
      env: { ...process.env, ...env },
      execArgv: profiles ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${profiles}`] : process.execArgv,
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
        ask: <T>(question: object) =>
          new Promise<T>((answered) => {
            child.once('message', (answer) => answered(answer as T));
            child.send(question);
          }),
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
