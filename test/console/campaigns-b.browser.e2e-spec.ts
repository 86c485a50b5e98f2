import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import jsQR from 'jsqr';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { openRoom, pay } from '../group-buy/group-buy-fixtures';
import { createPrizeTemplate, draw } from '../lucky-draw/lucky-draw-fixtures';
import { createMerchant, createProduct, loginShopper, TestMerchant } from '../support/fixtures';
import { describeInBrowser, newDesktopPage } from './support/browser';
import { startConsoleHarness } from './support/console-app';
import { atTablet, expectAccessible, signIn, waitLive } from './support/console-page';

dayjs.extend(utc);
dayjs.extend(timezone);

const SHARE_LINK_BASE = 'https://shop.example.cn/group?t=';

/** A wall-clock time as the console's date pickers take it: Asia/Shanghai, the console's default zone. */
const shanghai = (offsetMs: number) =>
  dayjs(Date.now() + offsetMs)
    .tz('Asia/Shanghai')
    .format('YYYY-MM-DD HH:mm');

async function pickDateTime(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  // The picker's own OK: Enter would also submit the form.
  await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
  await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'detached' });
}

/** Opens an antd Select by its label, types to search, and picks the option whose title starts with `title`. */
async function choose(page: Page, label: string, title: string, search = true): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  await select.click();
  if (search) await select.fill(title);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${title}"]`).click();
  await closed(page);
}

/** Waits until no Select's dropdown is showing (an open one's listbox is unnamed: antd's, not the page's). */
const closed = (page: Page) => page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });

/**
 * A form's submit button by its text. Not by its exact accessible name: after a refused submit antd may keep the
 * leaving spinner (aria-label "loading") in the button for a while on a loaded machine.
 */
const submitButton = (page: Page, text: string) => page.getByRole('button', { name: text });

/** Waits until the open dialogs have finished appearing: axe reads a dialog still fading in as too pale. */
const dialogShown = (page: Page) =>
  page.waitForFunction(
    `[...document.querySelectorAll('.ant-modal')].every((m) => !/-appear|-enter/.test(m.className) && getComputedStyle(m).opacity === '1')`,
  );

/** The id at the end of the console URL of a campaign page. */
const idInUrl = (page: Page) => new URL(page.url()).pathname.split('/').pop()!;

describeInBrowser('the console: group-buys, lucky draws and rebate rules', () => {
  let harness: Awaited<ReturnType<typeof startConsoleHarness>>;
  let page: Page;
  let merchant: TestMerchant;

  beforeAll(async () => {
    harness = await startConsoleHarness({ env: { SHARE_LINK_BASE } });
    merchant = await createMerchant(harness.app, '莲花茶舍');
    await createProduct(harness.app, merchant, { name: '龙井礼盒', sku: 'LJ-GIFT', priceFen: 10_000 });
    page = await newDesktopPage(harness.browser, harness.app.url);
    await signIn(page, merchant.apiKey);
  });
  afterAll(() => harness?.close());

  it('creates a group-buy through the form, the server refusing a price first at its field', async () => {
    await page.goto('/console/group-buys');
    await page.getByRole('heading', { name: '拼团活动', level: 1 }).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: '新建' }).click();
    await page.waitForURL('**/console/group-buys/new');
    await choose(page, '商品', '龙井礼盒');
    await page.getByLabel('拼团价').fill('120.00');
    await page.getByLabel('团长价').fill('50.00');
    await page.getByLabel('成团人数').fill('2');
    await page.getByLabel('成团时限').fill('3600');
    await pickDateTime(page, '开始时间', shanghai(-2 * 60_000));
    await pickDateTime(page, '结束时间', shanghai(86_400_000));
    await expectAccessible(page);

    // Above the product's price: the browser lets it through, the server refuses it at the field.
    await submitButton(page, '创建').click();
    const priceItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('拼团价') });
    await priceItem.getByText(/must not exceed the product's price/).waitFor();

    await page.getByLabel('拼团价').fill('60.00');
    await submitButton(page, '创建').click();
    await page.waitForURL(/\/console\/group-buys\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '龙井礼盒', level: 1 }).waitFor();
    await page.getByText('¥60.00').first().waitFor();
    await page.getByText('还没有人开团').waitFor();
  });

  it('shows, without a reload, the room a shopper opened and paid, with its QR code', async () => {
    const campaignId = idInUrl(page);
    await page.evaluate('window.stillHere = true'); // gone if the page reloads

    const leader = await loginShopper(harness.app);
    const opened = await openRoom(harness.app, leader, campaignId);
    const rooms = page.getByTestId('group-rooms');
    await waitLive(rooms.getByText('待团长支付'));
    await pay(harness.app, opened.order);
    await waitLive(rooms.getByText('拼团中'));
    await waitLive(rooms.getByText('已付 1 / 已占 1 / 共 2'));
    await waitLive(page.getByTestId('stat-open').getByText('1', { exact: true }));
    await expect(page.evaluate('window.stillHere')).resolves.toBe(true);
    await expectAccessible(page);

    await rooms.getByRole('button', { name: /二维码/ }).click();
    const image = page.getByTestId('room-qrcode');
    await image.waitFor();
    await page.waitForFunction(`document.querySelector('[data-testid="room-qrcode"]')?.naturalWidth > 0`);
    const png = PNG.sync.read(await image.screenshot());
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(`${SHARE_LINK_BASE}${opened.room.shareToken}`);
    await page.getByText(`${SHARE_LINK_BASE}${opened.room.shareToken}`).waitFor();
    await dialogShown(page);
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await image.waitFor({ state: 'detached' });

    // At a tablet's width the page still fits (wide tables scroll inside their own region).
    await atTablet(page);
    await page.waitForFunction('document.documentElement.scrollWidth <= window.innerWidth');
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('edits the started group-buy: its terms are locked, a later end is saved', async () => {
    const campaignId = idInUrl(page);
    await page.getByRole('button', { name: '编辑' }).click();
    await page.waitForURL(`**/console/group-buys/${campaignId}/edit`);
    await page.getByText('活动已开始：只能修改名称、延后结束时间或增加库存。').waitFor();
    await expect(page.getByLabel('拼团价').isDisabled()).resolves.toBe(true);
    await pickDateTime(page, '结束时间', shanghai(2 * 86_400_000));
    await expectAccessible(page);
    await submitButton(page, '保存').click();
    await page.waitForURL(`**/console/group-buys/${campaignId}`);
    const saved = await harness.app.http.get(`/v1/merchant/group-buys/${campaignId}`, { token: merchant.apiKey });
    expect(new Date(saved.body.endsAt).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    expect(saved.body.groupPriceFen).toBe(6000);
  });

  it('creates a lucky draw with an item and a coupon prize through the form', async () => {
    await createPrizeTemplate(harness.app, merchant);
    await page.goto('/console/lucky-draws');
    await page.getByRole('heading', { name: '幸运抽奖', level: 1 }).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: '新建' }).click();
    await page.waitForURL('**/console/lucky-draws/new');
    await page.getByLabel('活动名称').fill('新春抽奖');
    await pickDateTime(page, '开始时间', shanghai(-2 * 60_000));
    await pickDateTime(page, '结束时间', shanghai(86_400_000));
    await page.getByLabel('每人每天抽奖次数').fill('3');

    const first = page.getByTestId('prize-1');
    await first.getByLabel('奖品名称').fill('青花茶杯');
    await first.getByLabel('权重').fill('99');
    await first.getByLabel('库存').fill('10');
    await page.getByRole('button', { name: '添加奖品' }).click();
    const second = page.getByTestId('prize-2');
    await second.getByLabel('奖品名称').fill('五元券');
    await second.getByLabel('奖品类型').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="优惠券"]').click();
    await closed(page);
    await second.getByLabel('权重').fill('1');
    await choose(page, '优惠券模板', 'Prize coupon', false);
    await first.getByText('中奖概率 99.00%').waitFor();
    await second.getByText('中奖概率 1.00%').waitFor();
    await expectAccessible(page);

    await submitButton(page, '创建').click();
    await page.waitForURL(/\/console\/lucky-draws\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '新春抽奖', level: 1 }).waitFor();
    await expect(page.getByTestId('seed-commitment').textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await page.getByText('活动结束后公开', { exact: true }).waitFor();
    await expectAccessible(page);
  });

  it('marks an item prize a shopper won shipped, from the fulfilment list, with a note', async () => {
    const campaignId = idInUrl(page);
    let drawId: string | undefined;
    for (let attempt = 0; attempt < 20 && !drawId; attempt++) {
      const won = await draw(harness.app, await loginShopper(harness.app), campaignId);
      expect(won.status).toBe(201);
      if (won.body.prize.kind === 'item') drawId = won.body.drawId;
    }
    expect(drawId).toBeDefined();

    const fulfilments = page.getByTestId('fulfilments');
    await waitLive(fulfilments.getByText('待发货'));
    await waitLive(page.getByTestId('stat-draws').getByText(/^[1-9]/));
    await fulfilments.getByRole('button', { name: /标记已发货/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('备注').fill('顺丰 SF1234567890');
    await dialogShown(page);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '标记已发货' }).click();
    await dialog.waitFor({ state: 'detached' });
    await fulfilments.getByText('没有需要处理的实物奖品').waitFor();

    await page.locator('label', { has: page.getByRole('radio', { name: '已发货' }) }).click();
    await fulfilments.getByText('顺丰 SF1234567890').waitFor();
    const listed = await harness.app.http.get(`/v1/merchant/lucky-draws/${campaignId}/fulfilments?status=shipped`, {
      token: merchant.apiKey,
    });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ drawId, status: 'shipped', note: '顺丰 SF1234567890' }),
    ]);
  });

  it('ending the draw early reveals its seed, which matches the commitment', async () => {
    const commitment = (await page.getByTestId('seed-commitment').textContent())!;
    await page.getByRole('button', { name: '立即结束' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByRole('button', { name: '立即结束' }).click();
    await confirm.waitFor({ state: 'detached' });
    const seed = page.getByTestId('revealed-seed');
    await seed.waitFor();
    const revealed = (await seed.textContent())!;
    expect(createHash('sha256').update(Buffer.from(revealed, 'hex')).digest('hex')).toBe(commitment);
    await page.getByText('已结束').first().waitFor();
    await expectAccessible(page);
  });

  it('creates a rebate rule through the form and shows its page', async () => {
    await page.goto('/console/rebate-rules');
    await page.getByRole('heading', { name: '返现规则', level: 1 }).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: '新建' }).click();
    await page.waitForURL('**/console/rebate-rules/new');
    await page.getByLabel('规则名称').fill('好评返现');
    await page.getByRole('radio', { name: '按比例' }).check();
    await page.getByLabel('返现比例').fill('10');
    await page.getByLabel('单笔返现上限').fill('20.00');
    await pickDateTime(page, '开始时间', shanghai(-2 * 60_000));
    await pickDateTime(page, '结束时间', shanghai(86_400_000));
    await expectAccessible(page);
    await submitButton(page, '创建').click();
    await page.waitForURL(/\/console\/rebate-rules\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '好评返现', level: 1 }).waitFor();
    await page.getByText('10%（最多 ¥20.00）').waitFor();
    await page.getByText('604800 秒（7 天）').waitFor();
    await expectAccessible(page);

    await page.goto('/console/rebate-rules');
    await page.getByRole('link', { name: '好评返现' }).waitFor();
  });
});
