import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RUNTIME, Runtime } from '../runtime/runtime';

export const JOBS_ENABLED = Symbol('JOBS_ENABLED');

interface Job {
  run: () => Promise<unknown>;
  running: Promise<unknown> | null;
  timer: NodeJS.Timeout | null;
}

/**
 * Runs each registered job every JOB_INTERVAL_MS, never two runs of one job at once in a process. Jobs claim
 * their rows with SKIP LOCKED, so any number of instances may run them together. Tests that drive time by
 * hand turn the timers off and call `runNow`.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly jobs = new Map<string, Job>();
  private started = false;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(JOBS_ENABLED) private readonly enabled: boolean,
  ) {}

  register(name: string, run: () => Promise<unknown>): void {
    if (this.jobs.has(name)) throw new Error(`job ${name} registered twice`);
    const job: Job = { run, running: null, timer: null };
    this.jobs.set(name, job);
    if (this.started) this.schedule(name, job);
  }

  /** Runs a job now (or waits for the run in progress) and returns what it returned. */
  async runNow(name: string): Promise<unknown> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    if (job.running) await job.running.catch(() => undefined);
    job.running = job.run().finally(() => (job.running = null));
    return job.running;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.started = true;
    for (const [name, job] of this.jobs) this.schedule(name, job);
  }

  async onApplicationShutdown(): Promise<void> {
    this.started = false;
    for (const job of this.jobs.values()) if (job.timer) clearInterval(job.timer);
    await Promise.all([...this.jobs.values()].map((job) => job.running?.catch(() => undefined)));
  }

  private schedule(name: string, job: Job): void {
    job.timer = setInterval(() => {
      if (job.running || !this.started) return;
      this.runNow(name).catch((error: Error) => this.logger.warn(`job ${name} failed: ${error.message}`));
    }, this.runtime.config.jobIntervalMs);
    job.timer.unref();
  }
}
