// The key goes only where the person pointed it: with the gateway on a local port and every
// other setting at its default (the self-service address is the built-in one, never typed),
// every follow-up button of every verdict is clicked while the browser records every
// request. No request carrying the key may go to any origin but the typed gateway's.
//
// Also here: a verdict already on screen is re-worded when the language changes.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTwin, startApp, launch, openApp, pick, send, closeContexts, resetTwins } from './harness.mjs';

let twin, app, browser;
before(async () => {
  [twin, app] = await Promise.all([startTwin(), startApp()]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  app?.stop();
  twin?.stop();
});
afterEach(closeContexts);

const diagnosis = (page) => page.getByRole('region', { name: /^(Diagnosis|诊断)$/ });
const nextActions = (page) => diagnosis(page).getByRole('group', { name: /^(Next actions|下一步操作)$/ });
const followUps = (page) => diagnosis(page).getByRole('list', { name: /^(Follow-up checks|后续检查)$/ });

const reset = () => resetTwins(twin);

/** Opens the app and records every request the page makes, with the key's presence. */
async function openRecorded(t, key, gateway = twin.url) {
  const page = await openApp(browser, app.url, { gateway, key });
  const seen = [];
  page.on('request', (request) => {
    const headers = request.headers();
    const carries = request.url().includes(key) || Object.values(headers).some((v) => v.includes(key)) || (request.postData() ?? '').includes(key);
    seen.push({ origin: new URL(request.url()).origin, url: request.url(), carries });
  });
  page.seen = seen;
  // Every console line the page writes, of any level: the key must be in none of them.
  const logged = [];
  page.on('console', (m) => logged.push(m.text()));
  page.logged = logged;
  page.key = key;
  return page;
}

/** Every request that carried the key went to the typed gateway's origin. */
function assertKeyStayedHome(page, gatewayOrigin) {
  const strays = page.seen.filter((r) => r.carries && r.origin !== gatewayOrigin);
  assert.deepEqual(strays, [], `requests carrying the key left for another origin: ${JSON.stringify(strays)}`);
  assert.ok(page.seen.some((r) => r.carries && r.origin === gatewayOrigin), 'the key did reach the gateway (the recorder works)');
  const loggedKey = page.logged.filter((line) => line.includes(page.key));
  assert.deepEqual(loggedKey, [], 'the key is in no console line');
  assert.ok(!page.url().includes(page.key), 'the key is not in the page address');
}

/** Clicks every follow-up button the verdict offers, waiting for each to finish. */
async function clickEveryFollowUp(page) {
  const clicked = [];
  for (const name of ['Is this model visible to my key?', 'Key status and balance', 'Does this gateway let my browser in?']) {
    const button = nextActions(page).getByRole('button', { name, exact: true });
    if ((await button.count()) === 0) continue;
    await button.click();
    await followUps(page).getByRole('listitem').nth(clicked.length).waitFor({ timeout: 30000 });
    clicked.push(name);
  }
  return clicked;
}

const scenarios = [
  { name: 'a wrong key', key: 'sk-not-a-real-key-0123456789', category: 'authentication-failure', offers: ['Key status and balance'] },
  { name: 'a disabled token', key: 'sk-twin-disabled', category: 'token-unavailable', offers: ['Key status and balance'] },
  { name: 'a typo in the model id', key: 'sk-twin-valid', model: 'gpt-5.4x', category: 'model-not-available', offers: ['Is this model visible to my key?', 'Key status and balance'] },
  { name: 'a model outside the allowlist', key: 'sk-twin-allowlist', category: 'model-not-available', offers: ['Is this model visible to my key?', 'Key status and balance'] },
  { name: 'a gateway route without CORS', key: 'sk-twin-valid', base: '/_nocors', category: 'network-or-cors', offers: ['Does this gateway let my browser in?'] },
];

for (const s of scenarios) {
  test(`the key never leaves the typed gateway: every follow-up after ${s.name}`, async (t) => {
    await reset();
    const gateway = twin.url + (s.base ?? '');
    const page = await openRecorded(t, s.key, gateway);
    await pick(page, 'Chat Completions');
    if (s.model) await page.getByRole('combobox', { name: 'Model', exact: true }).fill(s.model);
    assert.equal(await send(page), s.category);
    const clicked = await clickEveryFollowUp(page);
    assert.deepEqual(clicked, s.offers, 'the verdict offers exactly these follow-ups');
    // The self-service address was never typed: the key-status check asks before anything goes.
    if (clicked.includes('Key status and balance')) {
      const item = followUps(page).locator('[data-check="key-status"]');
      await item.getByLabel("This gateway's self-service API URL").waitFor();
      assert.ok(!page.seen.some((r) => r.origin === 'https://webapi.routescope.ai'), 'nothing went to the built-in self-service host');
      // Confirming the offered address (the gateway's own origin) runs the check there.
      assert.equal(await item.getByLabel("This gateway's self-service API URL").inputValue(), new URL(twin.url).origin);
      await item.getByRole('button', { name: 'Check this address' }).click();
      await followUps(page).locator('[data-check="key-status"][data-ok="ok"], [data-check="key-status"][data-ok="bad"]').waitFor({ timeout: 30000 });
    }
    assertKeyStayedHome(page, new URL(twin.url).origin);
    assert.deepEqual(page.errors, []);
  });
}

test('the CORS probe never carries the key, and speaks of the route that failed', async (t) => {
  await reset();
  const key = 'sk-twin-valid';
  const page = await openRecorded(t, key, `${twin.url}/_nocors`);
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'network-or-cors');
  const sentBefore = page.seen.length;
  await nextActions(page).getByRole('button', { name: 'Does this gateway let my browser in?', exact: true }).click();
  const item = followUps(page).locator('[data-check="cors-probe"]');
  await item.waitFor({ timeout: 30000 });
  const probes = page.seen.slice(sentBefore);
  assert.ok(probes.length >= 1, 'the probe sent something');
  assert.ok(probes.every((r) => !r.carries), `a probe carried the key: ${JSON.stringify(probes)}`);
  assert.ok(probes.every((r) => r.url.startsWith(`${twin.url}/_nocors/v1/chat/completions`)), `the probe tested another route: ${JSON.stringify(probes)}`);
  assert.match(await item.textContent(), /this route/);
  assert.match(await item.textContent(), /_nocors\/v1\/chat\/completions/);
});

test('switching the language re-words a verdict already on screen', async (t) => {
  await reset();
  const page = await openRecorded(t, 'sk-twin-broke');
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'insufficient-balance');
  const headline = diagnosis(page).getByRole('heading', { level: 2 });
  const english = await headline.textContent();
  assert.doesNotMatch(english, /[\u4e00-\u9fff]/, `the headline starts in English: ${english}`);
  const checksBefore = await diagnosis(page).getByRole('list', { name: /^(What to check|检查事项)$/ }).textContent();
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.waitForFunction(() => /[\u4e00-\u9fff]/.test(document.querySelector('.verdict-headline')?.textContent ?? ''));
  const chinese = await headline.textContent();
  assert.notEqual(chinese, english);
  const checksAfter = await diagnosis(page).getByRole('list', { name: /^(What to check|检查事项)$/ }).textContent();
  assert.match(checksAfter, /[\u4e00-\u9fff]/, 'what to check is re-worded too');
  assert.notEqual(checksAfter, checksBefore);
  assert.match(await diagnosis(page).textContent(), /余额不足/, 'the category title follows');
  await page.getByLabel('Language').selectOption('en');
  await page.waitForFunction((before) => document.querySelector('.verdict-headline')?.textContent === before, english);
});

/** Every value in this origin's localStorage and sessionStorage, joined. */
const storedText = (page) => page.evaluate(() => [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`)).join('\n'));

test('"Keep key in this browser" keeps the key only while chosen: stored and restored on reload, deleted when memory-only', async (t) => {
  const key = 'sk-twin-valid';
  const page = await openApp(browser, app.url, { gateway: twin.url, key });
  const keeping = page.getByLabel('Where the key is kept');
  const keyBox = page.getByLabel('API key', { exact: true });
  assert.equal(await keeping.inputValue(), 'memory', 'memory only by default');
  await page.getByLabel('Text of message 1').fill('typed to make the settings save');
  await page.waitForFunction(() => Object.keys(localStorage).length > 0);
  assert.doesNotMatch(await storedText(page), new RegExp(key), 'memory only: the key is in no storage');
  await page.reload();
  assert.equal(await keyBox.inputValue(), '', 'memory only: a reload does not bring the key back');

  await keyBox.fill(key);
  await keeping.selectOption('browser');
  await page.waitForFunction((k) => Object.values(localStorage).some((v) => v.includes(k)), key);
  await page.reload();
  assert.equal(await keyBox.inputValue(), key, 'kept in the browser: the key comes back after a reload');
  assert.equal(await keeping.inputValue(), 'browser');

  await keeping.selectOption('memory');
  await page.waitForFunction((k) => !Object.values(localStorage).some((v) => v.includes(k)), key);
  assert.doesNotMatch(await storedText(page), new RegExp(key), 'memory only again deletes it');
  await page.reload();
  assert.equal(await keyBox.inputValue(), '', 'and a reload no longer brings it back');
  assert.deepEqual(page.errors, []);
});
