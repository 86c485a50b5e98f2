import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { errors, type Locator, type Page } from 'playwright-core';
import { DESKTOP, TABLET } from './browser';

const SCREENSHOTS = join(__dirname, '../../../docs/console');

/**
 * Waits for what the page comes to show by itself, without a reload: its own polling (a list every 3 s, the
 * dashboard every 5 s) brings it. Between looks the page's clock (newDesktopPage installs it) jumps a second ahead,
 * so its refresh timers come due sooner than they would in real time; they are still what fetches.
 */
export async function waitLive(locator: Locator, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await locator.waitFor({ timeout: 250 });
      return;
    } catch (error) {
      if (!(error instanceof errors.TimeoutError) || Date.now() > deadline) throw error;
    }
    await locator.page().clock.fastForward(1000);
  }
}

/** Signs in through the sign-in page with a merchant key or the admin token, and waits for the signed-in shell. */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.goto('/console/sign-in');
  await page.getByLabel(/API 密钥|API key/).fill(key);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.getByTestId('signed-in-name').waitFor();
}

/**
 * axe-core on the page at rest: no serious or critical violation (WCAG 2 A/AA and best practices). At rest: the
 * pointer away from the last control clicked (no hover colours) and no animation halfway (a dialog fading in has
 * text at a fraction of its contrast), however slowly a loaded machine runs them.
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await settled(page);
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  expect({ url: page.url(), violations }).toEqual({ url: page.url(), violations: [] });
}

/** Every finite animation (a dialog's zoom, a fade, a dropdown's slide) has finished. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    'document.getAnimations().every((a) => !a.effect || a.effect.getTiming().iterations === Infinity)',
  );
}

/** docs/console/<name>.png at 1280x800, as README shows the console. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** A tablet's 768 px width (the shell then shows the narrow, icons-only menu). */
export async function atTablet(page: Page): Promise<void> {
  await page.setViewportSize(TABLET);
}

/**
 * Waits for a dialog to close after its confirm. If it stays open, fails with what the page shows: the dialog's text
 * (a refusal's alert, a button still spinning) and the toasts (a refusal ConfirmAction reports).
 */
export async function dialogCloses(dialog: Locator): Promise<void> {
  try {
    await dialog.waitFor({ state: 'hidden' });
  } catch (error) {
    const page = dialog.page();
    const shown = await Promise.all([
      dialog.innerText().catch(() => '(gone)'),
      page.locator('.ant-btn-loading').count(),
      page.locator('.ant-message').allInnerTexts(),
    ]).catch((reading: Error) => [`(could not read the page: ${reading.message})`]);
    throw new Error(`the dialog stayed open: ${JSON.stringify(shown)}`, { cause: error });
  }
}
