import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (.ci/run installs the package); playwright-core never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

export const DESKTOP = { width: 1280, height: 800 };
export const TABLET = { width: 768, height: 1024 };

/**
 * `describe` for browser tests: skipped, saying why, only on a machine without Chromium outside CI. In CI
 * (CI=true) a missing browser fails the run instead of passing it silently.
 */
export function describeInBrowser(name: string, body: () => void): void {
  // Each test is a merchant's whole errand through several pages: on a loaded CI machine that can pass a minute.
  jest.setTimeout(150_000);
  if (existsSync(CHROMIUM)) return describe(name, body);
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);
  console.warn(`[test] ${CHROMIUM} is missing: browser tests "${name}" skipped (apt-get install chromium)`);
  describe.skip(name, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/**
 * A fresh page (its own storage) at 1280x800, Chinese first as a Chinese merchant's browser would ask. Its timers
 * run on Playwright's clock, which flows as time does until waitLive (console-page.ts) moves it on.
 */
export async function newDesktopPage(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: DESKTOP, locale: 'zh-CN' });
  await context.clock.install();
  return context.newPage();
}
