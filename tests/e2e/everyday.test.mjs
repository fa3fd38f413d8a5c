// The habits every API client taught its users: named connections, the local sandbox, the
// endpoint search, the theme, a request bar that is always in reach, narrow screens, a
// browser in Chinese, and a build hosted under a sub-path.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startTwin, startApp, launch, openApp, pick, send, closeContexts, resetTwins, newContext, SANDBOX } from './harness.mjs';

let twin, app, subApp, browser;
before(async () => {
  twin = await startTwin();
  app = await startApp();
  subApp = await startApp({ base: '/playground/' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  app?.stop();
  subApp?.stop();
  twin?.stop();
});
afterEach(closeContexts);

const picker = (page) => page.getByLabel('Connection', { exact: true });
const keyBox = (page) => page.getByLabel('API key', { exact: true });
const gatewayBox = (page) => page.getByLabel('Gateway URL');
const keeping = (page) => page.getByLabel('Where the key is kept');
/** Every value in this origin's localStorage and sessionStorage, joined. */
const storedText = (page) => page.evaluate(() => [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`)).join('\n'));
const selectedName = (page) => picker(page).evaluate((s) => s.selectedOptions[0]?.textContent ?? '');

test('named connections: each keeps its gateway and key, switched in one click; keys stay where each chose', async () => {
  await resetTwins(twin);
  const page = await openApp(browser, app.url, { gateway: twin.url, key: 'sk-twin-valid' });
  await page.getByText('More settings').click();
  await page.getByLabel('Connection name').fill('Twin (good key)');
  await page.getByLabel('Connection name').press('Tab');
  await page.waitForFunction(() => document.querySelector('#connection').selectedOptions[0].textContent === 'Twin (good key)');

  // A second connection: same twin, a key the twin says is used up.
  await picker(page).selectOption({ label: '+ New connection' });
  assert.equal(await selectedName(page), 'Connection');
  assert.equal(await keyBox(page).inputValue(), '', 'a new connection starts without a key');
  await gatewayBox(page).fill(twin.url);
  await keyBox(page).fill('sk-twin-broke');
  await page.getByLabel('Connection name').fill('Twin (no balance)');
  await page.getByLabel('Connection name').press('Tab');
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'insufficient-balance');

  // Back to the first: its own key; Send works again.
  await picker(page).selectOption({ label: 'Twin (good key)' });
  assert.equal(await keyBox(page).inputValue(), 'sk-twin-valid');
  assert.equal(await gatewayBox(page).inputValue(), twin.url);
  assert.equal(await send(page), 'success');

  // Keys are memory-only by default: nothing stored, and a reload forgets them.
  assert.doesNotMatch(await storedText(page), /sk-twin-(valid|broke)/);
  // The first keeps its key in this tab: a reload brings it back; the other's is gone.
  await keeping(page).selectOption('tab');
  await page.waitForFunction(() => Object.values(sessionStorage).includes('sk-twin-valid'));
  assert.doesNotMatch(await page.evaluate(() => Object.values(localStorage).join('\n')), /sk-twin-valid/, 'not in the browser-wide storage');
  await page.reload();
  assert.equal(await selectedName(page), 'Twin (good key)');
  assert.equal(await keyBox(page).inputValue(), 'sk-twin-valid');
  await picker(page).selectOption({ label: 'Twin (no balance)' });
  assert.equal(await keyBox(page).inputValue(), '', 'a memory-only key does not survive a reload');
  assert.equal(await gatewayBox(page).inputValue(), twin.url, 'its gateway does');

  // "Forget key" takes it out of memory and storage.
  await picker(page).selectOption({ label: 'Twin (good key)' });
  await page.getByRole('button', { name: 'Forget key' }).click();
  assert.equal(await keyBox(page).inputValue(), '');
  await page.waitForFunction(() => !Object.values(sessionStorage).includes('sk-twin-valid'));
  assert.doesNotMatch(await storedText(page), /sk-twin-valid/);

  // Delete a connection: the other comes into use, and the list has one left.
  await page.getByText('More settings').click();
  await page.getByRole('button', { name: 'Delete connection' }).click();
  assert.equal(await selectedName(page), 'Twin (no balance)');
  assert.equal(await picker(page).locator('option[value]:not([value="new"]):not([value="sandbox"])').count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Delete connection' }).isDisabled(), true, 'the last one stays');
  assert.deepEqual(page.errors, []);
});

test('a name already taken or empty is refused next to the field, and nothing else changes', async () => {
  const page = await openApp(browser, app.url, { gateway: twin.url });
  await picker(page).selectOption({ label: '+ New connection' });
  await page.getByText('More settings').click();
  const name = page.getByLabel('Connection name');
  await name.fill('routescope');
  await name.press('Tab');
  await page.getByRole('alert').filter({ hasText: 'Another connection has this name.' }).waitFor();
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.equal(await selectedName(page), 'Connection');
  await name.fill('   ');
  await name.press('Tab');
  await page.getByRole('alert').filter({ hasText: 'Give the connection a name.' }).waitFor();
  await name.fill('Elsewhere');
  await name.press('Tab');
  await page.waitForFunction(() => document.querySelector('#connection').selectedOptions[0].textContent === 'Elsewhere');
  assert.equal(await name.getAttribute('aria-invalid'), 'false');
  assert.deepEqual(page.errors, []);
});

test('the local sandbox is offered only when a twin answers on its address, and answers the first Send', async () => {
  await resetTwins(twin);
  // Nothing on the sandbox address: no sandbox in the list.
  const lonely = await openApp(browser, app.url, {});
  await lonely.waitForTimeout(500);
  assert.equal(await picker(lonely).locator('option[value="sandbox"]').count(), 0);
  assert.deepEqual(lonely.errors, []);

  // A twin there: offered, and one click makes it the connection with its demo key.
  const page = await openApp(browser, app.url, { sandbox: twin.url, key: '' });
  const offer = picker(page).locator('option[value="sandbox"]');
  await offer.waitFor({ state: 'attached' });
  assert.match(await offer.textContent(), /Local sandbox \(found at http:\/\/127\.0\.0\.1:8787\)/);
  await picker(page).selectOption('sandbox');
  assert.equal(await selectedName(page), 'Local sandbox');
  assert.equal(await gatewayBox(page).inputValue(), SANDBOX);
  assert.equal(await keyBox(page).inputValue(), 'sk-twin-valid');
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'success');
  assert.equal(await picker(page).locator('option[value="sandbox"]').count(), 0, 'offered once: it is in the list now');
  assert.deepEqual(page.errors, []);
});

test('Ctrl+K finds an endpoint by title, path or protocol; arrows choose, Enter opens, Esc closes', async () => {
  const page = await openApp(browser, app.url, { gateway: twin.url });
  const dialog = page.getByRole('dialog', { name: 'Find an endpoint' });
  const box = dialog.getByRole('combobox', { name: 'Find an endpoint' });
  await page.keyboard.press('Control+k');
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox');
  await page.keyboard.type('claude');
  assert.match(await dialog.getByRole('option').first().textContent(), /Messages\/v1\/messages/);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { name: /^POST\s*Messages$/ }).waitFor();

  // By path, then the arrow keys.
  await page.getByRole('button', { name: /Find endpoint/ }).click();
  await box.fill('/v1beta');
  const options = dialog.getByRole('option');
  assert.ok(await options.count() >= 2, 'several Gemini routes');
  await box.press('ArrowDown');
  const second = (await options.nth(1).locator('.search-title').textContent()).trim();
  assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
  await box.press('Enter');
  await page.getByRole('heading', { name: second }).waitFor();

  // Nothing matches: said; Esc closes without touching the form.
  await page.keyboard.press('Meta+k');
  await box.fill('chat zzzz');
  await dialog.getByText('No endpoint matches every word.').waitFor();
  await box.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { name: second }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('the theme follows the system, a choice pins it, and the choice is remembered', async () => {
  const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const page = await openApp(browser, app.url, { gateway: twin.url, colorScheme: 'dark' });
  const theme = page.getByLabel('Theme');
  assert.equal(await theme.inputValue(), 'system');
  assert.equal(await background(page), 'rgb(15, 19, 24)', 'dark, as the system is');
  await theme.selectOption('light');
  assert.equal(await background(page), 'rgb(246, 247, 249)');
  await page.reload();
  assert.equal(await page.getByLabel('Theme').inputValue(), 'light');
  assert.equal(await background(page), 'rgb(246, 247, 249)', 'still light after a reload');
  await page.getByLabel('Theme').selectOption('dark');
  assert.equal(await background(page), 'rgb(15, 19, 24)');
  assert.deepEqual(page.errors, []);
});

test('a browser in Chinese opens in Chinese, and the switch is remembered over it', async () => {
  const context = await newContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByLabel('网关地址').waitFor();
  await page.getByRole('button', { name: '发送' }).waitFor();
  // Controls, regions and the form's fields are named in Chinese too.
  await page.getByRole('navigation', { name: '接口' }).getByRole('button', { name: /Chat Completions/ }).click();
  await page.getByRole('combobox', { name: '模型', exact: true }).waitFor();
  await page.getByRole('region', { name: '诊断' }).waitFor();
  await page.getByRole('region', { name: '响应' }).waitFor();
  assert.equal(await page.getByLabel('将调用的 URL').isVisible(), true);
  assert.match(await page.locator('[data-field="model"] .field-help').textContent(), /[\u4e00-\u9fff]/, 'help lines in Chinese');
  await page.getByLabel('Language').selectOption('en');
  await page.reload();
  await page.getByLabel('Gateway URL').waitFor();
});

test('at 1280×800 Send is on screen without scrolling for every endpoint, and stays there on scroll', async () => {
  const page = await openApp(browser, app.url, { gateway: twin.url, viewport: { width: 1280, height: 800 } });
  const endpoints = page.getByRole('navigation', { name: /^(Endpoints|接口)$/ }).getByRole('button');
  const titles = await endpoints.allTextContents();
  assert.ok(titles.length >= 15, `every endpoint is listed: ${titles.length}`);
  const sendButton = page.getByRole('button', { name: 'Send', exact: true });
  for (const [at, title] of titles.entries()) {
    await endpoints.nth(at).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await sendButton.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 800, `${title}: Send at ${JSON.stringify(box)}`);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const scrolled = await sendButton.boundingBox();
    assert.ok(scrolled && scrolled.y >= 0 && scrolled.y + scrolled.height <= 800, `${title}: Send after scrolling at ${JSON.stringify(scrolled)}`);
  }
  assert.deepEqual(page.errors, []);
});

for (const width of [390, 360]) {
  test(`at ${width} px wide nothing scrolls sideways, and request, response and diagnosis are tabs`, async () => {
    await resetTwins(twin);
    const page = await openApp(browser, app.url, { gateway: twin.url, viewport: { width, height: 844 } });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const tabs = page.getByRole('tablist', { name: 'Panes' });
    await tabs.waitFor();
    const endpoints = page.getByRole('navigation', { name: /^(Endpoints|接口)$/ }).getByRole('button');
    const titles = await endpoints.allTextContents();
    for (const [at, title] of titles.entries()) {
      await tabs.getByRole('tab', { name: 'Request' }).click();
      await endpoints.nth(at).click();
      assert.equal(await overflow(), 0, `${title}: the page is wider than the screen`);
    }
    await tabs.getByRole('tab', { name: 'Request' }).click();
    await pick(page, 'Chat Completions');
    assert.equal(await page.getByRole('region', { name: /^(Response|响应)$/ }).isVisible(), false, 'one pane at a time');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    // The verdict arrives in the diagnosis pane (hidden, so found by its documented hook)
    // while the response pane is on screen.
    const verdict = page.locator('#pane-diagnosis [data-category]');
    await verdict.waitFor({ state: 'attached' });
    assert.equal(await verdict.getAttribute('data-category'), 'success');
    // Send shows the answer; the diagnosis is one tab away; nothing overflows on either.
    assert.equal(await tabs.getByRole('tab', { name: /^(Response|响应)$/ }).getAttribute('aria-selected'), 'true');
    await page.getByRole('region', { name: /^(Response|响应)$/ }).getByLabel('Status').filter({ hasText: '200' }).waitFor();
    assert.equal(await overflow(), 0, 'response pane');
    await tabs.getByRole('tab', { name: /^(Diagnosis|诊断)$/ }).click();
    assert.equal(await page.getByRole('region', { name: /^(Diagnosis|诊断)$/ }).isVisible(), true);
    assert.equal(await page.getByRole('region', { name: 'Request' }).isVisible(), false);
    assert.equal(await overflow(), 0, 'diagnosis pane');
    // The request bar stays on top of every pane.
    assert.equal(await page.getByRole('button', { name: 'Send', exact: true }).isVisible(), true);
    // The key scan's model list and table fit too (the table scrolls inside its frame); it
    // opens from the side list, in the request tab.
    await tabs.getByRole('tab', { name: 'Request' }).click();
    await page.getByRole('button', { name: 'What can this key do?' }).click();
    await page.getByRole('region', { name: 'Key capability scan' }).getByRole('button', { name: 'Read the model lists' }).click();
    await page.getByText(/GET \/v1beta\/models: \d+ models/).waitFor();
    assert.equal(await overflow(), 0, 'the key scan');
    assert.equal(await page.locator('.scan-models').evaluate((list) => list.scrollWidth - list.clientWidth), 0, 'the model list does not scroll sideways');
    assert.deepEqual(page.errors, []);
  });
}

test('the release build served under /playground/ loads, sends, and opens a docs deep link', async () => {
  await resetTwins(twin);
  assert.match(subApp.url, /\/playground\/$/);
  const page = await openApp(browser, subApp.url, { gateway: twin.url });
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'success');
  await page.goto(`${subApp.url}#e=claude-messages&model=claude-sonnet-4-5`);
  await page.getByRole('heading', { name: /^POST\s*Messages$/ }).waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Model', exact: true }).inputValue(), 'claude-sonnet-4-5');
  assert.deepEqual(page.errors, []);
});

test('import: a browser\'s "Copy as fetch" opens its endpoint filled, and its key (and header style) only when accepted', async () => {
  await resetTwins(twin);
  const page = await openApp(browser, app.url, { gateway: twin.url, key: '' });
  // What Chrome's DevTools writes for "Copy as fetch".
  const copied = [
    `fetch("${twin.url}/v1beta/models/gemini-2.5-flash:generateContent", {`,
    '  "headers": {',
    '    "accept": "*/*",',
    '    "content-type": "application/json",',
    '    "x-goog-api-key": "sk-twin-valid"',
    '  },',
    '  "referrerPolicy": "no-referrer",',
    '  "body": "{\\"contents\\":[{\\"role\\":\\"user\\",\\"parts\\":[{\\"text\\":\\"From a fetch copy\\"}]}]}",',
    '  "method": "POST",',
    '  "mode": "cors",',
    '  "credentials": "omit"',
    '});',
  ].join('\n');
  await page.getByRole('button', { name: 'Import curl / fetch / HTTP' }).click();
  await page.getByLabel(/^Paste a curl command/).fill(copied);
  await page.getByRole('group', { name: 'Import' }).getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: /generateContent/ }).waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Model', exact: true }).inputValue(), 'gemini-2.5-flash');
  assert.equal(await page.getByLabel('Text of message 1').inputValue(), 'From a fetch copy');
  const result = page.getByRole('status', { name: 'Import result' });
  assert.match(await result.textContent(), /It carries a key \(sk-…alid, sent as x-goog-api-key header\)/);
  assert.equal(await page.getByLabel('API key', { exact: true }).inputValue(), '', 'not used until accepted');
  await result.getByRole('button', { name: 'Use this key' }).click();
  assert.equal(await page.getByLabel('Send the key as').inputValue(), 'x-goog-api-key');
  assert.equal(await send(page), 'success');
  assert.deepEqual(page.errors, []);
});

test('a support report of a failed call: previewed, with the request id and time, the A/B section on request, and no piece of the key', async () => {
  await resetTwins(twin);
  const key = 'sk-twin-valid';
  const context = await newContext(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByLabel('Gateway URL').fill(twin.url);
  await page.getByLabel('API key', { exact: true }).fill(key);
  await pick(page, 'Chat Completions');
  await page.getByRole('combobox', { name: 'Model', exact: true }).fill('gpt-5.4x');
  assert.equal(await send(page), 'model-not-available');
  const id = (await page.getByRole('region', { name: 'Diagnosis' }).getByLabel('Request id', { exact: true }).textContent()).trim();
  const panel = page.getByRole('region', { name: 'Support report' });
  await panel.getByRole('button', { name: 'Make a support report' }).click();
  const preview = panel.getByLabel('Report preview');
  let text = await preview.textContent();
  assert.ok(text.includes(`\`${id}\``), `the request id: ${text.slice(0, 400)}`);
  assert.match(text, /Time of the call\*\*: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(your time: /);
  assert.match(text, /\*\*model-not-available\*\*/);
  assert.match(text, /Answered by\*\*: new-api/);
  assert.match(text, new RegExp(`curl ${twin.url.replace(/[.]/g, '\\.')}/v1/chat/completions`));
  assert.doesNotMatch(text, /A\/B/);
  // The A/B section: the provider's own API, with the provider's model id.
  await panel.getByRole('checkbox', { name: /same request sent straight to the provider/ }).check();
  assert.equal(await panel.getByLabel('Provider base URL').inputValue(), 'https://api.openai.com');
  await panel.getByLabel("Provider's model id").fill('gpt-5.4');
  await page.waitForFunction(() => /api\.openai\.com\/v1\/chat\/completions/.test(document.querySelector('.support-report-text')?.textContent ?? ''));
  text = await preview.textContent();
  assert.match(text, /"model": "gpt-5\.4",/);
  assert.match(text, /\$\{PROVIDER_API_KEY\}/);
  await panel.getByRole('button', { name: 'Copy report' }).click();
  await panel.getByRole('button', { name: 'Copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, text, 'what is copied is what was previewed');
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download .md' }).click()]);
  const saved = await readFile(await download.path(), 'utf8');
  assert.equal(saved, text);
  for (const where of [text, copied, saved]) {
    for (let len = 8; len <= key.length; len += 1) {
      for (let at = 0; at + len <= key.length; at += 1) {
        assert.ok(!where.includes(key.slice(at, at + len)), `"${key.slice(at, at + len)}" of the key is in the report`);
      }
    }
  }
});

test('what a call cost: a success found in the usage log by model and time, an error by its request id, by itself when the connection asks, and a gateway without the log said', async () => {
  await resetTwins(twin);
  const page = await openApp(browser, app.url, { gateway: twin.url });
  const cost = page.getByRole('region', { name: 'Call cost' });
  // Without a confirmed self-service address the key does not go anywhere new.
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'success');
  await cost.getByRole('button', { name: 'Look it up' }).click();
  await cost.getByRole('alert').filter({ hasText: /self-service API address is not set/ }).waitFor();

  await page.getByText('More settings').click();
  await page.getByLabel('Self-service API URL').fill(twin.url);
  // The same request twice in a minute would leave two candidates ("probably this call"):
  // the twin's log starts empty here.
  await resetTwins(twin);
  assert.equal(await send(page), 'success');
  await cost.getByRole('button', { name: 'Look it up' }).click();
  await cost.getByRole('status').filter({ hasText: /found by its model and time/ }).waitFor();
  const rows = async () => Object.fromEntries(await cost.getByRole('table', { name: 'Call cost' }).getByRole('row').evaluateAll((trs) => trs.map((tr) => [tr.cells[0]?.textContent ?? tr.querySelector('th').textContent, tr.querySelector('td').textContent])));
  let facts = await rows();
  assert.equal(facts.Model, 'gpt-5.4');
  assert.equal(facts.Group, 'default');
  assert.match(facts['Quota used'], /^\d+ \(≈ \$\d+\.\d{6} at new-api's default 500,000 per USD\)$/);
  assert.match(facts.Tokens, /^\d+ in, \d+ out \(\d+ in all\)$/);

  // A failed call carries its request id: found exactly.
  await page.getByRole('combobox', { name: 'Model', exact: true }).fill('gpt-5.4x');
  assert.equal(await send(page), 'model-not-available');
  const id = (await page.getByRole('region', { name: 'Diagnosis' }).getByLabel('Request id', { exact: true }).textContent()).trim();
  await cost.getByRole('button', { name: 'Look it up' }).click();
  await cost.getByRole('status').filter({ hasText: /found by its request id/ }).waitFor();
  facts = await rows();
  assert.equal(facts['Request id'], id);
  assert.equal(facts.Model, 'gpt-5.4x');

  // The connection asks for it: the next answer brings its cost by itself.
  await page.getByRole('checkbox', { name: /Look up each call's cost/ }).check();
  await page.getByRole('combobox', { name: 'Model', exact: true }).fill('gpt-5.4');
  await resetTwins(twin);
  assert.equal(await send(page), 'success');
  await cost.getByRole('status').filter({ hasText: /found by its model and time/ }).waitFor();

  // A self-service address with no usage log behind it is said.
  await page.getByLabel('Self-service API URL').fill(app.url.replace(/\/$/, ''));
  await cost.getByRole('button', { name: 'Look again' }).click();
  await cost.getByRole('status').filter({ hasText: /offers no self-service usage log/ }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('"What can this key do?": the lists are read, chosen models tried, each diagnosed, a 429 pauses the scan, and the results sort, filter and export without the key', async () => {
  await resetTwins(twin);
  const page = await openApp(browser, app.url, { gateway: twin.url });
  // Every request that carries the key, by origin: the scan's must all go to the gateway.
  const carrying = [];
  page.on('request', (r) => {
    if (r.url().includes('sk-twin-valid') || Object.values(r.headers()).some((v) => v.includes('sk-twin-valid'))) carrying.push(new URL(r.url()).origin);
  });
  await page.getByRole('button', { name: 'What can this key do?' }).click();
  const panel = page.getByRole('region', { name: 'Key capability scan' });
  await panel.getByRole('button', { name: 'Read the model lists' }).click();
  await panel.getByText(/GET \/v1\/models: \d+ models/).waitFor();
  await panel.getByText(/GET \/v1beta\/models: \d+ models/).waitFor();
  // Choose: none, then six (the filter chooses what it shows).
  await panel.getByRole('button', { name: 'Clear shown' }).click();
  const chosen = ['gpt-5.4', 'claude-sonnet-4-6', 'gemini-2.5-flash', 'twin-unpriced', 'twin-upstream-error', 'twin-upstream-429', 'sora-2'];
  for (const model of chosen) await panel.locator(`input[type="checkbox"][data-model="${model}"]`).check();
  await panel.getByRole('note').filter({ hasText: /7 models chosen to try: each try is a billed call/ }).waitFor();
  await panel.getByRole('button', { name: 'Start the scan' }).click();
  const progress = panel.getByRole('status', { name: 'Scan progress' });
  await progress.filter({ hasText: /Paused \d+ s after a rate limit/ }).waitFor({ timeout: 20000 });
  await progress.filter({ hasText: /Done\./ }).waitFor({ timeout: 60000 });
  const table = panel.getByRole('table', { name: 'Scan results' });
  const category = (model) => table.locator(`tr[data-model="${model}"]`).getAttribute('data-category');
  assert.equal(await category('gpt-5.4'), 'success');
  assert.equal(await category('claude-sonnet-4-6'), 'success');
  assert.equal(await category('gemini-2.5-flash'), 'success');
  assert.equal(await category('twin-unpriced'), 'model-not-available');
  assert.equal(await category('twin-upstream-error'), 'upstream-failure');
  assert.equal(await category('twin-upstream-429'), 'rate-limit');
  assert.equal(await category('sora-2'), 'skipped-no-cheap-try');
  assert.match(await progress.textContent(), /Tried 6 of 6: 3 work, 3 fail\./);
  assert.ok(carrying.length >= 8, `two lists and at least six tries carried the key: ${carrying.length}`);
  assert.deepEqual([...new Set(carrying)], [new URL(twin.url).origin], 'the key went to the gateway only');
  assert.match(await table.locator('tr[data-model="twin-unpriced"]').textContent(), /\d{23}[A-Za-z]{8}/, 'a failure shows its request id');
  // Sort by latency, filter by a word of the result.
  await table.getByRole('button', { name: 'Model' }).click();
  const firstModel = await table.locator('tbody tr').first().getAttribute('data-model');
  assert.equal(firstModel, 'claude-sonnet-4-6');
  await panel.getByLabel('Filter results').fill('upstream');
  assert.deepEqual(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.model)), ['twin-upstream-429', 'twin-upstream-error'].filter(Boolean).sort());
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download CSV' }).click()]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /^model,protocol,result,category,latency_ms,first_token_ms,request_id\n/);
  assert.match(csv, /\ngpt-5\.4,chat,works,success,\d+,,/);
  assert.doesNotMatch(csv, /sk-twin-valid/);
  // Results stay with their connection: another shows none, and coming back shows them.
  await page.getByLabel('Connection', { exact: true }).selectOption({ label: '+ New connection' });
  await table.waitFor({ state: 'detached' });
  await page.getByLabel('Connection', { exact: true }).selectOption({ label: 'RouteScope' });
  await table.locator('tr[data-model="twin-unpriced"]').waitFor();
  // And across a reload, without the key in what was stored.
  await page.reload();
  await page.getByRole('button', { name: 'What can this key do?' }).click();
  assert.equal(await category('twin-upstream-error'), 'upstream-failure');
  assert.match(await progress.textContent(), /Tried 6 of 6: 3 work, 3 fail\./);
  assert.doesNotMatch(await page.evaluate(() => Object.values(localStorage).join('\n')), /sk-twin-valid/);
  assert.deepEqual(page.errors, []);
});

test('Stop ends a key scan at once: the try in flight is aborted and what waited is marked as not tried', async () => {
  await resetTwins(twin);
  const page = await openApp(browser, app.url, { gateway: twin.url });
  await page.getByRole('button', { name: 'What can this key do?' }).click();
  const panel = page.getByRole('region', { name: 'Key capability scan' });
  await panel.getByRole('button', { name: 'Read the model lists' }).click();
  await panel.getByText(/GET \/v1\/models: \d+ models/).waitFor();
  await panel.getByRole('button', { name: 'Clear shown' }).click();
  for (const model of ['twin-slow', 'twin-unpriced', 'twin-overloaded']) await panel.locator(`input[type="checkbox"][data-model="${model}"]`).check();
  await panel.getByLabel('Tries at once').selectOption('1');
  await panel.getByRole('button', { name: 'Start the scan' }).click();
  const table = panel.getByRole('table', { name: 'Scan results' });
  await table.locator('tr[data-model="twin-slow"][data-category="pending"]').waitFor();
  const stoppedAt = Date.now();
  await panel.getByRole('button', { name: 'Stop', exact: true }).click();
  await panel.getByRole('status', { name: 'Scan progress' }).filter({ hasText: /Stopped\./ }).waitFor();
  assert.ok(Date.now() - stoppedAt < 3000, 'the slow try did not have to end by itself (the twin holds it 8 s)');
  for (const model of ['twin-slow', 'twin-unpriced', 'twin-overloaded']) {
    assert.equal(await table.locator(`tr[data-model="${model}"]`).getAttribute('data-category'), 'skipped-stopped', model);
  }
  assert.equal(await panel.getByRole('button', { name: 'Start the scan' }).isDisabled(), false, 'a new scan can start');
  assert.deepEqual(page.errors, []);
});
