import type { Page } from 'playwright-core';
import { persistReservations, purchase } from '../flash-sale/flash-fixtures';
import { createMerchant, expectError, loginShopper, type TestMerchant } from '../support/fixtures';
import { getOrder, payAndSettle } from '../support/payments';
import { describeInBrowser, newDesktopPage } from './support/browser';
import { startConsoleHarness } from './support/console-app';
import { atTablet, expectAccessible, screenshot, settled, signIn, waitLive } from './support/console-page';

const DAY_MS = 24 * 3600 * 1000;

/** What a merchant in Shanghai types into a date picker for the instant `at` (to the minute). */
function shanghaiWallClock(at: Date): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return parts.replace(',', '');
}

/** Types a time into an antd date picker found by its label and confirms it with the picker's OK button. */
async function pickDateTime(page: Page, label: string, at: Date): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(shanghaiWallClock(at));
  const popup = page.locator('.ant-picker-dropdown:visible');
  await popup.locator('.ant-picker-ok button').click();
  await popup.waitFor({ state: 'hidden' });
}

/** Chooses an option of an antd Select found by its label (searching when the select is searchable). */
async function choose(page: Page, label: string, option: string, search?: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  await select.click();
  if (search) await select.fill(search);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.getByTitle(option, { exact: true }).waitFor();
  await settled(page); // a click during the dropdown's slide-in can be lost
  await dropdown.getByTitle(option, { exact: true }).click();
  await page.locator('.ant-select').filter({ has: select }).getByText(option, { exact: true }).first().waitFor();
  if ((await dropdown.count()) > 0) await page.keyboard.press('Escape'); // a multiple select stays open
  await dropdown.waitFor({ state: 'hidden' });
}

/** The minute now (pickers work to the minute), so a window opening "now" is already open. */
const thisMinute = () => new Date(Math.floor(Date.now() / 60000) * 60000);

describeInBrowser('the console campaigns: products, coupon templates, flash sales', () => {
  let harness: Awaited<ReturnType<typeof startConsoleHarness>>;
  let page: Page;
  let merchant: TestMerchant;
  let productId = '';
  let saleId = '';

  const merchantGet = (path: string) => harness.app.http.get(path, { token: merchant.apiKey });

  beforeAll(async () => {
    harness = await startConsoleHarness();
    merchant = await createMerchant(harness.app, '云雾茶庄');
    page = await newDesktopPage(harness.browser, harness.app.url);
    await signIn(page, merchant.apiKey);
  });
  afterAll(() => harness?.close());

  it('creates a product through its form, finds it by search and edits its price', async () => {
    await page.goto('/console/products');
    await page.getByRole('heading', { name: '商品', level: 1 }).waitFor();
    await page.getByRole('button', { name: '新建商品' }).click();
    await page.getByRole('heading', { name: '新建商品', level: 1 }).waitFor();
    await expectAccessible(page);

    await page.getByLabel('SKU', { exact: true }).fill('TEA-YUNWU-250G');
    await page.getByLabel('名称', { exact: true }).fill('云雾绿茶 250 克');
    await page.getByLabel('价格', { exact: true }).fill('19.99');
    await page.getByRole('button', { name: '保存' }).click();

    await page.waitForURL('**/console/products');
    await page.getByRole('cell', { name: '¥19.99' }).waitFor();
    const listed = (await merchantGet('/v1/merchant/products')).body.items;
    expect(listed).toEqual([expect.objectContaining({ sku: 'TEA-YUNWU-250G', priceFen: 1999, status: 'active' })]);
    productId = listed[0].id;
    await page.getByLabel('按名称或 SKU 搜索').fill('yunwu');
    await page.getByLabel('按名称或 SKU 搜索').press('Enter');
    await page.getByRole('link', { name: '云雾绿茶 250 克' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: '云雾绿茶 250 克' }).click();
    await page.getByRole('heading', { name: '编辑商品', level: 1 }).waitFor();
    await page.getByLabel('价格', { exact: true }).fill('25');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL('**/console/products');
    await page.getByRole('cell', { name: '¥25.00' }).waitFor();
    expect((await merchantGet(`/v1/merchant/products/${productId}`)).body.priceFen).toBe(2500);
  });

  it('creates an amount-off template through the form, every amount in yuan and exact in fen', async () => {
    await page.goto('/console/coupon-templates');
    await page.getByRole('heading', { name: '优惠券模板', level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: '新建' }).click();
    await page.getByRole('heading', { name: '新建优惠券模板', level: 1 }).waitFor();

    await page.getByLabel('名称', { exact: true }).fill('满100减19.99');
    await page.getByLabel('减免金额').fill('19.99');
    await page.getByLabel('使用门槛').fill('100');
    await page.getByLabel('发放总量').fill('100');
    await pickDateTime(page, '开始领取', thisMinute());
    await pickDateTime(page, '截止领取', new Date(thisMinute().getTime() + DAY_MS));
    await page.getByLabel('领取后有效天数').fill('7');
    await expectAccessible(page);
    await page.getByRole('button', { name: '保存' }).click();

    await page.getByRole('heading', { name: '满100减19.99', level: 1 }).waitFor();
    await page.getByTestId('stat-remaining').getByText('100', { exact: true }).waitFor();
    const id = page.url().split('/').pop()!;
    expect((await merchantGet(`/v1/merchant/coupon-templates/${id}`)).body).toMatchObject({
      type: 'amount_off',
      valueFen: 1999,
      percentOff: null,
      minSpendFen: 10000,
      distribution: 'public',
      totalQuantity: 100,
      perUserLimit: 1,
      validity: { type: 'relative', days: 7 },
      productIds: null,
      status: 'active',
    });
    await expectAccessible(page);
  });

  it('creates a percent-off code template for chosen products, and makes and lists its codes', async () => {
    await page.goto('/console/coupon-templates/new');
    await page.getByLabel('名称', { exact: true }).fill('绿茶八五折');
    await page.getByRole('radio', { name: '折扣券' }).check();
    await page.getByLabel('折扣比例').fill('15');
    await page.getByLabel('最高优惠').fill('30.5');
    await choose(page, '发放方式', '兑换码');
    await page.getByLabel('发放总量').fill('50');
    await page.getByLabel('每人限领').fill('2');
    await pickDateTime(page, '开始领取', new Date(thisMinute().getTime() + DAY_MS));
    await pickDateTime(page, '截止领取', new Date(thisMinute().getTime() + 2 * DAY_MS));
    await page.getByRole('radio', { name: '固定日期' }).check();
    await pickDateTime(page, '生效时间', new Date(thisMinute().getTime() + DAY_MS));
    await pickDateTime(page, '失效时间', new Date(thisMinute().getTime() + 30 * DAY_MS));
    await page.getByRole('switch', { name: '全部商品可用' }).click();
    await choose(page, '适用商品', '云雾绿茶 250 克 (TEA-YUNWU-250G)', '云雾');
    await page.getByRole('button', { name: '保存' }).click();

    await page.getByRole('heading', { name: '绿茶八五折', level: 1 }).waitFor();
    const id = page.url().split('/').pop()!;
    const template = (await merchantGet(`/v1/merchant/coupon-templates/${id}`)).body;
    expect(template).toMatchObject({
      type: 'percent_off',
      valueFen: null,
      percentOff: 15,
      maxDiscountFen: 3050,
      minSpendFen: 0,
      distribution: 'code',
      totalQuantity: 50,
      perUserLimit: 2,
      validity: { type: 'absolute' },
      productIds: [productId],
      status: 'scheduled',
    });
    expect(Date.parse(template.validity.endsAt) - Date.parse(template.validity.startsAt)).toBe(29 * DAY_MS);

    await page.getByRole('button', { name: '生成兑换码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('数量（1 至 10000）').fill('3');
    await dialog.getByRole('button', { name: '生成兑换码' }).click();
    await dialog.getByRole('button', { name: '完成' }).click();
    await page.getByRole('cell', { name: '未兑换' }).nth(2).waitFor();
    const codes = (await merchantGet(`/v1/merchant/coupon-templates/${id}/codes`)).body.items;
    expect(codes).toHaveLength(3);
    await page.getByText(codes[0].code, { exact: true }).waitFor();
    await choose(page, '按状态筛选兑换码', '已兑换');
    await page.getByRole('cell', { name: '暂无数据' }).waitFor();
    await expectAccessible(page);
  });

  it('shows the server’s refusal of a flash sale at its field, then creates the sale', async () => {
    await page.goto('/console/flash-sales');
    await page.getByRole('heading', { name: '秒杀活动', level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: '新建' }).click();
    await page.getByRole('heading', { name: '新建秒杀', level: 1 }).waitFor();

    await choose(page, '商品', '云雾绿茶 250 克 (TEA-YUNWU-250G)', '云雾');
    await page.getByLabel('秒杀价').fill('9.90');
    await page.getByLabel('秒杀库存').fill('3');
    await page.getByLabel('每人限购').fill('5'); // the browser has no rule against it; the service does
    await pickDateTime(page, '开始时间', thisMinute());
    await pickDateTime(page, '结束时间', new Date(thisMinute().getTime() + DAY_MS));
    await page.getByRole('button', { name: '保存' }).click();

    const limitError = page.locator('#perUserLimit_help');
    await limitError.getByText('must not exceed totalStock').waitFor();
    expect((await merchantGet('/v1/merchant/flash-sales')).body.items).toEqual([]);
    await expectAccessible(page);

    await page.getByLabel('每人限购').fill('1');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '秒杀：云雾绿茶 250 克', level: 1 }).waitFor();
    saleId = page.url().split('/').pop()!;
    expect((await merchantGet(`/v1/merchant/flash-sales/${saleId}`)).body).toMatchObject({
      productId,
      priceFen: 990,
      totalStock: 3,
      perUserLimit: 1,
      paymentWindowSeconds: 600,
      status: 'active',
    });
  });

  it('shows a shopper’s paid purchase on the flash-sale page without a reload', async () => {
    await page.getByTestId('stat-remaining').getByText('3', { exact: true }).waitFor();
    await page.evaluate('window.stillHere = true'); // gone if the page reloads

    const shopper = await loginShopper(harness.app);
    const accepted = await purchase(harness.app, shopper, saleId);
    expect(accepted.status).toBe(202);
    await persistReservations(harness.app);
    const reservation = await harness.app.http.get(`/v1/flash-sales/reservations/${accepted.body.reservationId}`, {
      token: shopper.token,
    });
    const order = await getOrder(harness.app, shopper, reservation.body.orderId);
    expect((await payAndSettle(harness.app, shopper, order)).status).toBe('paid');

    await waitLive(page.getByTestId('stat-paid').getByText('1', { exact: true }));
    await waitLive(page.getByTestId('stat-remaining').getByText('2', { exact: true }));
    const timeline = page.locator('.ant-card').filter({ has: page.getByText('趋势', { exact: true }) });
    await waitLive(timeline.locator('canvas').first()); // the first bucket replaced "暂无数据"
    await timeline.getByText('按天', { exact: true }).click();
    await expect(timeline.getByRole('radio', { name: '按天' }).isChecked()).resolves.toBe(true);
    await timeline.locator('canvas').first().waitFor();
    await expect(page.evaluate('window.stillHere')).resolves.toBe(true);
    await expectAccessible(page);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'campaign');
  });

  it('ends the flash sale early after a confirmation; the next purchase is refused', async () => {
    await page.getByRole('button', { name: '立即结束' }).click();
    const dialog = page.getByRole('dialog', { name: '确定立即结束此活动？' });
    await dialog.waitFor();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '立即结束' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/已于 .* 提前结束/).waitFor();
    await expect(page.getByRole('button', { name: '立即结束' }).count()).resolves.toBe(0);

    const shopper = await loginShopper(harness.app);
    expectError(await purchase(harness.app, shopper, saleId), 409, 'FLASH_SALE_NOT_ACTIVE');
    await page.goto('/console/flash-sales');
    await page.getByRole('row', { name: /云雾绿茶 250 克.*已结束/ }).waitFor();
  });

  it('holds at a tablet’s 768 px: lists scroll inside their table, the campaign page and forms fit', async () => {
    await atTablet(page);
    for (const path of ['/console/flash-sales', `/console/flash-sales/${saleId}`, '/console/coupon-templates/new']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    await expectAccessible(page);
  });
});
