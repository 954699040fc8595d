import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { STRONG_PASSWORD, uniqueEmail } from '../../helpers/factories';
import { startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * Swagger UI as a newcomer uses it, in a real browser: sign up, Authorize with the access token,
 * create a key, Authorize with the key instead, call GET /auth/user. Debian's chromium only (no
 * browser download): without it the suite is skipped, except under CI, where it fails.
 */
const CHROMIUM = '/usr/bin/chromium';
const runs = existsSync(CHROMIUM) || Boolean(process.env.CI);
const describeBrowser = runs ? describe : describe.skip;
const SKIPPED = runs
  ? ''
  : ` [skipped: no ${CHROMIUM}; apt-get install chromium, or CI=true fails]`;

/** Generous: two cores shared with other suites, and Swagger UI renders a large document. */
const UI_TIMEOUT = 30_000;
/** The Authorize dialog's buttons, by their accessible names. */
const APPLY = 'button[aria-label="Apply credentials"]';
const LOGOUT = 'button[aria-label="Remove authorization"]';

describeBrowser(`Swagger UI in a browser${SKIPPED}`, () => {
  let t: TestApp;
  let base: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  /** Page errors, console errors and CSP violations: each test ends expecting none. */
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startListeningApp();
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    userDataDir = mkdtempSync(join(tmpdir(), 'keyward-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      timeout: 60_000,
    });
    context.setDefaultTimeout(UI_TIMEOUT);
    // A CSP violation is reported to the page, not always to the console.
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) =>
        console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI));`,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text())) {
        problems.push(`console ${msg.type()}: ${msg.text()}`);
      }
    });
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await t?.close();
  });

  /** Expands an operation and presses "Try it out". */
  async function tryOut(operation: string): Promise<Locator> {
    const block = page.locator(`#operations-${operation}`);
    const button = block.locator('.try-out__btn');
    // A click while Swagger UI is still rendering can be lost: retry until the block is open.
    for (let attempt = 1; !(await button.isVisible()); attempt++) {
      if (attempt > 10) throw new Error(`${operation} does not open`);
      if (!(await block.getAttribute('class'))?.includes('is-open')) {
        await block.locator('.opblock-summary').first().click();
      }
      await button.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await button.click();
    return block;
  }

  /** Presses Execute and returns the live response's status and body. */
  async function execute(block: Locator): Promise<{ status: number; body: unknown }> {
    await block.locator('.execute').click();
    const response = block.locator('.responses-wrapper .live-responses-table .response').first();
    const status = response.locator('.response-col_status');
    await status.waitFor();
    const text = await response.locator('.response-col_description pre').first().textContent();
    return { status: Number((await status.textContent())?.trim()), body: JSON.parse(text ?? '') };
  }

  /** Opens the Authorize dialog, lets `act` work on the scheme's box, and closes the dialog. */
  async function authorize(act: (scheme: (name: string) => Locator) => Promise<void>) {
    await page.locator('.auth-wrapper .authorize').click();
    const dialog = page.locator('.modal-ux');
    await dialog.waitFor();
    await act((name) =>
      dialog.locator('.auth-container').filter({ has: page.locator(`h4:has-text("${name}")`) }),
    );
    await dialog.locator('.close-modal').click();
    await dialog.waitFor({ state: 'detached' });
  }

  it('sends / to /docs', async () => {
    const res = await fetch(`${base}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/docs');
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/docs`);
    await page.locator('#operations-auth-signUp').waitFor();
    expect(problems).toEqual([]);
  });

  it('signs up, authorizes with the token, creates a key and calls GET /auth/user with it, also after a reload', async () => {
    await page.goto(`${base}/docs`);
    const email = uniqueEmail('swagger-ui');
    const signUp = await tryOut('auth-signUp');
    await signUp
      .locator('textarea.body-param__text')
      .fill(JSON.stringify({ email, password: STRONG_PASSWORD }));
    const signedUp = await execute(signUp);
    expect(signedUp.status).toBe(201);
    const accessToken = (signedUp.body as { access_token: string }).access_token;
    expect(accessToken).toMatch(/^ey/);

    await authorize(async (scheme) => {
      await scheme('bearer').locator('input').fill(accessToken);
      await scheme('bearer').locator(APPLY).click();
    });

    const create = await tryOut('api-keys-createApiKey');
    await create
      .locator('textarea.body-param__text')
      .fill(JSON.stringify({ name: 'from Swagger UI', scopes: ['read:users'] }));
    const created = await execute(create);
    expect(created.status).toBe(201);
    const key = (created.body as { key: string }).key;
    expect(key).toMatch(/^kw_/);

    // Only the key from now on: GET /auth/user must succeed with it alone.
    await authorize(async (scheme) => {
      await scheme('bearer').locator(LOGOUT).click();
      await scheme('api_key').locator('input').fill(key);
      await scheme('api_key').locator(APPLY).click();
    });
    const getUser = await tryOut('auth-getUser');
    const user = await execute(getUser);
    expect(user).toEqual({ status: 200, body: expect.objectContaining({ email }) as unknown });
    const curl = await getUser.locator('.curl-command').textContent();
    expect(curl).toContain('X-API-Key');
    expect(curl).not.toContain('Authorization');

    // The key is remembered (persistAuthorization): after a reload it still works.
    await page.reload();
    const again = await execute(await tryOut('auth-getUser'));
    expect(again.status).toBe(200);
    expect(problems).toEqual([]);
  }, 120_000);
});
