import { Injectable } from '@nestjs/common';
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

export interface InjectedFault {
  operation: SandboxOperation;
  code: GatewayErrorCode;
  /** Calls still to fail. */
  remaining: number;
}

/**
 * Failure injection: the next N calls of an operation throw the given GatewayError, with the status WeChat Pay
 * answers it with, before anything is done (so the caller's retry with the same number is what gets through).
 * In memory, per instance.
 */
@Injectable()
export class SandboxFaults {
  private readonly faults = new Map<SandboxOperation, InjectedFault>();

  /** Replaces any fault already set for this operation. */
  inject(operation: SandboxOperation, code: GatewayErrorCode, times: number): InjectedFault {
    if (!Number.isSafeInteger(times) || times < 1)
      throw new RangeError(`times must be a positive integer, got ${times}`);
    const fault = { operation, code, remaining: times };
    this.faults.set(operation, fault);
    return { ...fault };
  }

  clear(): void {
    this.faults.clear();
  }

  list(): InjectedFault[] {
    return [...this.faults.values()].map((fault) => ({ ...fault }));
  }

  /** Throws (and uses up one) when a fault is set for this operation. */
  trip(operation: SandboxOperation): void {
    const fault = this.faults.get(operation);
    if (!fault) return;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.delete(operation);
    throw gatewayError(fault.code);
  }
}
