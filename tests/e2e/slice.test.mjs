// The first slice, end to end: list models, send a chat, and the failures a person meets,
// each asserting that the diagnosis names the right cause.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startTwin, startApp, launch, openApp, pick, send, closeContexts, resetTwins } from './harness.mjs';

let twin, app, browser;
before(async () => {
  twin = await startTwin();
  app = await startApp();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  app?.stop();
  twin?.stop();
});
afterEach(closeContexts);

const diagnosis = (page) => page.getByRole('region', { name: /^(Diagnosis|诊断)$/ });
const response = (page) => page.getByRole('region', { name: /^(Response|响应)$/ });

const reset = () => resetTwins(twin);

test('lists models and feeds the model picker', async () => {
  const page = await openApp(browser, app.url, { gateway: twin.url });
  await pick(page, 'List models (OpenAI)');
  assert.equal(await send(page), 'success');
  await assert.doesNotReject(response(page).getByLabel('Status').filter({ hasText: '200' }).waitFor());
  const models = response(page).getByRole('list', { name: 'Models' });
  await models.getByText('gpt-5.4', { exact: true }).waitFor();
  // The chat form's model field now suggests the fetched ids.
  await pick(page, 'Chat Completions');
  // The picker offers what matches the typed text: cleared, it offers the list.
  await page.getByRole('combobox', { name: 'Model', exact: true }).fill('');
  await page.locator('datalist#model-options option[value="claude-sonnet-4-6"]').waitFor({ state: 'attached' });
  await page.getByRole('combobox', { name: 'Model', exact: true }).fill('claude');
  assert.deepEqual(await page.locator('datalist#model-options option').evaluateAll((o) => o.map((x) => x.value).filter((v) => !v.startsWith('claude'))), []);
  assert.deepEqual(page.errors, []);
});

test('sends a chat and shows the answer next to a quiet success', async () => {
  const page = await openApp(browser, app.url, { gateway: twin.url });
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'success');
  await response(page).getByRole('region', { name: 'Answer' }).getByText(/Hello from the RouteScope twin/).waitFor();
  const headers = response(page).getByRole('table', { name: 'Response headers' });
  await headers.getByText('content-type').waitFor();
  await response(page).getByText(/hidden by CORS/).waitFor();
  assert.deepEqual(page.errors, []);
});

test('the key is masked in the preview and curl until revealed, and never in the URL', async () => {
  const page = await openApp(browser, app.url, { gateway: twin.url, key: 'sk-twin-valid' });
  await pick(page, 'Chat Completions');
  const preview = page.getByRole('region', { name: 'Request preview' });
  const headers = await preview.getByLabel('Request headers').textContent();
  assert.match(headers, /Authorization: Bearer sk-…alid/);
  assert.doesNotMatch(headers, /sk-twin-valid/);
  const curl = await preview.getByLabel('Export', { exact: true }).textContent();
  assert.match(curl, /\$\{ROUTESCOPE_API_KEY\}/);
  assert.doesNotMatch(curl, /sk-twin-valid/);
  await page.getByRole('button', { name: 'Show key' }).click();
  assert.match(await preview.getByLabel('Export', { exact: true }).textContent(), /sk-twin-valid/);
  assert.doesNotMatch(page.url(), /sk-/);
});

test('Ctrl+Enter sends, and a raw body that is not JSON blocks Send without losing the text', async () => {
  const page = await openApp(browser, app.url, { gateway: twin.url });
  await pick(page, 'Chat Completions');
  await page.getByLabel('Edit the body as raw JSON').check();
  const raw = page.getByLabel('Raw JSON body');
  await raw.fill('{"model": "gpt-5.4", "messages": [}');
  await page.getByText(/Not valid JSON at line 1, column 35/).first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled(), true);
  assert.equal(await raw.inputValue(), '{"model": "gpt-5.4", "messages": [}');
  await raw.fill('{"model": "gpt-5.4", "messages": [{"role": "user", "content": "hi"}]}');
  await page.keyboard.press('Control+Enter');
  await diagnosis(page).locator('[data-category="success"]').waitFor();
});

// Every failure a person meets is a scenario in diagnosis.test.mjs, asserted in full there
// (category, confidence, side, evidence, request id, what to check, the exact next actions).

test('Chinese gateway messages are recognised and the diagnosis speaks Chinese', async () => {
  await reset();
  const page = await openApp(browser, app.url, { gateway: twin.url, key: 'sk-twin-disabled', locale: 'zh-CN' });
  // A first visit from a Chinese browser opens in Chinese, without touching the switch.
  assert.equal(await page.getByLabel('Language').inputValue(), 'zh-CN');
  await page.getByRole('button', { name: '发送', exact: true }).waitFor();
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'token-unavailable');
  await response(page).getByText(/该令牌状态不可用/).first().waitFor();
  const headline = await diagnosis(page).locator('.verdict-headline').textContent();
  assert.match(headline, /[\u4e00-\u9fff]/, `headline in Chinese: ${headline}`);
});

test('the release page carries a strict CSP and renders response HTML as text', async () => {
  const page = await openApp(browser, app.url, { gateway: `${twin.url}/console` });
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  // Live reload's websocket is a development need: the release page connects over http(s) only.
  assert.match(csp, /connect-src 'self' https: http:;/);
  assert.doesNotMatch(csp, /ws:/);
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'incorrect-endpoint');
  // The dashboard's HTML is shown as text: its markup is visible, none of it is rendered.
  await response(page).getByLabel('Response body').getByText(/<!doctype html>/i).waitFor();
  assert.equal(await response(page).getByLabel('Response body').locator('*').count(), 0);
  assert.deepEqual(page.errors, []);
});

/** A typo'd model (503) then the right one (200), on a fresh page against the twin. */
async function twoChats() {
  await reset();
  const page = await openApp(browser, app.url, { gateway: twin.url });
  await pick(page, 'Chat Completions');
  const model = page.getByRole('combobox', { name: 'Model', exact: true });
  await model.fill('gpt-5.4x');
  assert.equal(await send(page), 'model-not-available');
  await model.fill('gpt-5.4');
  assert.equal(await send(page), 'success');
  return { page, model };
}

test('the history restores an earlier request and its diagnosis in one click, without the key', async () => {
  const { page, model } = await twoChats();
  const history = page.getByRole('region', { name: 'History' });
  const items = history.locator('button[data-serial]');
  assert.equal(await items.count(), 2);
  assert.doesNotMatch(await history.textContent(), /sk-twin-valid/);
  await items.nth(1).click();
  assert.equal(await model.inputValue(), 'gpt-5.4x');
  await diagnosis(page).locator('[data-category="model-not-available"]').waitFor();
  await response(page).getByLabel('Status').filter({ hasText: '503' }).waitFor();
  assert.equal(await items.nth(1).getAttribute('aria-current'), 'true');
});

test('the history survives a reload (never the key), and is searched, pruned and cleared', async () => {
  const { page, model } = await twoChats();
  await pick(page, 'List models (OpenAI)');
  assert.equal(await send(page), 'success');
  await page.waitForFunction(() => (localStorage.getItem('routescope.history.v1') ?? '').includes('models'));
  const stored = await page.evaluate(() => localStorage.getItem('routescope.history.v1'));
  assert.doesNotMatch(stored, /sk-twin-valid/, 'the stored history never holds the key');

  await page.reload();
  const history = page.getByRole('region', { name: 'History' });
  const items = history.locator('button[data-serial]');
  // The history is read once the code that diagnoses its entries is here (just after the
  // form); it then lists all three.
  await items.nth(2).waitFor();
  assert.equal(await items.count(), 3, 'all three came back');
  await items.nth(2).click();
  assert.equal(await model.inputValue(), 'gpt-5.4x');
  await diagnosis(page).locator('[data-category="model-not-available"]').waitFor();
  // A new exchange after the reload takes a serial of its own.
  await page.getByLabel('API key', { exact: true }).fill('sk-twin-valid');
  await model.fill('gpt-5.4');
  assert.equal(await send(page), 'success');
  assert.equal(new Set(await items.evaluateAll((b) => b.map((x) => x.dataset.serial))).size, 4);

  const search = history.getByRole('searchbox', { name: 'Search history' });
  await search.fill('models');
  assert.equal(await items.count(), 1);
  await search.fill('503');
  assert.equal(await items.count(), 1);
  await search.fill('');
  await history.locator('li').filter({ has: page.locator('button[data-serial]') }).first().getByRole('button', { name: 'Delete this exchange' }).click();
  assert.equal(await items.count(), 3);
  await history.getByRole('button', { name: 'Clear history' }).click();
  assert.equal(await page.getByRole('region', { name: 'History' }).count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('routescope.history.v1')), null);
  await page.reload();
  assert.equal(await page.getByRole('region', { name: 'History' }).count(), 0, 'cleared stays cleared');
  assert.deepEqual(page.errors, []);
});

test('saved requests: named, grouped, reopened after a reload, exported and imported as a file, never with the key', async () => {
  await reset();
  const page = await openApp(browser, app.url, { gateway: twin.url });
  await pick(page, 'Chat Completions');
  await page.getByLabel('Temperature').fill('0.6');
  await page.getByLabel('Text of message 2').fill('Saved for later');
  await page.getByRole('button', { name: 'Save request', exact: true }).click();
  const box = page.getByRole('group', { name: 'Save request' });
  await box.getByLabel('Name').fill('Warm hello');
  await box.getByLabel('Group (optional)').fill('Smoke tests');
  await box.getByRole('button', { name: 'Save', exact: true }).click();
  const saved = page.getByRole('region', { name: 'Saved requests' });
  await saved.getByRole('group', { name: 'Smoke tests' }).getByRole('button', { name: /^Warm hello/ }).waitFor();

  await page.reload();
  await pick(page, 'List models (OpenAI)');
  await saved.getByRole('button', { name: /^Warm hello/ }).click();
  await page.getByRole('heading', { name: /Chat Completions/ }).waitFor();
  assert.equal(await page.getByLabel('Temperature').inputValue(), '0.6');
  assert.equal(await page.getByLabel('Text of message 2').inputValue(), 'Saved for later');

  const [download] = await Promise.all([page.waitForEvent('download'), saved.getByRole('button', { name: 'Export' }).click()]);
  const file = await readFile(await download.path(), 'utf8');
  assert.match(file, /"format": "routescope-saved-requests"/);
  assert.doesNotMatch(file, /sk-twin-valid/);
  assert.doesNotMatch(JSON.stringify(await page.evaluate(() => ({ ...localStorage }))), /sk-twin-valid/);

  await saved.getByRole('button', { name: 'Delete saved request Warm hello' }).click();
  assert.equal(await saved.getByRole('button', { name: /^Warm hello/ }).count(), 0);
  await saved.getByLabel('Import saved requests').setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await saved.getByRole('status', { name: 'Saved requests import' }).getByText('Imported 1 saved requests.').waitFor();
  await saved.getByRole('button', { name: /^Warm hello/ }).waitFor();
  await saved.getByLabel('Import saved requests').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"openapi":"3.1.0"}') });
  await saved.getByRole('status', { name: 'Saved requests import' }).getByText(/not a saved-requests export/).waitFor();
  assert.deepEqual(page.errors, []);
});

test('the request bar names the URL about to be called, and an exchange downloads as HAR 1.2 without the key', async () => {
  await reset();
  const page = await openApp(browser, app.url, { gateway: twin.url });
  await pick(page, 'Chat Completions');
  assert.equal((await page.getByLabel('URL to be called').textContent()).trim(), `POST ${twin.url}/v1/chat/completions`);
  assert.equal(await send(page), 'success');
  const [download] = await Promise.all([page.waitForEvent('download'), response(page).getByRole('button', { name: 'Download HAR' }).click()]);
  assert.match(download.suggestedFilename(), /^routescope-exchange-\d+\.har$/);
  const text = await readFile(await download.path(), 'utf8');
  assert.doesNotMatch(text, /sk-twin-valid/);
  const har = JSON.parse(text);
  assert.equal(har.log.version, '1.2');
  const [entry] = har.log.entries;
  assert.equal(entry.request.url, `${twin.url}/v1/chat/completions`);
  assert.equal(entry.response.status, 200);
  assert.match(entry.request.postData.text, /"messages"/);
  assert.match(entry.comment, /RouteScope diagnosis: success/);
  assert.ok(entry.request.headers.some((h) => h.name === 'Authorization' && /^Bearer sk-…/.test(h.value)), JSON.stringify(entry.request.headers));
  assert.deepEqual(page.errors, []);
});

test('storage that cannot be read or written is said, and nothing else is lost', async () => {
  await reset();
  const page = await openApp(browser, app.url, { gateway: twin.url });
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'success');
  // Two entries nobody could read beside the good one, as a damaged storage would hold.
  await page.evaluate(() => {
    const kept = JSON.parse(localStorage.getItem('routescope.history.v1'));
    kept.entries.push({ endpoint: 'no-such-endpoint' }, 42);
    localStorage.setItem('routescope.history.v1', JSON.stringify(kept));
  });
  await page.reload();
  const notice = page.getByRole('status', { name: 'Storage' });
  await notice.getByText('2 stored history entries could not be read and were left out; the others are back.').waitFor();
  assert.equal(await page.getByRole('region', { name: 'History' }).locator('button[data-serial]').count(), 1);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  // A full storage: the history stays in the tab, and the page says it is not kept.
  await page.evaluate(() => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (name, value) {
      if (name === 'routescope.history.v1') throw new DOMException('full', 'QuotaExceededError');
      return original.call(this, name, value);
    };
  });
  await page.getByLabel('API key', { exact: true }).fill('sk-twin-valid');
  assert.equal(await send(page), 'success');
  await notice.getByText(/storage is full or off: the history stays in this tab/).waitFor();
  assert.equal(await page.getByRole('region', { name: 'History' }).locator('button[data-serial]').count(), 2);
  assert.deepEqual(page.errors, []);
});
