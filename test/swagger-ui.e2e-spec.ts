import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import playwright, { type BrowserContext, type Page } from 'playwright-core';
import { startGateway, type RunningGateway } from './support/gateway.js';

/** Debian's package (`apt-get install chromium`); no browser is ever downloaded. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = resolve(process.cwd(), 'test-artifacts', 'swagger-ui.png');
const KEY = 'docs-key-0123456789abcdef';

const browserAvailable = existsSync(CHROMIUM);
const SKIPPED = `SKIPPED: ${CHROMIUM} is missing (install it with \`apt-get install chromium\`; .ci/run does)`;
if (!browserAvailable) process.stderr.write(`\nswagger-ui.e2e-spec.ts: ${SKIPPED}\n\n`);
const describeInBrowser = browserAvailable ? describe : describe.skip;

describeInBrowser(`the Swagger UI in headless Chromium${browserAvailable ? '' : ` — ${SKIPPED}`}`, () => {
  let gateway: RunningGateway;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_API_KEYS: `docs:${KEY}:*` });
    profile = mkdtempSync(join(tmpdir(), 'swagger-ui-chromium-'));
    browser = await playwright.chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 1000 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
    await gateway?.close();
  });

  it('authorizes with a key and runs "Try it out" on POST /v1/sms, showing the 201', async () => {
    await page.goto(`${gateway.url}/docs`);

    await page.locator('button.btn.authorize').first().click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('input').first().fill(KEY);
    await dialog.locator('button.authorize').click();
    await dialog.locator('button.btn-done').click();

    const operation = page.locator('.opblock.opblock-post', {
      has: page.locator('.opblock-summary-path[data-path="/v1/sms"]'),
    });
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();

    const status = operation.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 15_000 });
    await status.scrollIntoViewIfNeeded();
    mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    expect((await status.innerText()).trim()).toBe('201');
    const body = await operation
      .locator('.live-responses-table tbody .response-col_description')
      .first()
      .innerText();
    expect(body).toContain('"messageId"');
    expect(gateway.sandbox!.state.outbox('sms')).toHaveLength(1);
  }, 60_000);
});
