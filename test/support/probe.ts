import { Client } from 'pg';
import { createClient, createCluster } from 'redis';

export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function redisAnswers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1500, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (client.isOpen) await client.close();
  }
}

/** A Redis Cluster answers on these seeds (`host:port,...`) and says cluster_state:ok. */
export async function redisClusterAnswers(nodes: string): Promise<boolean> {
  const cluster = createCluster({
    rootNodes: nodes.split(',').map((node) => ({ url: `redis://${node.trim()}` })),
    defaults: { socket: { connectTimeout: 1500, reconnectStrategy: false } },
  });
  cluster.on('error', () => undefined);
  try {
    await cluster.connect();
    const info = await cluster.sendCommand<string>(undefined, true, ['CLUSTER', 'INFO']);
    return String(info).includes('cluster_state:ok');
  } catch {
    return false;
  } finally {
    if (cluster.isOpen) cluster.destroy();
  }
}
