import { GatewayError } from '../payment-gateway';
import { SandboxFaults } from './sandbox-faults';

const thrown = async (run: () => Promise<void>): Promise<GatewayError | null> => {
  try {
    await run();
    return null;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
};

describe('SandboxFaults', () => {
  it('trips exactly `times` times with the real status, then lets calls through', async () => {
    const faults = new SandboxFaults();
    faults.inject('refund', 'NOT_ENOUGH', 2);
    expect(await thrown(() => faults.trip('refund'))).toMatchObject({
      code: 'NOT_ENOUGH',
      httpStatus: 403,
      retryable: false,
    });
    expect(await thrown(() => faults.trip('refund'))).toMatchObject({ code: 'NOT_ENOUGH', httpStatus: 403 });
    expect(await thrown(() => faults.trip('refund'))).toBeNull();
    expect(faults.list()).toEqual([]);
  });

  it('keeps operations apart; a new injection replaces the old one; clear drops all', async () => {
    const faults = new SandboxFaults();
    faults.inject('queryOrder', 'SYSTEM_ERROR', 5);
    faults.inject('queryOrder', 'FREQUENCY_LIMITED', 1);
    expect(await thrown(() => faults.trip('closeOrder'))).toBeNull();
    expect(await thrown(() => faults.trip('queryOrder'))).toMatchObject({
      code: 'FREQUENCY_LIMITED',
      httpStatus: 429,
      retryable: true,
    });
    expect(await thrown(() => faults.trip('queryOrder'))).toBeNull();
    faults.inject('transfer', 'SYSTEM_ERROR', 3);
    faults.clear();
    expect(await thrown(() => faults.trip('transfer'))).toBeNull();
  });

  it('a hanging fault answers nothing until its time is up or the faults are cleared, then fails', async () => {
    const faults = new SandboxFaults();
    expect(faults.inject('createJsapiOrder', 'SYSTEM_ERROR', 1, 600_000)).toEqual({
      operation: 'createJsapiOrder',
      code: 'SYSTEM_ERROR',
      remaining: 1,
      hangMs: 600_000,
    });
    let settled = false;
    const call = thrown(() => faults.trip('createJsapiOrder')).finally(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    expect(faults.hangingNow()).toBe(1);
    faults.clear();
    expect(await call).toMatchObject({ code: 'SYSTEM_ERROR' });
    expect(faults.hangingNow()).toBe(0);
  });

  it('refuses a hang out of range', () => {
    expect(() => new SandboxFaults().inject('refund', 'SYSTEM_ERROR', 1, 0)).toThrow(RangeError);
    expect(() => new SandboxFaults().inject('refund', 'SYSTEM_ERROR', 1, 600_001)).toThrow(RangeError);
  });
});
