import { Injectable } from '@nestjs/common';

/**
 * Wakes this instance's dispatcher when an event commits here, so a delivery need not wait for the next job tick
 * (deliveries committed on other instances are found by the tick).
 */
@Injectable()
export class DispatchSignal {
  private listener: (() => void) | null = null;

  listen(listener: () => void): void {
    this.listener = listener;
  }

  wake(): void {
    this.listener?.();
  }
}
