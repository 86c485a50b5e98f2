import type { Runtime } from '../../../platform/runtime/runtime';
import { DestinationPolicy } from './destination-policy';
import { DestinationResolver, ResolvedAddress } from './destination-resolver';

/** A resolver answering from a script, one answer per call: what DNS rebinding looks like. */
class ScriptedResolver extends DestinationResolver {
  constructor(private readonly answers: ResolvedAddress[][]) {
    super();
  }

  override async resolve(): Promise<ResolvedAddress[]> {
    return this.answers.shift() ?? [];
  }
}

const policy = (allowPrivate: boolean, answers: ResolvedAddress[][]) =>
  new DestinationPolicy(
    { config: { webhookAllowPrivateUrls: allowPrivate } } as unknown as Runtime,
    new ScriptedResolver(answers),
  );

const lookup = (guard: DestinationPolicy, all: boolean) =>
  new Promise<{ error: Error | null; address: unknown }>((resolve) =>
    guard.lookup('hooks.example.com', { all }, (error, address) => resolve({ error, address })),
  );

const PUBLIC = { address: '93.184.216.34', family: 4 };
const METADATA = { address: '169.254.169.254', family: 4 };

describe('destination policy', () => {
  it('refuses at send time a name that passed registration and now resolves to a private address', async () => {
    const guard = policy(false, [[PUBLIC], [METADATA]]);
    expect(await guard.problem('https://hooks.example.com/in')).toBeNull();
    const sent = await lookup(guard, false);
    expect(sent.error?.message).toMatch(/resolves to a loopback, private or link-local address/);
  });

  it('hands the socket the very addresses it checked', async () => {
    const guard = policy(false, [[PUBLIC], [PUBLIC]]);
    expect(await lookup(guard, true)).toEqual({ error: null, address: [PUBLIC] });
    expect(await lookup(guard, false)).toEqual({ error: null, address: PUBLIC.address });
  });

  it('refuses a name with any private address among its answers, or none at all', async () => {
    const guard = policy(false, [[PUBLIC, { address: '::ffff:10.0.0.1', family: 6 }], []]);
    expect(await guard.problem('https://hooks.example.com/in')).toMatch(/private/);
    expect(await guard.problem('https://hooks.example.com/in')).toMatch(/does not resolve/);
  });

  it('lets private addresses and http through when allowed', async () => {
    const guard = policy(true, [[METADATA]]);
    expect(await guard.problem('http://127.0.0.1:9000/in')).toBeNull();
    expect((await lookup(guard, false)).address).toBe(METADATA.address);
  });
});
