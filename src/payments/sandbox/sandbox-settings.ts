import { Injectable } from '@nestjs/common';
import { validationFailed } from '../../platform/errors/domain-error';

export interface SandboxSettingsValues {
  /** The first N attempts of every delivery are lost on the way, as if the network dropped them (each counts as failed). */
  dropFirst: number;
  /** After a delivery is acknowledged, N extra identical copies are sent: WeChat Pay does re-send. */
  duplicates: number;
  /** A new notification is first attempted no sooner than this after it is created. */
  delayMs: number;
  /** Refunds and transfers stay PROCESSING/ACCEPTED at least this long before the settlement job finishes them. */
  settleDelayMs: number;
  /** Single-transfer range; WeChat Pay's default for cash marketing is 0.1–200 yuan. */
  transferMinFen: number;
  transferMaxFen: number;
}

export const DEFAULT_SANDBOX_SETTINGS: Readonly<SandboxSettingsValues> = {
  dropFirst: 0,
  duplicates: 0,
  delayMs: 0,
  settleDelayMs: 0,
  transferMinFen: 10,
  transferMaxFen: 20_000,
};

/**
 * How the simulated provider misbehaves, changeable at run time (tests, demos). Kept in memory: each instance
 * has its own, which is enough for a sandbox and keeps it out of the schema.
 */
@Injectable()
export class SandboxSettings {
  private values: SandboxSettingsValues = { ...DEFAULT_SANDBOX_SETTINGS };

  current(): SandboxSettingsValues {
    return { ...this.values };
  }

  update(patch: Partial<SandboxSettingsValues>): SandboxSettingsValues {
    const next = { ...this.values };
    for (const key of Object.keys(DEFAULT_SANDBOX_SETTINGS) as (keyof SandboxSettingsValues)[]) {
      const value = patch[key];
      if (value !== undefined) next[key] = value;
    }
    if (next.transferMinFen > next.transferMaxFen) {
      throw validationFailed([
        { field: 'transferMinFen', problems: ['transferMinFen must not exceed transferMaxFen'] },
      ]);
    }
    this.values = next;
    return this.current();
  }

  reset(): SandboxSettingsValues {
    this.values = { ...DEFAULT_SANDBOX_SETTINGS };
    return this.current();
  }
}
