// Answers at any size and of any shape, end to end: a stream stopped mid-way, cut by the
// timeout or by a broken connection keeps what arrived; a 20 MB body leaves the page
// answering keystrokes; hostile bodies (megabytes of extractor bait, invalid UTF-8) get a
// verdict in seconds; a key the server echoes back is masked wherever the answer shows.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTwin, startApp, launch, openApp, pick, send, closeContexts, verdictSerial, nextVerdict } from './harness.mjs';

let twin, app, browser;
before(async () => {
  [twin, app] = await Promise.all([startTwin(['--huge-mb', '20']), startApp()]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  app?.stop();
  twin?.stop();
});
afterEach(closeContexts);

const response = (page) => page.getByRole('region', { name: 'Response' });
const diagnosis = (page) => page.getByRole('region', { name: 'Diagnosis' });
const verdict = (page) => diagnosis(page).locator('[data-category]');

async function evidenceText(page) {
  return (await diagnosis(page).getByRole('table', { name: 'Evidence' }).textContent()) ?? '';
}

async function streamChat(page) {
  await pick(page, 'Chat Completions');
  await page.getByRole('checkbox', { name: 'Stream', exact: true }).check();
}

test('Cancel mid-stream stops reading and keeps what arrived', async () => {
  const page = await openApp(browser, app.url, { gateway: `${twin.url}/_endless` });
  await streamChat(page);
  const before = await verdictSerial(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await response(page).getByRole('region', { name: 'Answer so far' }).getByText(/tick2/).waitFor();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  assert.equal(await nextVerdict(page, before), 'cancelled');
  await response(page).getByRole('note', { name: 'Answer cut' }).getByText(/Cancelled: .* had arrived/).waitFor();
  assert.match(await response(page).getByRole('region', { name: 'Answer' }).textContent(), /tick0 tick1 tick2/);
  assert.equal((await response(page).getByLabel('Status', { exact: true }).textContent()).trim(), '200');
  assert.deepEqual(page.errors, []);
});

test('the timeout cuts an endless stream, keeps the 200 and the text, and says raise the timeout', async () => {
  const page = await openApp(browser, app.url, { gateway: `${twin.url}/_endless` });
  await streamChat(page);
  await page.getByText('More settings', { exact: true }).click();
  await page.getByLabel(/^Timeout/).fill('2');
  assert.equal(await send(page), 'timeout');
  assert.equal(await verdict(page).getAttribute('data-side'), 'client');
  assert.equal(await verdict(page).getAttribute('data-confidence'), 'high');
  assert.match(await evidenceText(page), /timed out after \d+ ms with the answer arriving/);
  await diagnosis(page).getByRole('list', { name: 'What to check' }).getByText(/Raise the timeout/).waitFor();
  await response(page).getByRole('note', { name: 'Answer cut' }).getByText(/Cut by the timeout/).waitFor();
  assert.match(await response(page).getByRole('region', { name: 'Answer' }).textContent(), /tick0 tick1/);
  assert.deepEqual(page.errors, []);
});

test('a connection that breaks mid-stream keeps the parts and is not guessed', async () => {
  const page = await openApp(browser, app.url, { gateway: `${twin.url}/_cut` });
  await streamChat(page);
  assert.equal(await send(page), 'network-or-cors');
  assert.equal(await verdict(page).getAttribute('data-confidence'), 'low');
  assert.equal(await verdict(page).getAttribute('data-side'), 'unknown');
  assert.match(await verdict(page).textContent(), /Could also be: .*Upstream failure/);
  await response(page).getByRole('note', { name: 'Answer cut' }).getByText(/The connection broke after/).waitFor();
  assert.match(await response(page).getByRole('region', { name: 'Answer' }).textContent(), /part0 part1 part2/);
  assert.ok(page.blocked.length > 0, 'Chromium logged the broken read');
  assert.deepEqual(page.errors, []);
});

test('while a 20 MB answer arrives the page answers keystrokes within 100 ms, and the body is shown a part at a time', async () => {
  const page = await openApp(browser, app.url, { gateway: `${twin.url}/_huge` });
  await pick(page, 'Chat Completions');
  // The Event Timing API reports, for each keystroke, the time from the key to the next paint.
  await page.evaluate(() => {
    window.__keys = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'keydown' || e.name === 'keypress') window.__keys.push(e.duration);
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  });
  const before = await verdictSerial(page);
  const field = page.getByLabel('Text of message 1');
  await field.click();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await field.focus();
  for (let i = 0; i < 8; i += 1) await page.keyboard.press('x');
  assert.equal(await verdictSerial(page), before, 'the keystrokes went in while the answer was still arriving');
  assert.equal(await nextVerdict(page, before, 60000), 'success');
  const slowest = await page.evaluate(() => Math.max(0, ...window.__keys));
  assert.ok(slowest <= 100, `a keystroke took ${slowest} ms to show`);
  assert.match(await field.inputValue(), /xxxxxxxx$/, 'every keystroke landed');
  const body = await response(page).getByLabel('Response body').textContent();
  assert.ok(body.length < 70000, `one window of the body is on the page (${body.length} characters)`);
  await response(page).getByRole('note', { name: 'Body part' }).getByText(/of 20\.0 MB/).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a megabyte of extractor bait and 2 MB of invalid UTF-8 each get a verdict within 5 s', async () => {
  for (const [base, category] of [['/_markers', 'model-not-available'], ['/_badutf8', 'unknown']]) {
    const page = await openApp(browser, app.url, { gateway: twin.url + base });
    await pick(page, 'Chat Completions');
    const started = Date.now();
    const before = await verdictSerial(page);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    assert.equal(await nextVerdict(page, before, 5000), category, base);
    assert.ok(Date.now() - started < 5000, `${base}: verdict after ${Date.now() - started} ms`);
    assert.deepEqual(page.errors, [], base);
  }
});

test('a key the server echoes back (raw and percent-encoded) is masked in the body, the evidence and the history', async () => {
  const key = 'sk-echo/this+key=0123&x%y';
  const page = await openApp(browser, app.url, { gateway: `${twin.url}/_echokey`, key });
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'authentication-failure');
  const shown = [
    await response(page).textContent(),
    await diagnosis(page).textContent(),
    await page.getByRole('region', { name: 'History' }).textContent().catch(() => ''),
  ].join('\n');
  assert.ok(!shown.includes(key), 'the raw key is nowhere on the page');
  assert.ok(!shown.includes(encodeURIComponent(key)), 'nor percent-encoded');
  assert.match(shown, /Invalid token sk-…&x%y \(sent as sk-…&x%y;/, 'the mask shows where each form was');
  assert.deepEqual(page.errors, []);
});
