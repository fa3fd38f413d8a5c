// The diagnosis against more than one gateway family: the twin answers as new-api (what
// RouteScope runs), as a LiteLLM proxy and as OpenRouter (`--profile`), and the same five
// situations must be diagnosed right in each: no key, a wrong key, an unknown model, a
// stream that breaks after its first tokens, and a 200 that is not an answer.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTwin, startApp, launch, openApp, pick, send, closeContexts } from './harness.mjs';

const profiles = ['new-api', 'litellm', 'openrouter'];
const twins = {};
let app, browser;
before(async () => {
  const started = await Promise.all(profiles.map((p) => startTwin(['--profile', p])));
  profiles.forEach((p, i) => { twins[p] = started[i]; });
  app = await startApp();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  app?.stop();
  for (const t of Object.values(twins)) t.stop();
});
afterEach(closeContexts);

const diagnosis = (page) => page.getByRole('region', { name: /^(Diagnosis|诊断)$/ });
const verdict = (page) => diagnosis(page).locator('[data-category]');

async function evidence(page) {
  const table = diagnosis(page).getByRole('table', { name: /^(Evidence|依据)$/ });
  await table.waitFor();
  const rows = {};
  for (const row of await table.getByRole('row').all()) {
    const label = (await row.getByRole('rowheader').textContent()).trim();
    rows[label] ??= (await row.getByRole('cell').textContent()).trim();
  }
  return rows;
}

/** Who the diagnosis says answered, per profile (the twin's headers are hidden by CORS, so
 * only the body can tell; OpenRouter's plain envelope names nobody). */
const answeredBy = { 'new-api': 'new-api', litellm: 'litellm', openrouter: 'unknown' };

const cases = [
  { name: 'no key', key: '', category: 'authentication-failure', side: 'client', confidence: 'high', signature: /^fact: the request carried no key/ },
  { name: 'a wrong key', key: 'sk-not-a-real-key-0123456789', category: 'authentication-failure' },
  { name: 'an unknown model', model: 'gpt-5.4x', category: 'model-not-available' },
  // new-api and OpenRouter pass the provider's chunk through: nothing in it names them.
  { name: 'a stream that breaks after its first tokens', model: 'twin-stream-breaks', stream: true, category: 'upstream-failure', side: 'upstream', evidence: { stream: /error event after 200/ }, answeredBy: { 'new-api': 'unknown', litellm: 'litellm', openrouter: 'unknown' } },
  { name: 'a 200 that is not an answer', model: 'twin-not-an-answer', category: 'unknown', confidence: 'low', headline: /not an answer/ },
  // A gateway that dropped the provider's error closes the stream as if it had finished.
  { name: 'a stream closed without a finish reason', model: 'twin-stream-error-dropped', stream: true, category: 'unknown', confidence: 'low', headline: /may be cut short/, evidence: { unfinished: /no choice gave a finish_reason/ }, noEvidence: ['envelope', 'message'] },
];

for (const profile of profiles) {
  for (const c of cases) {
    test(`${profile}: ${c.name} is diagnosed as ${c.category}`, async (t) => {
      const page = await openApp(browser, app.url, { gateway: twins[profile].url, key: c.key ?? 'sk-twin-valid' });
      await pick(page, 'Chat Completions');
      if (c.model) await page.getByRole('combobox', { name: 'Model', exact: true }).fill(c.model);
      if (c.stream) await page.getByLabel('Stream', { exact: true }).check();
      assert.equal(await send(page), c.category);
      const rows = await evidence(page);
      const kicker = (await verdict(page).getByRole('paragraph').first().textContent()).trim();
      if (c.side) assert.match(kicker, new RegExp(`· ${c.side}$`), `${profile}: side in "${kicker}"`);
      if (c.confidence) assert.match(kicker, new RegExp(`${c.confidence} confidence`), `${profile}: confidence in "${kicker}"`);
      if (c.signature) assert.match(rows.signature ?? '', c.signature);
      for (const [label, pattern] of Object.entries(c.evidence ?? {})) assert.match(rows[label] ?? '', pattern, `${profile}: evidence ${label}`);
      // A stream's own events are no error message.
      for (const label of c.noEvidence ?? []) assert.equal(rows[label], undefined, `${profile}: no ${label} row`);
      if (c.headline) assert.match(await diagnosis(page).getByRole('heading', { level: 2 }).textContent(), c.headline);
      if (c.category !== 'unknown' && c.key !== '') assert.equal(rows['answered-by'], (c.answeredBy ?? answeredBy)[profile], `${profile}: who answered`);
      assert.deepEqual(page.errors, []);
    });
  }
}
