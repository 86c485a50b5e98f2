import { readFileSync, writeFileSync } from 'node:fs';
import { ChildServer } from './child-server';

/** A server process's memory: resident (from /proc) and, as the server reports it, V8's heap and external. */
export interface MemoryFigures {
  rss: number;
  heapUsed: number;
  external: number;
}

const RSS_SAMPLE_MS = 20;
/** Asking the server costs it an IPC message each time: less often than /proc is read. */
const USAGE_SAMPLE_MS = 100;

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** Resets the kernel's peak-RSS mark (VmHWM) of a process of ours; false where that is not allowed. */
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function usageOf(server: ChildServer): Promise<MemoryFigures> {
  const usage = await server.ask<NodeJS.MemoryUsage>({ memoryUsage: true });
  return { rss: statusField(server.pid, 'VmRSS'), heapUsed: usage.heapUsed, external: usage.external };
}

/**
 * The server's memory before a piece of work and the peak of each figure during it: RSS read every 20 ms and
 * the kernel's own peak mark (reset first, so no spike between samples is missed), heap and external every 100 ms.
 */
export async function memoryDuring<T>(
  server: ChildServer,
  work: () => Promise<T>,
): Promise<{ result: T; before: MemoryFigures; peak: MemoryFigures }> {
  const before = await usageOf(server);
  const peak = { ...before };
  const markReset = resetPeakRss(server.pid);
  const rssSampler = setInterval(
    () => (peak.rss = Math.max(peak.rss, statusField(server.pid, 'VmRSS'))),
    RSS_SAMPLE_MS,
  );
  let sampling = true;
  const usageSampler = (async () => {
    while (sampling) {
      const usage = await usageOf(server);
      peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
      peak.external = Math.max(peak.external, usage.external);
      await new Promise((resolve) => setTimeout(resolve, USAGE_SAMPLE_MS));
    }
  })();
  let result: T;
  try {
    result = await work();
  } finally {
    clearInterval(rssSampler);
    sampling = false;
    await usageSampler;
  }
  if (markReset) peak.rss = Math.max(peak.rss, statusField(server.pid, 'VmHWM'));
  return { result, before, peak };
}
