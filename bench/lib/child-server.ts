import { ChildProcess, fork } from 'node:child_process';

export interface ChildServer {
  url: string;
  stop(): Promise<void>;
}

/** Runs a server script in its own process (so it does not share a core's event loop with the load) and waits for its port. */
export function startChildServer(
  script: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<ChildServer> {
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
