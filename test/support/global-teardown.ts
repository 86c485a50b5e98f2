export default async function globalTeardown(): Promise<void> {
  await globalThis.__ENGAGE_TEST_TEARDOWN__?.();
}
