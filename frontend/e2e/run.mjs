// End-to-end tests of the shop in headless Chromium against the real system (see system.mjs).
// Run by bin/test-frontend after the jars and the front end are built. Screenshots of every page
// go to frontend/target/screenshots/, logs to frontend/target/e2e/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { scanTicketQr, System, waitFor } from './system.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, '..');
const root = resolve(frontend, '..');
const shots = join(frontend, 'target', 'screenshots');
const logDir = join(frontend, 'target', 'e2e');
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });
mkdirSync(logDir, { recursive: true });
const workDir = mkdtempSync(join(tmpdir(), 'tixproof-e2e-'));
const profileDir = mkdtempSync(join(tmpdir(), 'tixproof-e2e-chromium-'));

const WHOLE_RUN_MS = 8 * 60_000;
const run = Date.now().toString(36);
const admin = { email: `door-${run}@tixproof.test`, password: 'door-staff-password' };
const buyer = { email: `ana-${run}@example.com`, name: 'Ana Pérez', password: 'correct horse battery' };
const EVENT = { name: `E2E Night ${run}`, venue: 'Teatro Municipal, Santiago', price: 12000, capacity: 30 };

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const accessibility = [];
const audited = [];

const system = new System({ root, workDir, logDir, admin });
let context;
let page;
let shotNo = 0;
const results = [];
const state = {};

async function shot(name, { audit = true } = {}) {
  shotNo += 1;
  const file = join(shots, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (audit) await auditAccessibility(name);
  return file;
}

/** axe-core on the page as it is in the screenshot: serious and critical findings are kept. */
async function auditAccessibility(name) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    if (result.passes.length === 0) throw new Error('axe checked nothing');
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  audited.push(name);
  for (const v of violations) accessibility.push({ page: name, ...v });
}

/** One scenario; `needs` names earlier scenarios that must have passed. */
async function step(name, needs, body) {
  const missing = needs.filter((n) => !results.find((r) => r.name === n && r.ok));
  const started = Date.now();
  if (missing.length) {
    results.push({ name, ok: false, why: `not run: needs ${missing.join(', ')}` });
    console.log(`✗ ${name}: not run, needs ${missing.join(', ')}`);
    return;
  }
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false, why: error.message });
    console.log(`✗ ${name}: ${error.stack ?? error}`);
    if (page) await shot(`FAILED-${name.replace(/\W+/g, '-').slice(0, 40)}`, { audit: false }).catch(() => undefined);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const go = (path) => page.goto(system.base + path);
const token = () => page.evaluate(() => JSON.parse(localStorage.getItem('tixproof.session') ?? 'null')?.token ?? null);
const light = () => page.locator('.light');

async function logIn(email, password) {
  await go('/login');
  if (!state.loginShot) state.loginShot = await shot('login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/events');
}

async function logOut() {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  expect(new URL(page.url()).pathname === '/login' && new URL(page.url()).search === '', `after logging out the page is ${page.url()}`);
}

async function wallet() {
  const t = await token();
  const [balance, entries] = await Promise.all([
    system.api('/api/wallet', { token: t }),
    system.api('/api/wallet/entries?limit=100', { token: t }),
  ]);
  return { balance: balance.balance, purchases: entries.items.filter((e) => e.kind === 'PURCHASE') };
}

function card() {
  return page.locator('li.event-card', { hasText: EVENT.name });
}

async function main() {
  await step('system starts with one separate worker', [], async () => {
    await system.start();
    await system.startWorker();
    console.log(`  system on ${system.base} (master ${system.masterPort}, redis ${system.redisPort}), logs in ${logDir}`);
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
  });

  await step('a visitor sees the events and a green worker light with the count', ['system starts with one separate worker'], async () => {
    await go('/');
    await page.waitForURL('**/events');
    await page.getByRole('heading', { name: 'Upcoming events' }).waitFor();
    await page.locator('li.event-card').first().waitFor();
    await page.locator('.light[data-state="up"]').waitFor();
    const text = await light().innerText();
    expect(/Workers online: 1\b/.test(text), `light says ${JSON.stringify(text)}`);
    await shot('events-visitor');
  });

  await step('admin creates an event', ['system starts with one separate worker'], async () => {
    await logIn(admin.email, admin.password);
    await page.getByRole('link', { name: 'New event' }).click();
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByText('Enter the event name.').waitFor();
    await page.getByText('Enter the number of seats, at least 1.').waitFor();
    await shot('admin-new-event-errors');
    const starts = new Date(Date.now() + 24 * 3600_000);
    const local = new Date(starts.getTime() - starts.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('Name', { exact: true }).fill(EVENT.name);
    await page.getByLabel('Venue').fill(EVENT.venue);
    await page.getByLabel('Starts at (your local time)').fill(local);
    await page.getByLabel(/Ticket price/).fill(String(EVENT.price));
    await page.getByLabel('Seats').fill(String(EVENT.capacity));
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByText(`Created “${EVENT.name}”`).waitFor();
    await shot('admin-new-event-created');
    const events = await system.api('/api/events?limit=100');
    const created = events.items.find((e) => e.name === EVENT.name);
    expect(created && created.price === EVENT.price && created.seatsLeft === EVENT.capacity, `event not listed as created: ${JSON.stringify(created)}`);
    state.eventId = created.id;
    await logOut();
  });

  await step('sign up: problems shown next to the fields, then an account', ['system starts with one separate worker'], async () => {
    await go('/signup');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('Enter your e-mail address.').waitFor();
    await page.getByLabel('E-mail').fill(buyer.email);
    await page.getByLabel('Name').fill(buyer.name);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('Use at least 8 characters.').waitFor();
    await shot('signup-errors');
    await page.getByLabel('Password').fill(buyer.password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL('**/events');
    await page.locator('.nav-name', { hasText: buyer.name }).waitFor();
    expect((await token()) !== null, 'no session kept');
  });

  await step('top up: bad amounts refused in words, then 100000 added', ['sign up: problems shown next to the fields, then an account'], async () => {
    await page.getByRole('link', { name: 'Wallet' }).click();
    const amount = page.getByLabel('Amount (CLP)');
    await amount.fill('12.5');
    await page.getByRole('button', { name: 'Add money' }).click();
    await page.getByText('Enter a whole number of CLP').waitFor();
    await amount.fill('99999999');
    await page.getByRole('button', { name: 'Add money' }).click();
    await page.getByText('Bad amount: the server refused it').waitFor();
    await shot('wallet-bad-amount');
    expect((await wallet()).balance === 0, 'a refused top-up moved money');
    await amount.fill('100000');
    await page.getByRole('button', { name: 'Add money' }).click();
    await page.getByText('Your balance is now').waitFor();
    await page.locator('.entry[data-kind="TOP_UP"]').first().waitFor();
    expect((await wallet()).balance === 100000, 'balance is not 100000 after the top-up');
    await shot('wallet-topped-up');
  });

  await step('buy 2 tickets and watch the proof progress bar reach the end', ['admin creates an event', 'top up: bad amounts refused in words, then 100000 added'], async () => {
    await page.getByRole('link', { name: 'Events' }).click();
    await card().getByLabel('Tickets', { exact: true }).fill('2');
    await card().getByRole('button', { name: /^Buy/ }).click();
    await page.waitForURL(/\/purchases\/[0-9a-f-]+$/);
    state.purchaseId = page.url().split('/').pop();
    const bar = page.getByRole('progressbar', { name: 'Payment proof' });
    await bar.waitFor();
    const seen = [];
    const max = Number(await bar.getAttribute('aria-valuemax'));
    expect(max >= 1, `progress bar maximum ${max}`);
    await waitFor(
      'the progress bar to reach the end',
      async () => {
        const now = Number(await bar.getAttribute('aria-valuenow'));
        if (seen[seen.length - 1] !== now) seen.push(now);
        return now === max;
      },
      60_000,
      20,
    );
    console.log(`  progress seen on the page without reloading: ${seen.join(' → ')} of ${max}`);
    await page.getByText(`${max} of ${max} challenges solved`).waitFor();
    // the fill animates to its width: wait until it is drawn full, then take the picture
    await page.waitForFunction(() => {
      const fill = document.querySelector('.progress-fill');
      return fill && fill.getBoundingClientRect().width >= fill.parentElement.getBoundingClientRect().width - 3;
    }, null, { timeout: 5_000 });
    await shot('purchase-proven');
  });

  await step('the ticket becomes ready and downloads as a PDF', ['buy 2 tickets and watch the proof progress bar reach the end'], async () => {
    const button = page.getByRole('button', { name: 'Download ticket (PDF)' });
    await button.waitFor({ timeout: 60_000 });
    await page.getByText('Ticket ready').first().waitFor();
    await shot('purchase-ticket-ready');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
    state.pdf = join(logDir, 'ticket.pdf');
    await download.saveAs(state.pdf);
    const head = readFileSync(state.pdf).subarray(0, 4).toString('latin1');
    expect(head === '%PDF', `the downloaded ticket starts with ${JSON.stringify(head)}, not %PDF`);
    console.log(`  ticket saved to ${state.pdf} as ${download.suggestedFilename()}`);
  });

  await step('a double-clicked buy charges once', ['admin creates an event', 'top up: bad amounts refused in words, then 100000 added'], async () => {
    const before = await wallet();
    const posts = [];
    const listener = (req) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/purchases') posts.push(req);
    };
    page.on('request', listener);
    await page.getByRole('link', { name: 'Events' }).click();
    await card().getByLabel('Tickets', { exact: true }).fill('1');
    await card().getByRole('button', { name: /^Buy/ }).dblclick();
    await page.waitForURL(/\/purchases\/[0-9a-f-]+$/);
    await waitFor('every buy request to be answered', async () => {
      const answered = await Promise.all(posts.map((r) => r.response()));
      return answered.every(Boolean);
    }, 15_000);
    page.off('request', listener);
    const keysSent = new Set(posts.map((r) => r.headers()['idempotency-key']));
    expect(keysSent.size === 1, `the double click sent ${keysSent.size} different Idempotency-Keys`);
    const after = await wallet();
    expect(after.balance === before.balance - EVENT.price, `balance went from ${before.balance} to ${after.balance}, expected one charge of ${EVENT.price}`);
    expect(after.purchases.length === before.purchases.length + 1, `${after.purchases.length - before.purchases.length} purchase entries were added`);
    console.log(`  ${posts.length} request(s) sent, one key, one charge: balance ${before.balance} → ${after.balance}`);
    state.secondPurchase = page.url().split('/').pop();
    await page.getByRole('link', { name: 'Wallet' }).click();
    await page.locator('.entry[data-kind="PURCHASE"]').nth(1).waitFor();
    await shot('wallet-after-purchases');
  });

  await step('an over-budget buy shows the insufficient-funds message and charges nothing', ['admin creates an event', 'top up: bad amounts refused in words, then 100000 added'], async () => {
    const before = await wallet();
    await page.getByRole('link', { name: 'Events' }).click();
    const quantity = Math.min(10, Math.floor(before.balance / EVENT.price) + 1);
    expect(quantity * EVENT.price > before.balance, 'cannot make an over-budget purchase with 10 tickets');
    await card().getByLabel('Tickets', { exact: true }).fill(String(quantity));
    await card().getByRole('button', { name: /^Buy/ }).click();
    const alert = card().getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text.includes('Insufficient funds: your wallet balance is too low for this purchase.'), `message: ${text}`);
    await card().getByRole('link', { name: 'Top up your wallet' }).waitFor();
    expect((await wallet()).balance === before.balance, 'the refused purchase moved money');
    await card().scrollIntoViewIfNeeded();
    await shot('events-insufficient-funds');
  });

  await step('my purchases lists each purchase with its status', ['buy 2 tickets and watch the proof progress bar reach the end'], async () => {
    await page.getByRole('link', { name: 'My purchases' }).click();
    const rows = page.locator('li.purchase-row');
    await rows.first().waitFor();
    const first = page.locator(`li.purchase-row[data-purchase-id="${state.purchaseId}"]`);
    await first.locator('.badge').waitFor();
    const label = await first.locator('.badge').innerText();
    expect(['Ticket ready', 'Paid · preparing ticket'].includes(label), `first purchase's badge: ${label}`);
    await first.getByText(EVENT.name).waitFor();
    await shot('purchases');
  });

  await step('pages read on a phone', ['buy 2 tickets and watch the proof progress bar reach the end'], async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await go('/events');
    await card().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 0, `the events page is ${overflow}px wider than a phone`);
    await shot('phone-events');
    await go(`/purchases/${state.purchaseId}`);
    await page.getByRole('progressbar').waitFor();
    await shot('phone-purchase');
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await step('admin checks the ticket token at the door page', ['the ticket becomes ready and downloads as a PDF'], async () => {
    const ticketToken = scanTicketQr(state.pdf, workDir);
    await logOut();
    await logIn(admin.email, admin.password);
    await page.getByRole('link', { name: 'Door check' }).click();
    const field = page.getByLabel('Ticket token');
    await field.fill(ticketToken);
    await page.getByRole('button', { name: 'Check ticket' }).click();
    await page.getByText('Valid: first check-in, admit').waitFor();
    await page.locator('.verdict').getByText(buyer.name).first().waitFor();
    await page.locator('.verdict').getByText(EVENT.name).first().waitFor();
    await shot('door-valid-first');
    await page.getByRole('button', { name: 'Check ticket' }).click();
    await page.getByText('Valid, but already checked in before').waitFor();
    await shot('door-second-scan');
    const last = ticketToken.slice(-2, -1) === 'A' ? 'B' : 'A';
    await field.fill(ticketToken.slice(0, -2) + last + ticketToken.slice(-1));
    await page.getByRole('button', { name: 'Check ticket' }).click();
    await page.getByText('Not valid: do not admit').waitFor();
    await shot('door-tampered');
  });

  await step('no serious accessibility problem on any page (axe-core)', ['system starts with one separate worker'], async () => {
    const file = join(logDir, 'accessibility.json');
    writeFileSync(file, JSON.stringify(accessibility, null, 2));
    const serious = accessibility.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(audited.length > 0, 'no page was checked');
    console.log(`  ${audited.length} pages checked: ${accessibility.length} finding(s), ${serious.length} serious or critical (${file})`);
    expect(serious.length === 0, serious.map((v) => `${v.page}: ${v.id} (${v.help}) at ${v.nodes.join(', ')}`).join('; '));
  });

  await step('with the worker killed the light turns red, in words', ['system starts with one separate worker'], async () => {
    await go('/events');
    await page.locator('.light[data-state="up"]').waitFor();
    await system.killWorker();
    await page.locator('.light[data-state="down"]').waitFor({ timeout: 30_000 });
    const text = await light().innerText();
    expect(text.includes('Workers offline'), `light says ${JSON.stringify(text)}`);
    await shot('light-red-workers-offline');
  });
}

const watchdog = setTimeout(() => {
  console.log(`✗ the whole run took longer than ${WHOLE_RUN_MS / 60_000} minutes; stopping`);
  cleanUp().finally(() => process.exit(1));
}, WHOLE_RUN_MS);

let cleaned = false;
async function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  await context?.close().catch(() => undefined);
  await system.stop();
  rmSync(profileDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => cleanUp().finally(() => process.exit(130)));
}

try {
  await main();
} catch (error) {
  results.push({ name: 'run', ok: false, why: error.message });
  console.log(`✗ run: ${error.stack ?? error}`);
} finally {
  await cleanUp();
  clearTimeout(watchdog);
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`screenshots: ${shots}`);
for (const r of results.filter((x) => !x.ok)) console.log(`  failed: ${r.name}: ${r.why}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
