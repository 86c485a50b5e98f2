import type { Page } from 'playwright-core';
import { createProduct, loginShopper } from '../support/fixtures';
import { payAndSettle, placeOrder } from '../support/payments';
import { TEST_ADMIN_TOKEN } from '../support/test-app';
import { describeInBrowser, newDesktopPage } from './support/browser';
import { startConsoleHarness } from './support/console-app';
import { atTablet, expectAccessible, screenshot, signIn, waitLive } from './support/console-page';

const SESSION_KEY = 'engage.console.session';

async function chooseLanguage(page: Page, current: RegExp, name: string): Promise<void> {
  await page.getByRole('combobox', { name: current }).click();
  await page.locator(`.ant-select-item-option[title="${name}"]`).click();
}

describeInBrowser('the console shell: admin and merchant sign-in, dashboard, languages, tablet', () => {
  let harness: Awaited<ReturnType<typeof startConsoleHarness>>;
  let page: Page;
  let merchantKey = '';

  beforeAll(async () => {
    harness = await startConsoleHarness();
    page = await newDesktopPage(harness.browser, harness.app.url);
  });
  afterAll(() => harness?.close());

  it('the admin signs in, creates a merchant and sees its key once', async () => {
    await page.goto('/console');
    await page.waitForURL('**/console/sign-in');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expectAccessible(page);

    await signIn(page, TEST_ADMIN_TOKEN);
    await page.waitForURL('**/console/merchants');
    await expect(page.getByTestId('signed-in-name').textContent()).resolves.toBe('平台管理员');
    await page.getByRole('heading', { name: '商家', level: 1 }).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: '新建商家' }).click();
    await page.getByLabel('商家名称').fill('莲花茶舍');
    await page.getByRole('button', { name: '创建', exact: true }).click();
    const secret = page.getByTestId('copyable-secret');
    await secret.waitFor();
    merchantKey = (await secret.textContent())!.trim();
    expect(merchantKey).toMatch(/^ek_/);
    await expect(page.getByText('API 密钥只显示这一次').isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    await page.getByRole('button', { name: '我已保存密钥' }).click();
    await secret.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: '莲花茶舍' }).waitFor();
    expect(await page.content()).not.toContain(merchantKey);
  });

  it('signing out clears the session and returns to sign-in', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/console/sign-in');
    await expect(page.evaluate(`sessionStorage.getItem('${SESSION_KEY}')`)).resolves.toBeNull();
    await page.goto('/console/merchants');
    await page.waitForURL('**/console/sign-in');
  });

  it('the merchant signs in with its key and sees a paid order on the dashboard without a reload', async () => {
    await signIn(page, merchantKey);
    await page.waitForURL('**/console/dashboard');
    await expect(page.getByTestId('signed-in-name').textContent()).resolves.toBe('莲花茶舍');
    const todayOrders = page.getByTestId('today-ordersPaid');
    await todayOrders.getByText('0', { exact: true }).waitFor();
    await page.evaluate('window.stillHere = true'); // gone if the page reloads

    // A shopper buys and pays over HTTP, as the mini-program would.
    const app = harness.app;
    const product = await createProduct(app, { id: '', apiKey: merchantKey }, { name: '龙井', priceFen: 1999 });
    const shopper = await loginShopper(app);
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    expect((await payAndSettle(app, shopper, order)).status).toBe('paid');

    await waitLive(todayOrders.getByText('1', { exact: true }));
    await waitLive(page.getByTestId('today-revenueFen').getByText('¥19.99'));
    await waitLive(page.getByTestId('last-30-days-ordersPaid').getByText('1', { exact: true }));
    await expect(page.evaluate('window.stillHere')).resolves.toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'dashboard');
  });

  it('switches to English and back, every text following', async () => {
    await chooseLanguage(page, /语言/, 'English');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByText('Paid orders').first().waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    expect(await page.getByRole('main').innerText()).not.toMatch(/[\u4e00-\u9fff]/);

    await page.reload(); // remembered
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    await chooseLanguage(page, /Language/, '中文');
    await page.getByRole('heading', { name: '数据概览', level: 1 }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
  });

  it('holds at a tablet width of 768 px: the menu is reachable and the page usable', async () => {
    await atTablet(page);
    const menuItem = page.getByRole('menuitem', { name: /数据概览/ });
    await menuItem.waitFor();
    await menuItem.click();
    await page.getByRole('heading', { name: '数据概览', level: 1 }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });

  it('signs out from the dashboard with nothing left in session storage', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/console/sign-in');
    await expect(page.evaluate(`sessionStorage.getItem('${SESSION_KEY}')`)).resolves.toBeNull();
  });
});
