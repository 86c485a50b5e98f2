import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestApp, TestApp, TestAppOptions } from '../../support/test-app';
import { launchChromium } from './browser';

const BUILT_CONSOLE = join(__dirname, '../../../console/dist/index.html');

export interface ConsoleHarness {
  app: TestApp;
  browser: Browser;
}

/**
 * The real service over HTTP (its own database and Redis prefix, like every e2e test) serving the built console,
 * and a Chromium to drive it. Call in beforeAll; close in afterAll.
 */
export async function startConsoleHarness(
  options: TestAppOptions = {},
): Promise<ConsoleHarness & { close(): Promise<void> }> {
  if (!existsSync(BUILT_CONSOLE)) {
    throw new Error(`${BUILT_CONSOLE} is missing: build the console first (npm test runs npm run build)`);
  }
  const app = await startTestApp({
    ...options,
    env: { CONSOLE_DIR: join(__dirname, '../../../console/dist'), ...options.env },
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  return {
    app,
    browser,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
