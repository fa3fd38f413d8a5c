// The release build is split: the form renders from the main module alone, and what comes
// after (reading answers, export and import, the key scan) arrives in chunks fetched once
// the form is on screen. These tests hold chunks back or break them to show that the form
// never waits for them, that a missing chunk is said with a Retry, and that nothing typed
// is lost; and that chunks load from a sub-path deployment.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTwin, startApp, launch, newContext, closeContexts, resetTwins, nextVerdict, verdictSerial } from './harness.mjs';

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

const CHUNK = /\/(split_[a-z_]+|chunk_\d+)\.wasm$/;

/**
 * Opens the app with chunk requests under the test's control: `gate(url)` answers 'abort'
 * (the fetch fails), 'hold' (it never answers until released) or 'pass'. Returns the page,
 * the chunk URLs asked for (in order) and `release()` for held ones.
 */
async function openGated(url, gate) {
  const context = await newContext(browser);
  const asked = [];
  const held = [];
  await context.route(CHUNK, (route) => {
    const chunkUrl = route.request().url();
    asked.push(chunkUrl);
    const what = gate(chunkUrl);
    if (what === 'abort') return route.abort('internetdisconnected');
    if (what === 'hold') return held.push(route);
    return route.continue();
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(url);
  const release = async () => {
    for (const route of held.splice(0)) await route.continue();
  };
  return { page, asked, release };
}

const keyBox = (page) => page.getByLabel('API key', { exact: true });
const gatewayBox = (page) => page.getByLabel('Gateway URL');
const modelBox = (page) => page.getByRole('combobox', { name: 'Model', exact: true });
const exportTabs = (page) => page.getByRole('tablist', { name: 'Export as' });

test('the form renders and works while every chunk is still on its way', async () => {
  await resetTwins(twin);
  const { page, asked, release } = await openGated(app.url, () => 'hold');
  await page.getByRole('navigation', { name: 'Endpoints' }).waitFor();
  await gatewayBox(page).fill(twin.url);
  await keyBox(page).fill('sk-twin-valid');
  await modelBox(page).fill('gpt-typed-first');
  // The request being built is shown from the main module alone.
  await page.locator('[data-send-url]').filter({ hasText: `${twin.url}/v1/chat/completions` }).waitFor();
  assert.match(await page.getByRole('region', { name: 'Request preview' }).getByLabel('Request body').textContent(), /gpt-typed-first/);
  assert.ok(asked.length > 0, 'the chunks are asked for in the background once the form is up');
  // The pre-flight checks are on their way too, and say so rather than "nothing wrong".
  await page.locator('[data-checks-loading]').waitFor();
  assert.equal(await page.getByText('Pre-flight checks found nothing wrong').count(), 0);
  // Send waits for the answer chunk, then goes.
  const before = await verdictSerial(page);
  await page.getByRole('button', { name: 'Send' }).click();
  await release();
  assert.equal(await nextVerdict(page, before), 'model-not-available');
  assert.deepEqual(page.errors, []);
});

test('a chunk that cannot be fetched is said next to its feature, with a Retry that works; nothing typed is lost', async () => {
  await resetTwins(twin);
  let offline = true;
  const { page } = await openGated(app.url, (url) => (offline && /split_tools\.wasm$/.test(url) ? 'abort' : 'pass'));
  await gatewayBox(page).fill(twin.url);
  await keyBox(page).fill('sk-twin-valid');
  await modelBox(page).fill('gpt-kept-through-it');
  // The export tabs live in the tools chunk: their place says what happened.
  const alert = page.getByRole('region', { name: 'Request preview' }).locator('[data-chunk-missing]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Nothing you typed is lost/);
  assert.equal(await exportTabs(page).count(), 0);
  // The pre-flight checks came with it: their place says nothing was checked, never that
  // nothing is wrong.
  const checks = page.getByRole('region', { name: 'Request preview' }).locator('[data-checks-missing]');
  await checks.waitFor();
  assert.match(await checks.textContent(), /nothing was checked yet/);
  assert.equal(await page.getByText('Pre-flight checks found nothing wrong').count(), 0);
  // Import says it in its own box and keeps the pasted text.
  await page.getByRole('button', { name: 'Import curl / fetch / HTTP' }).click();
  const pasted = `curl ${twin.url}/v1/models -H 'Authorization: Bearer $KEY'`;
  await page.locator('#import-text').fill(pasted);
  await page.getByRole('group', { name: 'Import' }).getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('The importer could not be downloaded').waitFor();
  assert.equal(await page.locator('#import-text').inputValue(), pasted);

  offline = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  // One fetch brings both back: the checks run on the draft as typed.
  await page.getByText('Pre-flight checks found nothing wrong').or(page.getByRole('list', { name: 'Pre-flight checks' })).waitFor();
  assert.equal(await checks.count(), 0);
  await exportTabs(page).getByRole('tab', { name: 'Python' }).click();
  assert.match(await page.locator('[data-export="python-sdk"]').textContent(), /gpt-kept-through-it/);
  assert.equal(await modelBox(page).inputValue(), 'gpt-kept-through-it');
  // The same import now goes through.
  await page.getByRole('group', { name: 'Import' }).getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'List models (OpenAI)' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('when the code that reads answers cannot be fetched, Send sends nothing and says so; Retry, then Send works', async () => {
  await resetTwins(twin);
  let offline = true;
  const { page } = await openGated(app.url, (url) => (offline && /split_answer\.wasm$/.test(url) ? 'abort' : 'pass'));
  await gatewayBox(page).fill(twin.url);
  await keyBox(page).fill('sk-twin-valid');
  await modelBox(page).fill('gpt-5.4');
  const toGateway = [];
  page.on('request', (r) => r.url().startsWith(twin.url) && toGateway.push(r.url()));
  await page.getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response' });
  const alert = response.locator('[data-chunk-missing]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /reading answers could not be downloaded/);
  assert.deepEqual(toGateway, [], 'nothing went to the gateway');
  assert.equal(await modelBox(page).inputValue(), 'gpt-5.4');

  offline = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await alert.waitFor({ state: 'detached' });
  const before = await verdictSerial(page);
  await page.getByRole('button', { name: 'Send' }).click();
  assert.equal(await nextVerdict(page, before), 'success');
  assert.deepEqual(page.errors, []);
});

test('under a sub-path, chunks load from beside the page and their features work on first use', async () => {
  await resetTwins(twin);
  const { page, asked } = await openGated(subApp.url, () => 'pass');
  await gatewayBox(page).fill(twin.url);
  await keyBox(page).fill('sk-twin-valid');
  await exportTabs(page).getByRole('tab', { name: 'fetch' }).click();
  assert.match(await page.locator('[data-export="fetch"]').textContent(), /fetch\(/);
  // The key scan is its own chunk, opened on first use.
  await page.getByRole('button', { name: 'What can this key do?' }).click();
  await page.getByRole('region', { name: 'Key capability scan' }).waitFor();
  assert.ok(asked.length >= 3, `chunks asked for: ${asked.join(', ')}`);
  for (const url of asked) assert.match(new URL(url).pathname, /^\/playground\/pkg-[0-9a-f]+\//);
  const before = await verdictSerial(page);
  await page.getByRole('button', { name: 'Send' }).click();
  assert.notEqual(await nextVerdict(page, before), null);
  assert.deepEqual(page.errors, []);
});
