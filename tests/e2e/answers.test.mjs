// Answers at any size, end to end: a stream stopped mid-way keeps what arrived, and a
// 20 MB body leaves the page answering keystrokes while it is shown a part at a time.
// Hostile answers (the timeout on an endless stream, a broken connection, extractor bait,
// invalid UTF-8, an echoed key, script injection) are the hostile suite's (hostile.test.mjs).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTwin, startApp, launch, openApp, pick, closeContexts, verdictSerial, nextVerdict } from './harness.mjs';

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

const response = (page) => page.getByRole('region', { name: /^(Response|响应)$/ });
const diagnosis = (page) => page.getByRole('region', { name: /^(Diagnosis|诊断)$/ });


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

test('a stream closed with no finish reason is not sure, and one click sends it again without streaming', async () => {
  const page = await openApp(browser, app.url, { gateway: twin.url });
  await streamChat(page);
  await page.getByRole('combobox', { name: 'Model', exact: true }).fill('twin-stream-error-dropped');
  const before = await verdictSerial(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  assert.equal(await nextVerdict(page, before), 'unknown');
  await diagnosis(page).getByRole('heading', { name: /may be cut short/ }).waitFor();
  // The part that arrived is still shown.
  await response(page).getByRole('region', { name: 'Answer' }).waitFor();
  const again = await verdictSerial(page);
  await diagnosis(page).getByRole('button', { name: 'Send again without streaming' }).click();
  // A single answer: the twin's model answers whole when not streamed.
  assert.equal(await nextVerdict(page, again), 'success');
  assert.equal(await page.getByRole('checkbox', { name: 'Stream', exact: true }).isChecked(), false);
  assert.deepEqual(page.errors, []);
});

test('Esc stops a stream in flight, as Cancel does', async () => {
  const page = await openApp(browser, app.url, { gateway: `${twin.url}/_endless` });
  await streamChat(page);
  const before = await verdictSerial(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await response(page).getByRole('region', { name: 'Answer so far' }).getByText(/tick1/).waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await nextVerdict(page, before), 'cancelled');
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

test('find in a 20 MB body: a word at its very end is found and shown, case ignored; a common one counts to its cap and steps', async () => {
  const page = await openApp(browser, app.url, { gateway: `${twin.url}/_huge` });
  await pick(page, 'Chat Completions');
  const before = await verdictSerial(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  assert.equal(await nextVerdict(page, before, 60000), 'success');
  const find = response(page).getByRole('searchbox', { name: 'Find in body' });
  const matches = response(page).getByRole('status', { name: 'Matches' });
  const body = response(page).getByLabel('Response body');
  // "total_tokens" comes once, after 20 MB of words: found, and the window moves to it.
  const started = Date.now();
  await find.fill('TOTAL_TOKENS');
  await matches.getByText('1 of 1', { exact: true }).waitFor();
  const took = Date.now() - started;
  assert.equal(await body.locator('mark').textContent(), 'total_tokens');
  await response(page).getByRole('note', { name: 'Body part' }).getByText(/of 20\.0 MB/).waitFor();
  assert.ok(took < 2000, `finding the last word of 20 MB took ${took} ms`);
  // A word on every line stops counting at the cap, and Next steps to the second one.
  await find.fill('word.');
  await matches.getByText('1 of 10000+', { exact: true }).waitFor();
  await response(page).getByRole('button', { name: 'Next match' }).click();
  await matches.getByText('2 of 10000+', { exact: true }).waitFor();
  assert.equal(await body.locator('mark').textContent(), 'word.');
  // Nothing found is said.
  await find.fill('no such thing');
  await matches.getByText('No match', { exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
});
