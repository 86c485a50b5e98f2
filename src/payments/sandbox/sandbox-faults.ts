import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { GatewayErrorCode } from '../payment-gateway';
import { gatewayError } from './domain/gateway-errors';

export const SANDBOX_OPERATIONS = [
  'createJsapiOrder',
  'queryOrder',
  'closeOrder',
  'refund',
  'queryRefund',
  'transfer',
  'queryTransfer',
] as const;

export type SandboxOperation = (typeof SANDBOX_OPERATIONS)[number];

/** The longest a call may be made to hang. */
export const MAX_HANG_MS = 600_000;

export interface InjectedFault {
  operation: SandboxOperation;
  code: GatewayErrorCode;
  /** Calls still to fail. */
  remaining: number;
  /** Each failing call first hangs this long (a provider that does not answer); absent: it fails at once. */
  hangMs?: number;
}

/**
 * Failure injection: the next N calls of an operation throw the given GatewayError, with the status WeChat Pay
 * answers it with, before anything is done (so the caller's retry with the same number is what gets through).
 * With `hangMs`, each of them first waits that long, as a provider that does not answer; clearing the faults
 * (or shutting down) ends every wait early. In memory, per instance.
 */
@Injectable()
export class SandboxFaults implements OnModuleDestroy {
  private readonly faults = new Map<SandboxOperation, InjectedFault>();
  /** Ends the hangs in progress. */
  private readonly hanging = new Set<() => void>();

  /** Replaces any fault already set for this operation. */
  inject(operation: SandboxOperation, code: GatewayErrorCode, times: number, hangMs?: number): InjectedFault {
    if (!Number.isSafeInteger(times) || times < 1)
      throw new RangeError(`times must be a positive integer, got ${times}`);
    if (hangMs !== undefined && (!Number.isSafeInteger(hangMs) || hangMs < 1 || hangMs > MAX_HANG_MS)) {
      throw new RangeError(`hangMs must be an integer from 1 to ${MAX_HANG_MS}, got ${hangMs}`);
    }
    const fault: InjectedFault = { operation, code, remaining: times, ...(hangMs !== undefined ? { hangMs } : {}) };
    this.faults.set(operation, fault);
    return { ...fault };
  }

  clear(): void {
    this.faults.clear();
    for (const end of [...this.hanging]) end();
  }

  onModuleDestroy(): void {
    this.clear();
  }

  list(): InjectedFault[] {
    return [...this.faults.values()].map((fault) => ({ ...fault }));
  }

  /** Calls of an operation hanging right now. */
  hangingNow(): number {
    return this.hanging.size;
  }

  /** Fails (and uses up one) when a fault is set for this operation, after its hang if it has one. */
  async trip(operation: SandboxOperation): Promise<void> {
    const fault = this.faults.get(operation);
    if (!fault) return;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.delete(operation);
    if (fault.hangMs !== undefined) await this.hang(fault.hangMs);
    throw gatewayError(fault.code);
  }

  private hang(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const end = (): void => {
        clearTimeout(timer);
        this.hanging.delete(end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.hanging.add(end);
    });
  }
}
