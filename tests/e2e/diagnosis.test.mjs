// The diagnosis, end to end: every category the gateway twin can produce, driven through
// the UI the way a person would, with the evidence and next actions the verdict offers;
// the one-click follow-up checks; the client setup helper; and the pre-flight fixes.
//
// Elements are found by role and accessible name; the only attributes read are the
// documented data-* hooks (data-category, data-serial, data-check, data-ok, data-rule).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { noisePng } from './png.mjs';
import { startTwin, startApp, launch, openApp, pick, send, verdictSerial, nextVerdict, closedPort, closeContexts, resetTwins } from './harness.mjs';

let twin, smallTwin, app, browser;
before(async () => {
  [twin, smallTwin, app] = await Promise.all([startTwin(), startTwin(['--body-limit-mb', '1']), startApp()]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  app?.stop();
  twin?.stop();
  smallTwin?.stop();
});
afterEach(closeContexts);

// ---------------------------------------------------------------------------------------
// Helpers: what a person sees and does.

const diagnosis = (page) => page.getByRole('region', { name: /^(Diagnosis|诊断)$/ });
const verdict = (page) => diagnosis(page).locator('[data-category]');
const nextActions = (page) => diagnosis(page).getByRole('group', { name: /^(Next actions|下一步操作)$/ });
const followUps = (page) => diagnosis(page).getByRole('list', { name: /^(Follow-up checks|后续检查)$/ });
const REQUEST_ID = /^\d{23}[A-Za-z]{8}$/;

const reset = () => resetTwins(twin, smallTwin);

/** Opens the app; `afterEach(closeContexts)` closes its context when the test ends. */
const open = (options) => openApp(browser, app.url, options);

/** Evidence rows as [label, value] pairs, in order. */
async function evidence(page) {
  const table = diagnosis(page).getByRole('table', { name: /^(Evidence|依据)$/ });
  await table.waitFor();
  const rows = [];
  for (const row of await table.getByRole('row').all()) {
    const label = (await row.getByRole('rowheader').textContent()).trim();
    const value = (await row.getByRole('cell').textContent()).trim();
    rows.push([label, value]);
  }
  return rows;
}

/** Asserts that some evidence row `label` has a value matching `pattern`. */
function assertEvidence(rows, label, pattern) {
  const values = rows.filter(([l]) => l === label).map(([, v]) => v);
  const show = rows.map(([l, v]) => `  ${l}: ${v}`).join('\n');
  assert.ok(values.length > 0, `Evidence has a "${label}" row; rows were:\n${show}`);
  assert.ok(values.some((v) => pattern.test(v)), `Evidence "${label}" matches ${pattern}; rows were:\n${show}`);
}

/** The lines under "What to check", in order (none when the list is absent). */
async function checkLines(page) {
  const list = diagnosis(page).getByRole('list', { name: /^(What to check|检查事项)$/ });
  if ((await list.count()) === 0) return [];
  return (await list.getByRole('listitem').allTextContents()).map((line) => line.trim());
}

/** The names of the buttons under 'Next actions'. */
async function actionNames(page) {
  return (await nextActions(page).getByRole('button').allTextContents()).map((s) => s.trim());
}

function assertActions(names, expected) {
  for (const name of expected) {
    assert.ok(names.includes(name), `Next actions offer "${name}"; they were: ${JSON.stringify(names)}`);
  }
}

/**
 * Asserts the request id: shown and in the evidence (`true`: the gateway's own format; a
 * RegExp: another owner's id), or said to be absent (`false`: the page says so, and any
 * evidence row says "none").
 */
async function assertRequestId(page, rows, present) {
  if (present) {
    const id = (await diagnosis(page).getByLabel('Request id', { exact: true }).textContent()).trim();
    assert.match(id, present === true ? REQUEST_ID : present, 'the request id is shown');
    assertEvidence(rows, 'request-id', new RegExp(`^${id}\\b`));
    await diagnosis(page).getByRole('button', { name: 'Copy request id' }).waitFor();
  } else {
    await diagnosis(page).getByText(/No request id in this answer/).waitFor();
    const said = rows.filter(([label]) => label === 'request-id');
    assert.ok(said.every(([, value]) => /^none/.test(value)), `an absent id is said as "none": ${JSON.stringify(said)}`);
  }
}

async function moreSettings(page) {
  const selfService = page.getByLabel('Self-service API URL');
  if (!(await selfService.isVisible())) await page.getByText('More settings', { exact: true }).click();
  await selfService.waitFor();
}

async function setTimeoutSecs(page, secs) {
  await moreSettings(page);
  await page.getByLabel(/^Timeout/).fill(String(secs));
}

async function setSelfService(page, url) {
  await moreSettings(page);
  await page.getByLabel('Self-service API URL').fill(url);
}

async function useRawBody(page, edit) {
  await page.getByLabel('Edit the body as raw JSON').check();
  const raw = page.getByLabel('Raw JSON body');
  const current = await raw.inputValue();
  await raw.fill(typeof edit === 'function' ? JSON.stringify(edit(JSON.parse(current)), null, 2) : edit);
}

const modelBox = (page) => page.getByRole('combobox', { name: 'Model', exact: true });

/** Clicks a button and waits for the fresh verdict it leads to. */
async function clickForVerdict(page, button, timeout = 30000) {
  const before = await verdictSerial(page);
  await button.click();
  return nextVerdict(page, before, timeout);
}

/** Clicks a follow-up button under 'Next actions' and returns its item in 'Follow-up checks'. */
async function runFollowUp(page, buttonName, check) {
  await nextActions(page).getByRole('button', { name: buttonName, exact: true }).click();
  const item = followUps(page).locator(`[data-check="${check}"]`);
  await item.waitFor({ timeout: 30000 });
  return item;
}

// ---------------------------------------------------------------------------------------
// Every category, as a person meets it. Each scenario: where it is sent, what is typed,
// the category, the key evidence, whether a request id is shown, and the next actions.

const KEY_STATUS = 'Key status and balance';
const MODEL_VISIBLE = 'Is this model visible to my key?';
const CORS_PROBE = 'Does this gateway let my browser in?';

const scenarios = [
  {
    name: 'a working chat is a quiet success',
    category: 'success',
    requestId: false,
    confidence: 'high',
    evidence: { status: /^200$/, 'content-type': /application\/json/ },
    noActions: true,
  },
  // Authentication failure.
  {
    name: 'a wrong key',
    key: 'sk-not-a-real-key',
    category: 'authentication-failure',
    confidence: 'high',
    checks: /keep its sk- prefix/,
    side: 'client',
    evidence: { status: /^401$/, message: /Invalid token/ },
    requestId: true,
    actions: [KEY_STATUS],
  },
  {
    name: 'a key pasted without sk-',
    key: 'twin-valid',
    category: 'authentication-failure',
    confidence: 'high',
    checks: /keep its sk- prefix/,
    side: 'client',
    evidence: { status: /^401$/, message: /Invalid token/ },
    requestId: true,
    actions: [KEY_STATUS],
    finding: ['api_key', 'key-missing-sk'],
  },
  {
    name: 'no key at all',
    key: '',
    category: 'authentication-failure',
    confidence: 'high',
    checks: /Send the key as Authorization: Bearer/,
    side: 'client',
    evidence: { status: /^401$/, message: /Token not provided/ },
    requestId: true,
    finding: ['api_key', 'key-empty'],
    actions: [],
  },
  {
    name: 'a wrong key on the self-service API (200 with success:false)',
    endpoint: 'Key status and balance',
    selfService: true,
    key: 'sk-not-a-real-key',
    category: 'authentication-failure',
    requestId: false,
    confidence: 'medium',
    checks: /keep its sk- prefix/,
    side: 'client',
    evidence: { status: /2xx carrying an error body/, message: /Invalid token/ },
    alsoStatus200: true,
    actions: [KEY_STATUS],
  },
  // Token unavailable.
  {
    name: 'a disabled token',
    key: 'sk-twin-disabled',
    category: 'token-unavailable',
    confidence: 'high',
    checks: /^Enable the key in the console\./,
    side: 'client',
    evidence: { status: /^401$/, message: /This token status is unavailable/ },
    requestId: true,
    actions: [KEY_STATUS],
  },
  {
    name: 'an expired token',
    key: 'sk-twin-expired',
    category: 'token-unavailable',
    confidence: 'high',
    checks: /Extend the key's expiry/,
    side: 'client',
    evidence: { status: /^401$/, message: /This token has expired/ },
    requestId: true,
    actions: [KEY_STATUS],
  },
  {
    name: 'an exhausted token',
    key: 'sk-twin-exhausted',
    category: 'token-unavailable',
    confidence: 'high',
    checks: /Raise the key's own quota/,
    side: 'client',
    evidence: { status: /^401$/, message: /quota is exhausted/ },
    requestId: true,
    actions: [KEY_STATUS],
  },
  {
    name: 'an IP-restricted token',
    key: 'sk-twin-iprestricted',
    category: 'token-unavailable',
    confidence: 'high',
    checks: /allow list/,
    side: 'client',
    evidence: { status: /^403$/, code: /^access_denied$/ },
    requestId: true,
    actions: [KEY_STATUS],
  },
  {
    name: 'a token whose own quota is too low',
    key: 'sk-twin-lowquota',
    category: 'token-unavailable',
    confidence: 'high',
    checks: /Raise the key's own quota/,
    side: 'client',
    evidence: { status: /^403$/, code: /^pre_consume_token_quota_failed$/ },
    requestId: true,
    actions: [KEY_STATUS],
  },
  // Insufficient balance.
  {
    name: 'an empty account balance',
    key: 'sk-twin-broke',
    category: 'insufficient-balance',
    confidence: 'high',
    checks: /wallet balance/,
    side: 'client',
    evidence: { status: /^403$/, code: /^insufficient_user_quota$/ },
    requestId: true,
    actions: [KEY_STATUS],
  },
  // Model missing or not allowed.
  {
    name: 'a typo in the model id (503 no channel)',
    model: 'gpt-5.4x',
    category: 'model-not-available',
    confidence: 'high',
    checks: /model id is typed exactly/,
    side: 'gateway',
    evidence: { status: /^503$/, code: /^model_not_found$/, model: /^gpt-5\.4x/, group: /^default$/ },
    requestId: true,
    actions: [MODEL_VISIBLE, KEY_STATUS],
  },
  {
    name: 'a typo in the model id with Stream on (plain JSON 503, not SSE)',
    model: 'gpt-5.4x',
    toggles: ['Stream'],
    category: 'model-not-available',
    confidence: 'high',
    checks: /model id is typed exactly/,
    side: 'gateway',
    evidence: { status: /^503$/, code: /^model_not_found$/, model: /^gpt-5\.4x/ },
    requestId: true,
    actions: [MODEL_VISIBLE, KEY_STATUS],
  },
  {
    name: 'a model outside the token allowlist (403)',
    key: 'sk-twin-allowlist',
    category: 'model-not-available',
    confidence: 'high',
    checks: /key restricts its models/,
    side: 'client',
    evidence: { status: /^403$/, model: /^gpt-5\.4\b/ },
    requestId: true,
    actions: [MODEL_VISIBLE, KEY_STATUS],
  },
  {
    name: 'a model the operator has not priced',
    model: 'twin-unpriced',
    category: 'model-not-available',
    confidence: 'high',
    checks: /set a price or ratio/,
    side: 'gateway',
    evidence: { status: /^400$/, code: /^model_price_error$/, model: /^twin-unpriced/ },
    requestId: true,
    actions: [MODEL_VISIBLE, KEY_STATUS],
  },
  {
    name: 'GET /v1/models/{unknown}: a 200 carrying an error',
    endpoint: 'List models (OpenAI)',
    one: 'gpt-9-nope',
    category: 'model-not-available',
    confidence: 'medium',
    checks: /model id is typed exactly/,
    side: 'unknown',
    evidence: { status: /2xx carrying an error body/, code: /^model_not_found$/, model: /gpt-9-nope/ },
    alsoStatus200: true,
    candidates: /Could also be: .*Success status, error body/,
    requestId: false,
    actions: [MODEL_VISIBLE, KEY_STATUS],
  },
  {
    name: 'a 200 whose only choice failed (finish_reason "error")',
    model: 'twin-error-on-200',
    category: 'success-with-error-body',
    confidence: 'medium',
    checks: /Read the error inside the body/,
    side: 'upstream',
    evidence: { status: /^200$/, 'error-inside': /Provider disconnected mid-stream/ },
    requestId: false,
    actions: [],
  },
  // Incorrect endpoint.
  {
    name: 'a base URL ending in /v1 (404 Invalid URL)',
    base: '/v1',
    category: 'incorrect-endpoint',
    confidence: 'high',
    checks: /Remove \/v1 from the base URL or from the path/,
    side: 'client',
    evidence: { status: /^404$/, message: /Invalid URL \(POST \/v1\/v1\/chat\/completions\)/, route: /\/v1\/v1\/chat\/completions/ },
    // new-api's NoRoute answer carries no request id in the body; the header is hidden by CORS.
    requestId: false,
    actions: ['Client setup'],
  },
  {
    name: 'a base URL that reaches the dashboard (200 HTML)',
    base: '/console',
    category: 'incorrect-endpoint',
    requestId: false,
    confidence: 'high',
    checks: /dashboard or a proxy answered/,
    side: 'client',
    evidence: { status: /^200$/, 'content-type': /text\/html/, signature: /HTML page/ },
    actions: ['Client setup'],
  },
  // Parameter error.
  {
    name: 'mixed protocols: Gemini contents sent to Chat (500 invalid_request)',
    raw: () => ({ model: 'gpt-5.4', contents: [{ parts: [{ text: 'hi' }] }] }),
    category: 'parameter-error',
    confidence: 'high',
    checks: /Do not mix protocols/,
    side: 'client',
    evidence: { status: /^500$/, code: /^invalid_request$/, field: /^messages$/, protocol: /^openai-chat$/ },
    requestId: true,
    actions: [],
  },
  {
    name: 'mixed protocols: OpenAI messages sent to Gemini generateContent',
    endpoint: 'generateContent',
    raw: () => ({ messages: [{ role: 'user', content: 'hi' }] }),
    category: 'parameter-error',
    confidence: 'high',
    checks: /Do not mix protocols/,
    side: 'client',
    evidence: { status: /^500$/, code: /^invalid_request$/, message: /contents is required/, protocol: /^gemini-native$/ },
    requestId: true,
    finding: ['body', 'protocol-messages-to-gemini'],
    actions: [],
  },
  {
    name: 'Claude Messages with Max tokens cleared',
    endpoint: 'Messages',
    fields: { 'Max tokens': '' },
    category: 'parameter-error',
    requestId: false,
    confidence: 'medium',
    checks: /Claude Messages requires max_tokens/,
    side: 'client',
    evidence: { status: /^400$/, message: /max_tokens: Field required/, field: /^max_tokens$/, protocol: /^claude-messages$/ },
    actions: [],
  },
  // Claude Code experimental betas.
  {
    name: 'Claude Messages carrying context_management (raw body)',
    endpoint: 'Messages',
    raw: (body) => ({ ...body, context_management: {} }),
    category: 'claude-code-betas',
    requestId: false,
    confidence: 'medium',
    checks: /CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1/,
    side: 'client',
    evidence: { status: /^400$/, message: /context_management: Extra inputs are not permitted/, field: /^context_management$/ },
    actions: ['Remove the anthropic-beta header', 'Client setup'],
    finding: ['body', 'claude-context-management'],
  },
  {
    name: 'Claude Messages with the anthropic-beta header and context_management',
    endpoint: 'Messages',
    fields: { 'anthropic-beta': 'context-management-2025-06-27' },
    raw: (body) => ({ ...body, context_management: { edits: [] } }),
    category: 'claude-code-betas',
    requestId: false,
    confidence: 'medium',
    checks: /drop the anthropic-beta header/,
    side: 'client',
    evidence: { status: /^400$/, message: /context_management/ },
    actions: ['Remove the anthropic-beta header', 'Client setup'],
  },
  // Timeout.
  {
    name: 'a slow upstream past a 2 s timeout',
    base: '/_slow',
    timeout: 2,
    category: 'timeout',
    requestId: false,
    confidence: 'high',
    checks: /Stream text responses/,
    side: 'upstream',
    // The client timer fires at about 2000 ms (a millisecond or two either side).
    evidence: { transport: /timed out after (19[5-9]\d|2\d\d\d) ms/ },
    actions: ['Retry'],
  },
  {
    name: 'a slow image generation past a 2 s timeout (async task offered)',
    endpoint: 'Image generation',
    base: '/_slow',
    timeout: 2,
    category: 'timeout',
    requestId: false,
    confidence: 'high',
    checks: /submit an async task/,
    side: 'upstream',
    evidence: { transport: /timed out after (19[5-9]\d|2\d\d\d) ms/ },
    actions: ['Open the async task endpoint', 'Retry'],
  },
  {
    name: 'a readable Cloudflare 524 page (its own timeout, so its finding)',
    base: '/_cf524',
    category: 'timeout',
    // Cloudflare's ray id: shown, though it is not the gateway's.
    requestId: /^[0-9a-f]{16}$/,
    confidence: 'high',
    checks: /slow upstreams take longer/,
    side: 'gateway',
    evidence: { status: /^524$/ },
    actions: ['Retry'],
  },
  // Rate limit.
  {
    name: 'an empty 429',
    key: 'sk-twin-empty429',
    category: 'rate-limit',
    requestId: false,
    confidence: 'medium',
    checks: /hidden by CORS here/,
    side: 'unknown',
    evidence: { status: /^429$/, 'retry-after': /hidden by CORS/ },
    actions: ['Retry'],
  },
  // Network or CORS.
  {
    name: 'a gateway that refuses CORS',
    base: '/_nocors',
    category: 'network-or-cors',
    requestId: false,
    confidence: 'medium',
    checks: /Probe CORS/,
    network: true,
    side: 'network',
    evidence: { transport: /fetch rejected/ },
    actions: [CORS_PROBE, 'Retry'],
  },
  {
    name: 'a closed port',
    gateway: async () => `http://127.0.0.1:${await closedPort()}`,
    category: 'network-or-cors',
    requestId: false,
    confidence: 'medium',
    checks: /scheme, host and port/,
    network: true,
    side: 'network',
    evidence: { transport: /fetch rejected/ },
    actions: [CORS_PROBE, 'Retry'],
  },
  {
    name: 'a proxy 504 page without CORS',
    base: '/_proxy504',
    category: 'network-or-cors',
    requestId: false,
    confidence: 'medium',
    checks: /proxy error page \(413\/502\/504\)/,
    network: true,
    side: 'network',
    evidence: { transport: /fetch rejected/ },
    actions: [CORS_PROBE, 'Retry'],
  },
  // Upstream failure.
  {
    name: 'an upstream that fails (500 do_request_failed)',
    model: 'twin-upstream-error',
    category: 'upstream-failure',
    confidence: 'high',
    checks: /may pick another channel/,
    side: 'upstream',
    evidence: { status: /^500$/, code: /^do_request_failed$/ },
    requestId: true,
    actions: ['Retry'],
  },
  {
    name: 'an overloaded Claude upstream (529)',
    endpoint: 'Messages',
    model: 'twin-overloaded',
    category: 'upstream-failure',
    confidence: 'medium',
    checks: /may pick another channel/,
    side: 'upstream',
    evidence: { status: /^529$/, type: /^overloaded_error$/ },
    requestId: false,
    actions: ['Retry'],
  },
  {
    name: 'an overloaded OpenAI-style upstream (503 bad_response_status_code)',
    model: 'twin-overloaded',
    category: 'upstream-failure',
    confidence: 'medium',
    checks: /may pick another channel/,
    side: 'upstream',
    evidence: { status: /^503$/, type: /^upstream_error$/, code: /^bad_response_status_code$/ },
    requestId: false,
    actions: ['Retry'],
  },
  {
    name: 'a Claude stream that ends in event: error after the 200',
    endpoint: 'Messages',
    model: 'twin-upstream-error',
    toggles: ['Stream'],
    category: 'upstream-failure',
    requestId: false,
    confidence: 'medium',
    checks: /time of the call and the model: this answer carries no request id/,
    side: 'upstream',
    evidence: { status: /^200$/, stream: /error event after 200/, type: /^overloaded_error$/ },
    actions: ['Retry'],
  },
  // The older gateway generation.
  {
    name: 'a newer build folding a disabled key into Invalid token (new-api since 2026-04-12)',
    base: '/_folded',
    key: 'sk-twin-disabled',
    category: 'authentication-failure',
    confidence: 'high',
    checks: /check the key's status/,
    side: 'client',
    evidence: { status: /^401$/, type: /^new_api_error$/, message: /Invalid token/ },
    candidates: /Could also be: .*Token unavailable/,
    requestId: true,
    actions: [KEY_STATUS],
  },
  {
    name: 'the older generation\'s Chinese no-channel wording',
    base: '/_legacy',
    model: 'gpt-5.4x',
    category: 'model-not-available',
    confidence: 'high',
    checks: /model id is typed exactly/,
    side: 'gateway',
    evidence: { status: /^503$/, type: /^one_api_error$/, message: /当前分组 default 下对于模型 gpt-5\.4x 无可用渠道/, model: /^gpt-5\.4x/, group: /^default$/ },
    requestId: true,
    actions: [MODEL_VISIBLE, KEY_STATUS],
  },
  {
    name: 'a gateway that answers in Chinese whatever the browser asks (sk-twin-zh)',
    key: 'sk-twin-zh',
    model: 'gpt-5.4x',
    category: 'model-not-available',
    confidence: 'high',
    checks: /model id is typed exactly/,
    side: 'gateway',
    evidence: { status: /^503$/, type: /^one_api_error$/, message: /分组 default 下模型 gpt-5\.4x 无可用渠道/, model: /^gpt-5\.4x/, group: /^default$/ },
    requestId: true,
    actions: [MODEL_VISIBLE, KEY_STATUS],
  },
];

for (const s of scenarios) {
  test(`diagnoses ${s.name} as ${s.category}`, async (t) => {
    await reset();
    const gateway = s.gateway ? await s.gateway() : twin.url + (s.base ?? '');
    const page = await open({ gateway, key: s.key ?? 'sk-twin-valid' });
    if (s.selfService) await setSelfService(page, twin.url);
    await pick(page, s.endpoint ?? 'Chat Completions');
    if (s.model) await modelBox(page).fill(s.model);
    if (s.one) await page.getByRole('combobox', { name: 'One model (optional)' }).fill(s.one);
    for (const [label, value] of Object.entries(s.fields ?? {})) await page.getByLabel(label, { exact: true }).fill(value);
    for (const label of s.toggles ?? []) await page.getByLabel(label, { exact: true }).check();
    if (s.raw) await useRawBody(page, s.raw);
    if (s.timeout) await setTimeoutSecs(page, s.timeout);
    if (s.finding) {
      const [field, rule] = s.finding;
      await page.getByRole('list', { name: `Checks for ${field}` }).locator(`[data-rule="${rule}"]`).waitFor();
    }

    assert.equal(await send(page), s.category);
    const rows = await evidence(page);
    assert.ok(rows.length > 0, 'the verdict shows its evidence');
    for (const [label, pattern] of Object.entries(s.evidence)) assertEvidence(rows, label, pattern);
    if (s.alsoStatus200) assertEvidence(rows, 'status', /^200$/);
    assert.notEqual(s.requestId, undefined, 'the scenario says whether a request id is shown');
    await assertRequestId(page, rows, s.requestId);
    if (s.side) {
      const kicker = (await verdict(page).getByRole('paragraph').first().textContent()).trim();
      assert.match(kicker, new RegExp(`· ${s.side}$`), `the cause is placed on the ${s.side} side`);
    }
    if (s.candidates) assert.match(await verdict(page).textContent(), s.candidates);
    const confidence = await verdict(page).getAttribute('data-confidence');
    const checks = await checkLines(page);
    const names = await actionNames(page);
    if (process.env.E2E_VERBOSE) {
      const kicker = (await verdict(page).getByRole('paragraph').first().textContent()).trim();
      console.log(`# ${s.name}\n#   ${kicker} [${confidence}]\n${rows.map(([l, v]) => `#   ${l}: ${v}`).join('\n')}\n#   checks: ${JSON.stringify(checks)}\n#   actions: ${JSON.stringify(names)}\n#   blocked: ${JSON.stringify(page.blocked)}`);
    }
    assert.equal(confidence, s.confidence, 'the confidence shown');
    if (s.category === 'success') {
      assert.deepEqual(checks, [], 'a success asks nothing to be checked');
    } else {
      assert.ok(s.checks, 'the scenario names a "What to check" line it expects');
      assert.ok(checks.some((line) => s.checks.test(line)), `"What to check" has a line matching ${s.checks}; it had ${JSON.stringify(checks)}`);
    }
    // A network-level failure is logged by Chromium itself; anywhere else it would mean the
    // page fetched something the test did not expect to fail.
    if (!s.network) assert.deepEqual(page.blocked, [], 'no request was refused at the network level');
    // Exactly these actions, in this order: an extra (wrong) action fails too.
    assert.deepEqual(names, s.noActions ? [] : s.actions, 'the next actions offered');
    assert.deepEqual(page.errors, []);
  });
}

test('the rate-limited key: three calls a minute, the fourth is diagnosed, and Retry brings a fresh verdict', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url, key: 'sk-twin-ratelimited' });
  await pick(page, 'Chat Completions');
  const categories = [];
  for (let i = 0; i < 4; i += 1) categories.push(await send(page));
  assert.deepEqual(categories, ['success', 'success', 'success', 'rate-limit']);
  const rows = await evidence(page);
  assertEvidence(rows, 'status', /^429$/);
  assertEvidence(rows, 'rate-window', /3 requests \/ 1 min/);
  assertEvidence(rows, 'retry-after', /hidden by CORS/);
  await assertRequestId(page, rows, true);
  // The retry-after header is hidden by CORS and the message names no wait, so the product
  // offers a plain Retry (a countdown here would be a guess).
  const names = await actionNames(page);
  assert.ok(names.includes('Retry'), `a Retry action is offered; actions were ${JSON.stringify(names)}`);
  assert.ok(!names.some((n) => /^Retry after/.test(n)), 'no countdown without an advised wait');
  const category = await clickForVerdict(page, nextActions(page).getByRole('button', { name: 'Retry', exact: true }));
  assert.equal(category, 'rate-limit', 'a retry inside the window is refused again, with a fresh verdict');
  assert.deepEqual(page.errors, []);
});

test('diagnoses an upload over the gateway body limit (readable 413) as request-too-large', async (t) => {
  await reset();
  const image = noisePng(640);
  assert.ok(image.length > 1024 * 1024, `the PNG is over 1 MB (${image.length} bytes)`);
  // The same upload is fine on a gateway with the default 32 MB limit…
  const page = await open({ gateway: twin.url });
  await pick(page, 'Image edit (multipart)');
  await page.getByLabel('Image file(s)', { exact: true }).setInputFiles({ name: 'noise.png', mimeType: 'image/png', buffer: image });
  await page.getByRole('list', { name: 'Image file(s) chosen' }).getByText('noise.png').waitFor();
  assert.equal(await send(page), 'success');
  // …and refused by the one that reads at most 1 MB.
  await page.getByLabel('Gateway URL').fill(smallTwin.url);
  assert.equal(await send(page), 'request-too-large');
  const rows = await evidence(page);
  assertEvidence(rows, 'status', /^413$/);
  assertEvidence(rows, 'code', /^read_request_body_failed$/);
  assertEvidence(rows, 'message', /request body exceeds 1 MB/);
  await assertRequestId(page, rows, true);
  const kicker = (await verdict(page).getByRole('paragraph').first().textContent()).trim();
  assert.match(kicker, /^Request too large/);
  // A proxy in front refusing the same body with its own page (no CORS headers): the
  // browser only sees a failed fetch, and the size makes "too large" a candidate.
  await page.getByLabel('Gateway URL').fill(`${twin.url}/_proxy413`);
  assert.equal(await send(page), 'network-or-cors');
  assertEvidence(await evidence(page), 'transport', /fetch rejected/);
  assert.match(await verdict(page).textContent(), /Could also be: .*Request too large/);
  assert.deepEqual(page.errors, []);
});

test('a timed-out image generation offers the async task endpoint, and the button opens it', async (t) => {
  await reset();
  const page = await open({ gateway: `${twin.url}/_slow` });
  await pick(page, 'Image generation');
  await setTimeoutSecs(page, 2);
  assert.equal(await send(page), 'timeout');
  await nextActions(page).getByRole('button', { name: 'Open the async task endpoint', exact: true }).click();
  await page.getByRole('region', { name: 'Request' }).getByRole('heading', { level: 1, name: /Async image: submit/ }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: /^(Endpoints|接口)$/ }).getByRole('button', { name: /Async image: submit/ }).getAttribute('aria-current'), 'page');
});

test('Cancel while a slow answer is pending is diagnosed as cancelled', async (t) => {
  await reset();
  const page = await open({ gateway: `${twin.url}/_slow` });
  await pick(page, 'Chat Completions');
  const before = await verdictSerial(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await diagnosis(page).getByText('Waiting for the answer…').waitFor();
  const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
  await cancel.click();
  assert.equal(await nextVerdict(page, before, 5000), 'cancelled');
  assertEvidence(await evidence(page), 'transport', /cancelled after \d+ ms/);
  assert.equal(await cancel.isDisabled(), true, 'nothing left to cancel');
  assert.deepEqual(page.errors, []);
});

test('Chinese: the browser and the Language select in zh-CN, a Chinese gateway message, a Chinese verdict', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url, key: 'sk-twin-broke', locale: 'zh-CN' });
  await page.getByLabel('Language').selectOption('zh-CN');
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'insufficient-balance');
  const rows = await evidence(page);
  assertEvidence(rows, 'status', /^403$/);
  assertEvidence(rows, 'code', /^insufficient_user_quota$/);
  assertEvidence(rows, 'message', /用户额度不足/);
  const headline = await diagnosis(page).getByRole('heading', { level: 2 }).textContent();
  assert.match(headline, /[\u4e00-\u9fff]/, `headline in Chinese: ${headline}`);
  assert.match(await verdict(page).textContent(), /余额不足/, 'the category title in Chinese');
  await diagnosis(page).getByRole('list', { name: /^(What to check|检查事项)$/ }).getByText('在控制台查看钱包余额。').waitFor();
  assertActions(await actionNames(page), ['密钥状态与余额']);
  assert.match((await diagnosis(page).getByLabel(/^(Request id|请求 ID)$/).textContent()).trim(), REQUEST_ID);
  assert.deepEqual(page.errors, []);
});

test('the next action "Remove the anthropic-beta header" clears the header field', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url });
  await pick(page, 'Messages');
  await page.getByLabel('anthropic-beta', { exact: true }).fill('context-management-2025-06-27');
  await useRawBody(page, (body) => ({ ...body, context_management: {} }));
  assert.equal(await send(page), 'claude-code-betas');
  await nextActions(page).getByRole('button', { name: 'Remove the anthropic-beta header' }).click();
  assert.equal(await page.getByLabel('anthropic-beta', { exact: true }).inputValue(), '');
  const headers = await page.getByRole('region', { name: 'Request preview' }).getByLabel('Request headers').textContent();
  assert.doesNotMatch(headers, /anthropic-beta/i);
});

// ---------------------------------------------------------------------------------------
// Follow-up checks, each run once against the twin.

test('follow-up: model visibility after a typo says it is not visible and suggests the right id', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url });
  await pick(page, 'Chat Completions');
  await modelBox(page).fill('gpt-5.4x');
  assert.equal(await send(page), 'model-not-available');
  const item = await runFollowUp(page, MODEL_VISIBLE, 'model-visible');
  assert.equal(await item.getAttribute('data-ok'), 'bad');
  assert.match(await item.textContent(), /gpt-5\.4x is NOT among the \d+ models/);
  assert.match(await item.textContent(), /Did you mean gpt-5\.4\?/);
  assert.deepEqual(page.errors, []);
});

test('follow-up: key status after a disabled key reports it disabled (self-service on the twin)', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url, key: 'sk-twin-disabled' });
  await setSelfService(page, twin.url);
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'token-unavailable');
  const item = await runFollowUp(page, KEY_STATUS, 'key-status');
  assert.equal(await item.getAttribute('data-ok'), 'bad');
  assert.match(await item.textContent(), /The key is disabled/);
  assert.deepEqual(page.errors, []);
});

test('follow-up: key status after a valid key\'s error says the key is fine', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url, key: 'sk-twin-valid' });
  await setSelfService(page, twin.url);
  await pick(page, 'Chat Completions');
  await modelBox(page).fill('gpt-5.4x');
  assert.equal(await send(page), 'model-not-available');
  const item = await runFollowUp(page, KEY_STATUS, 'key-status');
  assert.equal(await item.getAttribute('data-ok'), 'ok');
  assert.match(await item.textContent(), /The key is enabled/);
  assert.deepEqual(page.errors, []);
});

test('follow-up: the CORS probe after /_nocors says the browser is refused', async (t) => {
  await reset();
  const page = await open({ gateway: `${twin.url}/_nocors` });
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'network-or-cors');
  const item = await runFollowUp(page, CORS_PROBE, 'cors-probe');
  assert.equal(await item.getAttribute('data-ok'), 'bad');
  assert.match(await item.textContent(), /No: the browser gets no readable answer/);
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------------------------------
// The client setup helper.

const clients = (root) => [
  { label: 'Codex', base: `${root}/v1`, calls: `${root}/v1/responses` },
  { label: 'Claude Code', base: root, calls: `${root}/v1/messages` },
  { label: 'OpenAI SDK (Python / Node)', base: `${root}/v1`, calls: `${root}/v1/chat/completions` },
  { label: 'Gemini SDK (google-genai)', base: root, calls: `${root}/v1beta/models/gemini-2.5-flash:generateContent` },
  { label: 'Root-URL client (Cherry Studio and similar)', base: root, calls: `${root}/v1/chat/completions` },
];

async function clientSettings(helper) {
  const table = helper.getByRole('table', { name: 'Settings for this client' });
  const baseRow = table.getByRole('row').filter({ has: helper.page().getByRole('rowheader', { name: 'Base URL', exact: true }) });
  const base = (await baseRow.getByRole('cell').textContent()).replace(/\s*Copy\s*$/, '').trim();
  const calls = (await table.getByLabel('URL it will call').textContent()).trim();
  return { base, calls };
}

for (const typed of ['/v1', '']) {
  test(`client setup for a gateway typed as ${typed ? 'the origin + /v1' : 'the bare origin'}`, async (t) => {
    const page = await open({ gateway: twin.url + typed });
    await page.getByRole('button', { name: 'Client setup', exact: true }).click();
    const helper = page.getByRole('region', { name: 'Client setup' });
    await helper.waitFor();
    const picker = helper.getByRole('radiogroup', { name: 'Client' });
    for (const c of clients(twin.url)) {
      await picker.getByRole('radio', { name: c.label, exact: true }).check();
      const shown = await clientSettings(helper);
      assert.equal(shown.base, c.base, `${c.label}: base URL`);
      assert.equal(shown.calls, c.calls, `${c.label}: URL it will call`);
      // The warning about the address as typed: Claude Code given …/v1 calls /v1/v1/messages.
      const warning = helper.getByRole('note').filter({ hasText: 'With the Gateway URL exactly as typed' });
      const typedWorks = (twin.url + typed + pathOf(c)) === c.calls;
      if (c.label === 'Claude Code' && typed === '/v1') {
        await warning.waitFor();
        assert.match(await warning.textContent(), new RegExp(`Claude Code would call ${escape(twin.url)}/v1/v1/messages`));
      }
      assert.equal(await warning.count(), typedWorks ? 0 : 1, `${c.label}: warning shown only when the typed address would break it`);
    }
    await helper.getByRole('button', { name: 'Close client setup' }).click();
    await helper.waitFor({ state: 'detached' });
    assert.deepEqual(page.errors, []);
  });
}
const pathOf = (c) => c.calls.slice(c.base.length);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the diagnosis action "Client setup" opens the helper after a doubled /v1', async (t) => {
  await reset();
  const page = await open({ gateway: `${twin.url}/v1` });
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'incorrect-endpoint');
  await nextActions(page).getByRole('button', { name: 'Client setup', exact: true }).click();
  await page.getByRole('region', { name: 'Client setup' }).getByRole('radiogroup', { name: 'Client' }).waitFor();
});

// ---------------------------------------------------------------------------------------
// Pre-flight findings and their one-click fixes.

/** Waits for the finding next to its field and in the summary list, clicks its fix, and checks it is gone. */
async function applyFix(page, field, rule, fixLabel) {
  const near = page.getByRole('list', { name: `Checks for ${field}` }).locator(`[data-rule="${rule}"]`);
  await near.waitFor();
  await page.getByRole('list', { name: 'Pre-flight checks' }).locator(`[data-rule="${rule}"]`).waitFor();
  await near.getByRole('button', { name: fixLabel, exact: true }).click();
  await page.locator(`[data-rule="${rule}"]`).first().waitFor({ state: 'detached' });
}

test('fix: a key pasted with "Bearer " → Remove "Bearer ", then the call works', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url, key: 'Bearer sk-twin-valid' });
  await pick(page, 'Chat Completions');
  await applyFix(page, 'api_key', 'key-has-bearer', 'Remove "Bearer "');
  assert.equal(await page.getByLabel('API key', { exact: true }).inputValue(), 'sk-twin-valid');
  assert.equal(await send(page), 'success');
});

test('fix: a key with spaces around it → Trim the key, then the call works', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url, key: '  sk-twin-valid \t' });
  await pick(page, 'Chat Completions');
  await applyFix(page, 'api_key', 'key-whitespace', 'Trim the key');
  assert.equal(await page.getByLabel('API key', { exact: true }).inputValue(), 'sk-twin-valid');
  assert.equal(await send(page), 'success');
});

test('fix: a gateway ending in /v1 → Strip /v1, then the call works', async (t) => {
  await reset();
  const page = await open({ gateway: `${twin.url}/v1` });
  await pick(page, 'Chat Completions');
  await applyFix(page, 'gateway', 'base-ends-v1', 'Strip /v1');
  assert.equal(await page.getByLabel('Gateway URL').inputValue(), twin.url);
  assert.equal(await send(page), 'success');
});

test('fix: Claude Messages without max_tokens → Add max_tokens: 1024, then the call works', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url });
  await pick(page, 'Messages');
  await page.getByLabel('Max tokens', { exact: true }).fill('');
  await applyFix(page, 'max_tokens', 'claude-max-tokens', 'Add max_tokens: 1024');
  assert.equal(await page.getByLabel('Max tokens', { exact: true }).inputValue(), '1024');
  assert.equal(await send(page), 'success');
});

test('fix: Claude raw body without max_tokens → Add max_tokens: 1024 writes it into the JSON', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url });
  await pick(page, 'Messages');
  await useRawBody(page, (body) => { const { max_tokens: _drop, ...rest } = body; return rest; });
  await applyFix(page, 'max_tokens', 'claude-max-tokens', 'Add max_tokens: 1024');
  assert.equal(JSON.parse(await page.getByLabel('Raw JSON body').inputValue()).max_tokens, 1024);
  assert.equal(await send(page), 'success');
});

test('fix: an image size written with × → Use 1024x1024, then the call works', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url });
  await pick(page, 'Image generation');
  await page.getByLabel('Size', { exact: true }).fill('1024×1024');
  await applyFix(page, 'size', 'size-not-ascii-x', 'Use 1024x1024');
  assert.equal(await page.getByLabel('Size', { exact: true }).inputValue(), '1024x1024');
  assert.equal(await send(page), 'success');
});

test('fix: Imagen sampleCount 8 → Set to 4, then the call works', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url });
  await pick(page, 'Imagen predict');
  await page.getByLabel('sampleCount', { exact: true }).fill('8');
  await applyFix(page, 'sample_count', 'out-of-range', 'Set to 4');
  assert.equal(await page.getByLabel('sampleCount', { exact: true }).inputValue(), '4');
  assert.equal(await send(page), 'success');
});

test('fix: a typo\'d model after listing models → Use gpt-5.4, then the call works', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url });
  await pick(page, 'List models (OpenAI)');
  assert.equal(await send(page), 'success');
  await pick(page, 'Chat Completions');
  await modelBox(page).fill('gpt-5.4x');
  await applyFix(page, 'model', 'model-not-listed', 'Use gpt-5.4');
  assert.equal(await modelBox(page).inputValue(), 'gpt-5.4');
  assert.equal(await send(page), 'success');
});

test('the next action "Send the key as x-api-key header" after a refused Bearer preflight switches the header', async (t) => {
  await reset();
  const page = await open({ gateway: `${twin.url}/_nocors` });
  await pick(page, 'Messages');
  const authStyle = page.getByLabel('Send the key as', { exact: true });
  await authStyle.selectOption('bearer');
  assert.equal(await send(page), 'network-or-cors');
  assert.deepEqual(await actionNames(page), [CORS_PROBE, 'Send the key as x-api-key header', 'Retry']);
  await nextActions(page).getByRole('button', { name: 'Send the key as x-api-key header' }).click();
  assert.equal(await authStyle.inputValue(), 'x-api-key');
  const headers = await page.getByRole('region', { name: 'Request preview' }).getByLabel('Request headers').textContent();
  assert.match(headers, /x-api-key: /i);
  assert.doesNotMatch(headers, /authorization/i);
  assert.deepEqual(page.errors, []);
});

test('"Copy request id" puts exactly the gateway request id on the clipboard, never the key', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url, key: 'sk-not-a-real-key' });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await pick(page, 'Chat Completions');
  assert.equal(await send(page), 'authentication-failure');
  const id = (await diagnosis(page).getByLabel('Request id', { exact: true }).textContent()).trim();
  assert.match(id, REQUEST_ID);
  await diagnosis(page).getByRole('button', { name: 'Copy request id' }).click();
  await diagnosis(page).getByRole('button', { name: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), id);
  assert.deepEqual(page.errors, []);
});

test('a provider 429 asking for 2 s offers "Retry after 2 s", counts down, then resends by itself', async (t) => {
  await reset();
  const page = await open({ gateway: twin.url });
  await pick(page, 'Chat Completions');
  await modelBox(page).fill('twin-upstream-429');
  assert.equal(await send(page), 'rate-limit');
  assertEvidence(await evidence(page), 'status', /^429$/);
  const names = await actionNames(page);
  assert.equal(names[0], 'Retry after 2 s', `actions were ${JSON.stringify(names)}`);
  assert.ok(!names.includes('Retry'), 'the plain Retry gives way to the advised wait');
  const before = await verdictSerial(page);
  await nextActions(page).getByRole('button', { name: 'Retry after 2 s', exact: true }).click();
  const counting = nextActions(page).getByRole('button', { name: /^Retrying in [12] s…$/ });
  await counting.waitFor();
  assert.equal(await counting.isDisabled(), true, 'the countdown cannot be clicked twice');
  const started = Date.now();
  assert.equal(await nextVerdict(page, before, 15000), 'rate-limit', 'the resend got a fresh verdict');
  assert.ok(Date.now() - started >= 500, 'the resend waited for the countdown');
  assert.deepEqual(page.errors, []);
});
