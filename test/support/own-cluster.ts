import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A Redis Cluster of this test file's own (redis-server processes on free ports, in a temporary directory), for
 * tests that break nodes: the shared cluster (.ci/redis-cluster) serves the other files. No replicas;
 * `cluster-require-full-coverage no` as docs/operations.md recommends, unless said otherwise.
 */
export interface OwnCluster {
  ports: number[];
  /** REDIS_CLUSTER_NODES for it. */
  nodes: string;
  /** redis-cli against one node. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** SIGKILL: the node dies with its data (it saves none). */
  kill(port: number): Promise<void>;
  /** Starts a killed node again, on its port with its cluster config file, so it rejoins with its slots. */
  restart(port: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  // The cluster bus listens on port + 10000: both must be below 65536.
  return port < 55_000 ? port : freePort();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startOwnCluster(
  masters: number,
  options: { fullCoverage?: boolean; formed?: boolean } = {},
): Promise<OwnCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'engage-cluster-'));
  const ports: number[] = [];
  while (ports.length < masters) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const pids = new Map<number, number>();
  const cli = async (port: number, ...args: string[]) =>
    (await run('redis-cli', ['-p', String(port), ...args])).stdout.trim();
  const start = async (port: number) => {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        '2000',
        '--cluster-require-full-coverage',
        options.fullCoverage ? 'yes' : 'no',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--logfile',
        join(dir, `${port}.log`),
      ],
      { stdio: 'ignore' },
    );
    pids.set(port, child.pid!);
    for (let tries = 0; ; tries++) {
      if (
        await cli(port, 'ping').then(
          (reply) => reply === 'PONG',
          () => false,
        )
      )
        return;
      if (tries > 100) throw new Error(`redis-server on ${port} did not start`);
      await sleep(50);
    }
  };
  await Promise.all(ports.map(start));
  const stateOk = async () =>
    (await Promise.all(ports.map((port) => cli(port, 'cluster', 'info').catch(() => '')))).every((info) =>
      info.includes('cluster_state:ok'),
    );
  if (options.formed !== false) {
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    for (let tries = 0; !(await stateOk()); tries++) {
      if (tries > 200) throw new Error('own cluster did not reach cluster_state:ok');
      await sleep(50);
    }
  }
  const kill = async (port: number) => {
    const pid = pids.get(port);
    if (pid === undefined) return;
    pids.delete(port);
    process.kill(pid, 'SIGKILL');
    while (
      await cli(port, 'ping').then(
        () => true,
        () => false,
      )
    )
      await sleep(20);
  };
  return {
    ports,
    nodes: ports.map((port) => `127.0.0.1:${port}`).join(','),
    cli,
    kill,
    restart: start,
    async stop() {
      await Promise.all(ports.map(kill));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
