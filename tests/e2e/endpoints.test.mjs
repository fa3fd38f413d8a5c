// Every documented endpoint, sent once from its form against the twin and accepted; real
// multipart with a PNG file; Seedream with a data URI; streams; exports; raw/form sync.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTwin, startApp, launch, openApp, pick, send, closeContexts, resetTwins, newContext } from './harness.mjs';
import { png } from './png.mjs';

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

const response = (page) => page.getByRole('region', { name: /^(Response|响应)$/ });
const answer = (page) => response(page).getByRole('region', { name: 'Answer' });

async function open() {
  await resetTwins(twin);
  const page = await openApp(browser, app.url, { gateway: twin.url });
  await page.getByText('More settings').click();
  await page.getByLabel('Self-service API URL').fill(twin.url);
  return page;
}

async function sendOk(page) {
  const category = await send(page);
  if (category !== 'success') {
    const body = await response(page).getByLabel('Response body').textContent().catch(() => '');
    assert.fail(`expected success, got ${category}: ${body}`);
  }
}

const simple = [
  'List models (OpenAI)',
  'List models (Gemini)',
  'Chat Completions',
  'Responses',
  'Messages',
  'generateContent',
  'Imagen predict',
  'Image generation',
  'Seedream edit (JSON)',
  'Key status and balance',
  'Live RPM / TPM',
];

/** The request the preview shows (with the key revealed, so nothing is masked). */
async function previewed(page) {
  const preview = page.getByRole('region', { name: 'Request preview' });
  const [method, ...url] = (await preview.getByLabel('Request line').textContent()).trim().split(' ');
  const headers = (await preview.getByLabel('Request headers').textContent()).split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf(': ');
    return [line.slice(0, at).toLowerCase(), line.slice(at + 2)];
  });
  const body = (await preview.getByLabel('Request body').textContent());
  return { method, url: url.join(' '), headers, body: body === '(no body)' ? null : body };
}

/** Sends and returns the one request the page made to the twin for it (no preflight). */
async function sendRecorded(page) {
  const sent = [];
  // Only what the page fetched (an answer's images load as images, not fetches).
  const record = (request) => { if (request.resourceType() === 'fetch' && request.url().startsWith(twin.url) && request.method() !== 'OPTIONS') sent.push(request); };
  page.on('request', record);
  await sendOk(page);
  page.off('request', record);
  assert.equal(sent.length, 1, `one request went out: ${sent.map((r) => r.url()).join(', ')}`);
  return sent[0];
}

/** What was fetched is, byte for byte, what "What will be sent" showed. */
async function assertSentAsShown(page) {
  await page.getByRole('button', { name: 'Show key' }).click();
  const shown = await previewed(page);
  const request = await sendRecorded(page);
  assert.equal(request.method(), shown.method);
  assert.equal(request.url(), shown.url, 'the URL fetched is the URL shown');
  const sentHeaders = request.headers();
  for (const [name, value] of shown.headers) assert.equal(sentHeaders[name], value, `header ${name}`);
  if (shown.body !== null) assert.equal(request.postData(), shown.body, 'the body fetched is the body shown');
  else assert.equal(request.postData(), null);
}

for (const title of simple) {
  test(`${title}: the prefilled form is accepted, and what was fetched is what the preview showed`, async () => {
    const page = await open();
    await pick(page, title);
    await assertSentAsShown(page);
    assert.deepEqual(page.errors, []);
  });
}

test('a streamed Gemini call with ?key= fetches exactly the previewed URL (no stray "&")', async () => {
  const page = await open();
  await pick(page, 'generateContent');
  await page.getByLabel('Send the key as').selectOption('query-key');
  await page.getByLabel('Stream', { exact: true }).check();
  await assertSentAsShown(page);
});

test('chat, Claude, Responses and Gemini stream and the merged text is shown', async () => {
  const page = await open();
  for (const title of ['Chat Completions', 'Messages', 'Responses', 'generateContent']) {
    await pick(page, title);
    await page.getByRole('checkbox', { name: 'Stream', exact: true }).check();
    await sendOk(page);
    await answer(page).getByText(/RouteScope twin/).waitFor();
    await answer(page).getByText(/stream events/).waitFor();
  }
});

test('reasoning and tool calls are shown apart from the text, streamed or not', async () => {
  const page = await open();
  await pick(page, 'Chat Completions');
  await page.getByRole('combobox', { name: 'Model', exact: true }).fill('twin-tool-call');
  for (const stream of [false, true]) {
    await page.getByRole('checkbox', { name: 'Stream', exact: true }).setChecked(stream);
    await sendOk(page);
    const reasoning = answer(page).getByRole('group', { name: 'Reasoning' });
    await reasoning.getByText('Reasoning (shown apart from the answer)').click();
    await reasoning.getByText('The user asks about the weather: call get_weather for Paris.', { exact: true }).waitFor();
    const calls = answer(page).getByRole('list', { name: 'Tool calls' });
    assert.equal(await calls.getByRole('listitem').count(), 1, `stream: ${stream}`);
    assert.match(await calls.textContent(), /get_weather \(call_twin_1\)/);
    assert.equal(await calls.getByLabel('Arguments of get_weather').textContent(), '{"city":"Paris","unit":"celsius"}', `stream: ${stream}`);
    const text = await answer(page).locator('.answer-text').first().textContent();
    assert.match(text, /RouteScope twin/);
    assert.doesNotMatch(text, /get_weather for Paris/, 'the reasoning is not in the answer text');
    assert.match(await answer(page).textContent(), /finish: tool_calls/);
  }
  assert.deepEqual(page.errors, []);
});

test('a stream request answered with one JSON body is noted', async () => {
  const page = await open();
  // The twin's /_huge answers any request with one JSON body, stream asked for or not.
  await page.getByLabel('Gateway URL').fill(`${twin.url}/_huge`);
  await pick(page, 'Chat Completions');
  await page.getByRole('checkbox', { name: 'Stream', exact: true }).check();
  await sendOk(page);
  await response(page).getByRole('note', { name: 'Not streamed' }).getByText(/Stream was asked for, but the answer came as one JSON body/).waitFor();
  await page.getByLabel('Gateway URL').fill(twin.url);
  await sendOk(page);
  assert.equal(await response(page).getByRole('note', { name: 'Not streamed' }).count(), 0, 'a real stream is not noted');
  assert.deepEqual(page.errors, []);
});

test('Image generation and Imagen show their images', async () => {
  const page = await open();
  await pick(page, 'Image generation');
  await page.getByLabel('response_format').selectOption('b64_json');
  await sendOk(page);
  await answer(page).getByRole('img', { name: /Image 1 from data\[0\]\.b64_json/ }).waitFor();
  // An inline image says its type, dimensions and size, read from its bytes.
  assert.match(await answer(page).locator('[data-image-facts]').first().textContent(), /^data\[0\]\.b64_json · PNG · \d+×\d+ · [\d.]+ (B|KB)$/);
  await page.getByLabel('response_format').selectOption('url');
  await sendOk(page);
  // A linked one says the dimensions the browser measured once it loaded, and the size its
  // host shares through Timing-Allow-Origin (the type from the host or, failing that, the name).
  await answer(page).locator('[data-image-facts]').filter({ hasText: /^data\[0\]\.url · PNG( \(by its name\))? · \d+×\d+ · [\d.]+ (B|KB)$/ }).waitFor();
  await pick(page, 'Imagen predict');
  await page.getByLabel('sampleCount').fill('2');
  await sendOk(page);
  assert.equal(await answer(page).getByRole('img').count(), 2);
  assert.match(await answer(page).locator('[data-image-facts]').first().textContent(), /PNG · \d+×\d+/);
  assert.match(await answer(page).getByRole('link', { name: 'Download' }).first().getAttribute('download'), /^routescope-image-1\.png$/);
});

test('multipart image edit uploads a real PNG (and several as image[])', async () => {
  const page = await open();
  await pick(page, 'Image edit (multipart)');
  const input = page.getByLabel('Image file(s)', { exact: true });
  await input.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png(24) });
  await page.getByRole('list', { name: 'Image file(s) chosen' }).getByText('photo.png').waitFor();
  const body = await page.getByRole('region', { name: 'Request preview' }).getByLabel('Request body').textContent();
  assert.match(body, /image: <file photo\.png · image\/png/);
  await sendOk(page);
  await input.setInputFiles({ name: 'second.png', mimeType: 'image/png', buffer: png(8, [200, 30, 30]) });
  await page.getByLabel('Mask (optional)', { exact: true }).setInputFiles({ name: 'mask.png', mimeType: 'image/png', buffer: png(24, [0, 0, 0]) });
  const parts = await page.getByRole('region', { name: 'Request preview' }).getByLabel('Request body').textContent();
  assert.match(parts, /image\[\]: <file photo\.png/);
  assert.match(parts, /image\[\]: <file second\.png/);
  assert.match(parts, /mask: <file mask\.png/);
  await sendOk(page);
  // The twin parsed the multipart for real and says what it received.
  await response(page).getByLabel('Response body').getByText(/2 image/).first().waitFor();
});

test('Seedream edit sends a chosen file as a data URI in the JSON image field', async () => {
  const page = await open();
  await pick(page, 'Seedream edit (JSON)');
  await page.getByLabel('Image URLs').fill('');
  await page.getByLabel('Or image files', { exact: true }).setInputFiles({ name: 'ref.png', mimeType: 'image/png', buffer: png(12) });
  const preview = page.getByRole('region', { name: 'Request preview' });
  await preview.getByLabel('Request body').getByText(/"image": "data:image\/png;base64,iVBOR/).waitFor();
  await sendOk(page);
});

/** Clicks "Follow this task" and waits for following to end; returns the bar's text and state. */
async function followToTheEnd(page) {
  await answer(page).getByRole('button', { name: 'Follow this task' }).click();
  const bar = response(page).locator('[aria-label="Task follow"]');
  await bar.waitFor();
  await response(page).locator('[aria-label="Task follow"][data-active="false"]').waitFor({ timeout: 60000 });
  return { text: (await bar.textContent()) ?? '', state: await bar.getAttribute('data-state') };
}

test('async image task: submit, then follow it to its end in one click, and its images are shown', async () => {
  const page = await open();
  await pick(page, 'Async image: submit');
  await sendOk(page);
  const { text, state } = await followToTheEnd(page);
  assert.equal(state, 'succeeded');
  const polls = Number(text.match(/after (\d+) polls/)?.[1] ?? 0);
  assert.ok(polls >= 2, `the task was polled until it ended (${text})`);
  assert.notEqual(await page.getByLabel('job_id').inputValue(), '', 'the query form holds the job id');
  await answer(page).locator('img').first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('video task: submit, then follow it to its end, even after switching to another endpoint', async () => {
  const page = await open();
  await pick(page, 'Video: submit');
  await sendOk(page);
  await answer(page).getByRole('button', { name: 'Follow this task' }).click();
  // Following goes on while the person looks at something else.
  await pick(page, 'Chat Completions');
  await response(page).locator('[aria-label="Task follow"][data-active="false"]').waitFor({ timeout: 60000 });
  const bar = response(page).locator('[aria-label="Task follow"]');
  assert.equal(await bar.getAttribute('data-state'), 'succeeded', await bar.textContent());
  await answer(page).getByText(/Status:/).waitFor();
  // The result plays in a player, and the task id copies in one click.
  const video = answer(page).locator('video[aria-label^="Video 1 from"]');
  await video.waitFor();
  assert.match(await video.getAttribute('src'), /\/_twin\/files\/video_twin.*\.mp4$/);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  const taskId = (await answer(page).locator('.task-line code').textContent()).trim();
  await answer(page).getByRole('button', { name: 'Copy task id' }).click();
  await answer(page).getByRole('button', { name: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), taskId);
  assert.deepEqual(page.errors, []);
});

test('Stop following stops the polling', async () => {
  const page = await open();
  await pick(page, 'Video: submit');
  await sendOk(page);
  await answer(page).getByRole('button', { name: 'Follow this task' }).click();
  const bar = response(page).locator('[aria-label="Task follow"]');
  await bar.getByRole('button', { name: 'Stop following' }).click();
  await response(page).locator('[aria-label="Task follow"][data-active="false"]').waitFor();
  assert.match(await bar.textContent(), /Stopped following task/);
  assert.deepEqual(page.errors, []);
});

test('a request id from an error is found in the usage log', async () => {
  const page = await open();
  await pick(page, 'Chat Completions');
  await page.getByRole('combobox', { name: 'Model', exact: true }).fill('gpt-5.4x');
  assert.equal(await send(page), 'model-not-available');
  const id = await page.getByRole('region', { name: /^(Diagnosis|诊断)$/ }).getByLabel('Request id').textContent();
  await pick(page, 'Find a call by request id');
  await page.getByRole('textbox', { name: 'Request id', exact: true }).fill(id);
  await sendOk(page);
  await response(page).getByLabel('Response body').getByText(id).first().waitFor();
});

test('every endpoint exports curl, Python, JavaScript and fetch with the key masked', async () => {
  const page = await open();
  const titles = [...simple, 'Image edit (multipart)', 'Async image: submit', 'Async image: query', 'Video: submit', 'Video: query', 'Find a call by request id'];
  const preview = page.getByRole('region', { name: 'Request preview' });
  for (const title of titles) {
    await pick(page, title);
    for (const tab of ['curl', 'Python', 'JavaScript', 'fetch']) {
      await preview.getByRole('tab', { name: tab }).click();
      const text = await preview.getByLabel('Export', { exact: true }).textContent();
      assert.ok(text.length > 40, `${title} ${tab}`);
      assert.doesNotMatch(text, /sk-twin-valid/, `${title} ${tab} leaks the key`);
      assert.match(text, /ROUTESCOPE_API_KEY/, `${title} ${tab}`);
    }
  }
  await preview.getByRole('tab', { name: 'Python' }).click();
  await pick(page, 'Chat Completions');
  assert.match(await preview.getByLabel('Export', { exact: true }).textContent(), /client\.chat\.completions\.create\(/);
});

test('the raw body and the form stay in step', async () => {
  const page = await open();
  await pick(page, 'Chat Completions');
  await page.getByLabel('Edit the body as raw JSON').check();
  const raw = page.getByLabel('Raw JSON body');
  await raw.fill('{"model": "gpt-5.4-mini", "temperature": 0.4, "seed": 11, "messages": [{"role": "user", "content": "from raw"}]}');
  assert.equal(await page.getByRole('combobox', { name: 'Model', exact: true }).inputValue(), 'gpt-5.4-mini');
  assert.equal(await page.getByLabel('Temperature').inputValue(), '0.4');
  assert.equal(await page.getByLabel('Text of message 1').inputValue(), 'from raw');
  await page.getByLabel('Max tokens').fill('32');
  const text = await raw.inputValue();
  assert.match(text, /"max_tokens": 32/);
  assert.match(text, /"seed": 11/, 'keys the form does not know are kept');
  await sendOk(page);
});

test('import: a browser\'s "Copy as cURL" opens its endpoint with the form filled, and its key only when accepted', async () => {
  const page = await open();
  await pick(page, 'List models (OpenAI)');
  const command = [
    `curl '${twin.url}/v1/chat/completions' \\`,
    "  -H 'accept: */*' \\",
    "  -H 'authorization: Bearer sk-twin-valid' \\",
    "  -H 'content-type: application/json' \\",
    "  -H 'sec-fetch-mode: cors' \\",
    "  -H 'x-custom-trace: 1' \\",
    `  --data-raw '{"model":"gpt-5.4","messages":[{"role":"user","content":"It'\\''s imported"}],"temperature":0.3}'`,
  ].join('\n');
  await page.getByLabel('API key', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Import curl / fetch / HTTP' }).click();
  await page.getByLabel(/^Paste a curl command/).fill(command);
  await page.getByRole('group', { name: 'Import' }).getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: /Chat Completions/ }).waitFor();
  assert.equal(await page.getByLabel('Text of message 1').inputValue(), "It's imported");
  assert.equal(await page.getByLabel('Temperature').inputValue(), '0.3');
  const result = page.getByRole('status', { name: 'Import result' });
  assert.match(await result.getByRole('list', { name: 'Not imported' }).textContent(), /x-custom-trace/);
  assert.equal(await result.getByText(/The command called/).count(), 0, 'the twin is already the gateway');
  assert.match(await result.textContent(), /It carries a key \(sk-…alid, sent as Authorization: Bearer\)/);
  assert.equal(await page.getByLabel('API key', { exact: true }).inputValue(), '', 'not used until accepted');
  await result.getByRole('button', { name: 'Use this key' }).click();
  assert.equal(await page.getByLabel('API key', { exact: true }).inputValue(), 'sk-twin-valid');
  await sendOk(page);
  assert.doesNotMatch(await page.getByRole('region', { name: 'History' }).textContent(), /sk-twin-valid/);
  assert.deepEqual(page.errors, []);
});

test('import: a command pasted into the Gateway URL field is imported, and another gateway is only proposed', async () => {
  const page = await open();
  const gateway = page.getByLabel('Gateway URL');
  const command = `curl https://api.example-vendor.com/v1/messages -H "x-api-key: sk-vendor-0123456789" -H "anthropic-version: 2023-06-01" -d '{"model":"claude-sonnet-4-6","max_tokens":300,"messages":[{"role":"user","content":"Hi"}]}'`;
  await gateway.focus();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text', text);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, command);
  await page.getByRole('heading', { name: /Messages/ }).waitFor();
  assert.equal(await gateway.inputValue(), twin.url, 'the address field did not take the command');
  assert.equal(await page.getByLabel('Max tokens').inputValue(), '300');
  const result = page.getByRole('status', { name: 'Import result' });
  assert.match(await result.textContent(), /The command called https:\/\/api\.example-vendor\.com/);
  await result.getByRole('button', { name: 'Keep mine' }).click();
  await result.getByRole('button', { name: 'Ignore it' }).click();
  assert.equal(await page.getByLabel('API key', { exact: true }).inputValue(), 'sk-twin-valid', 'the key in use is unchanged');
  assert.doesNotMatch(await page.locator('body').innerText(), /sk-vendor-0123456789/, 'the imported key is never shown whole');
  // Something that is not a command says why, next to the box, and keeps the text.
  await page.getByRole('button', { name: 'Import curl / fetch / HTTP' }).click();
  await page.getByLabel(/^Paste a curl command/).fill('curl https://api.routescope.ai/v2/nothing');
  await page.getByRole('group', { name: 'Import' }).getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('#import-error').getByText(/is not one of the playground's endpoints/).waitFor();
  assert.equal(await page.getByLabel(/^Paste a curl command/).inputValue(), 'curl https://api.routescope.ai/v2/nothing');
  assert.deepEqual(page.errors, []);
});

test('a docs deep link opens a prefilled request, and a copied link reopens it without the key', async () => {
  const link = `${app.url}#e=gemini-generate&model=gemini-2.5-pro&stream=true&gateway=${encodeURIComponent(twin.url)}`;
  const context = await newContext(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('heading', { name: /generateContent/ }).waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Model', exact: true }).inputValue(), 'gemini-2.5-pro');
  assert.equal(await page.getByRole('checkbox', { name: 'Stream', exact: true }).isChecked(), true);
  // A link never moves the gateway (and so the key) on its own: it proposes, the person chooses.
  assert.equal(await page.getByLabel('Gateway URL').inputValue(), 'https://api.routescope.ai');
  const proposal = page.getByRole('status').filter({ hasText: /This link points at another gateway/ });
  await proposal.waitFor();
  await proposal.getByRole('button', { name: 'Use this gateway' }).click();
  assert.equal(await page.getByLabel('Gateway URL').inputValue(), twin.url);
  await page.getByLabel('API key', { exact: true }).fill('sk-twin-valid');
  await page.getByLabel('Text of message 1').fill('shared text');
  await page.getByRole('button', { name: 'Copy link to this request' }).click();
  await page.getByRole('button', { name: 'Copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.doesNotMatch(copied, /sk-twin-valid/);
  const again = await context.newPage();
  await again.goto(copied);
  await again.getByRole('heading', { name: /generateContent/ }).waitFor();
  assert.equal(await again.getByLabel('Text of message 1').inputValue(), 'shared text');
  assert.equal(await again.getByLabel('API key', { exact: true }).inputValue(), '', 'the key never travels in a link');
  await again.goto(`${app.url}#e=chat-completions&key=sk-leaked`);
  await again.getByRole('status').filter({ hasText: /links never carry keys/ }).waitFor();
  await context.close();
});
