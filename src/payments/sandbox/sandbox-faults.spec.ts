import { GatewayError } from '../payment-gateway';
import { SandboxFaults } from './sandbox-faults';

const thrown = (run: () => void): GatewayError | null => {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
};

describe('SandboxFaults', () => {
  it('trips exactly `times` times with the real status, then lets calls through', () => {
    const faults = new SandboxFaults();
    faults.inject('refund', 'NOT_ENOUGH', 2);
    expect(thrown(() => faults.trip('refund'))).toMatchObject({
      code: 'NOT_ENOUGH',
      httpStatus: 403,
      retryable: false,
    });
    expect(thrown(() => faults.trip('refund'))).toMatchObject({ code: 'NOT_ENOUGH', httpStatus: 403 });
    expect(thrown(() => faults.trip('refund'))).toBeNull();
    expect(faults.list()).toEqual([]);
  });

  it('keeps operations apart; a new injection replaces the old one; clear drops all', () => {
    const faults = new SandboxFaults();
    faults.inject('queryOrder', 'SYSTEM_ERROR', 5);
    faults.inject('queryOrder', 'FREQUENCY_LIMITED', 1);
    expect(thrown(() => faults.trip('closeOrder'))).toBeNull();
    expect(thrown(() => faults.trip('queryOrder'))).toMatchObject({
      code: 'FREQUENCY_LIMITED',
      httpStatus: 429,
      retryable: true,
    });
    expect(thrown(() => faults.trip('queryOrder'))).toBeNull();
    faults.inject('transfer', 'SYSTEM_ERROR', 3);
    faults.clear();
    expect(thrown(() => faults.trip('transfer'))).toBeNull();
  });
});
