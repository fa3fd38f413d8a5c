// Shared end-to-end plumbing: the gateway twin, a static server for the release build (on
// another origin, so CORS is really exercised), and headless Chromium.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = join(root, 'dist');
const twinBinary = join(root, 'target', 'debug', 'gateway-twin');

/** Starts the twin on a free port; resolves to { url, stop }. */
export async function startTwin(extraArgs = []) {
  const child = spawn(twinBinary, ['--port', '0', '--slow-ms', '8000', ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('twin did not print TWIN_URL in 20 s:\n' + seen)), 20000);
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      const m = seen.match(/TWIN_URL=(\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => reject(new Error(`twin exited with ${code}:\n${seen}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

/**
 * Serves dist/ on a free port under `base` (a sub-path such as '/playground/' is how a docs
 * site hosts it); resolves to { url, stop } with url ending in base. Anything outside base
 * is a 404, so an asset the page asks for at the host's root fails as it would there.
 */
export async function startApp({ base = '/' } = {}) {
  const server = createServer(async (req, res) => {
    const full = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!full.startsWith(base)) { res.writeHead(404).end('not found'); return; }
    const path = '/' + full.slice(base.length);
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}${base}`, stop: () => server.close() };
}

/** Launches Debian's Chromium headless (never a downloaded browser). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Every browser context a test opens is tracked here, so each file's `afterEach(closeContexts)`
// closes what the test left open (a failed assertion included) and no context outlives it.
const openContexts = new Set();

/** Where the app looks for the local sandbox (the twin `scripts/dev.sh` starts). */
export const SANDBOX = 'http://127.0.0.1:8787';

/**
 * A fresh browser context that `closeContexts` will close. The sandbox address is taken
 * over, so whatever runs on this machine's port 8787 never changes a test: by default
 * nothing answers there (a 404 that CORS lets the page read); with `sandbox: twinUrl` that
 * twin answers in its place.
 */
export async function newContext(browser, { sandbox, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, ...options });
  await context.route(`${SANDBOX}/**`, (route) => sandbox
    ? route.continue({ url: route.request().url().replace(SANDBOX, sandbox) })
    : route.fulfill({ status: 404, headers: { 'access-control-allow-origin': '*' }, body: 'nothing here' }));
  openContexts.add(context);
  context.on('close', () => openContexts.delete(context));
  return context;
}

/** Closes every context opened through `newContext` / `openApp` and not closed yet. */
export async function closeContexts() {
  await Promise.all([...openContexts].map((context) => context.close()));
}

/** Resets the twins' counters and tasks; a twin that does not answer 2xx fails the test. */
export async function resetTwins(...twins) {
  for (const twin of twins) {
    const answer = await fetch(`${twin.url}/_twin/reset`, { method: 'POST' });
    if (!answer.ok) throw new Error(`twin reset at ${twin.url} answered ${answer.status}`);
  }
}

// What Chromium logs by itself when a request fails at the network level (a CORS refusal,
// a refused connection, an abort): expected in scenarios about exactly that, so these are
// kept apart (page.blocked) for the test to assert on, not dropped.
const NETWORK_CONSOLE = /blocked by CORS|Access-Control|net::ERR/i;
// Chromium's line for any non-2xx answer the page fetched: the product's everyday input.
const HTTP_STATUS_CONSOLE = /^Failed to load resource: the server responded with a status of \d{3}/;

/**
 * Opens the app in a fresh context and fills in the gateway and key. Page errors and console
 * errors land in page.errors (a test asserts it empty); network-level failures in page.blocked.
 */
export async function openApp(browser, appUrl, { gateway, key = 'sk-twin-valid', locale = 'en-US', colorScheme = 'light', viewport, sandbox } = {}) {
  const context = await newContext(browser, { locale, colorScheme, sandbox, ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  const errors = [];
  const blocked = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (HTTP_STATUS_CONSOLE.test(text)) return;
    (NETWORK_CONSOLE.test(text) ? blocked : errors).push(text);
  });
  await page.goto(appUrl);
  await page.getByRole('navigation', { name: /^(Endpoints|接口)$/ }).waitFor();
  // A first visit speaks the browser's language, so the labels may be Chinese.
  if (gateway) await page.getByLabel(/^(Gateway URL|网关地址)$/).fill(gateway);
  await page.getByLabel(/^(API key|API 密钥)$/).fill(key);
  page.errors = errors;
  page.blocked = blocked;
  return page;
}

/** Picks an endpoint in the side list by its title. */
export async function pick(page, title) {
  await page.getByRole('navigation', { name: /^(Endpoints|接口)$/ }).getByRole('button', { name: title, exact: false }).click();
}

/** The data-serial of the verdict on screen, or '0' before the first one. */
export async function verdictSerial(page) {
  const verdicts = page.getByRole('region', { name: /^(Diagnosis|诊断)$/ }).locator('[data-category]');
  return (await verdicts.count()) > 0 ? verdicts.getAttribute('data-serial') : '0';
}

/** Waits for a verdict whose serial differs from `before`; returns its category id. */
export async function nextVerdict(page, before, timeout = 30000) {
  const fresh = page.getByRole('region', { name: /^(Diagnosis|诊断)$/ }).locator(`[data-category]:not([data-serial="${before}"])`);
  await fresh.waitFor({ timeout });
  return fresh.getAttribute('data-category');
}

/** Presses Send and waits for the diagnosis of this very exchange; returns its category id. */
export async function send(page) {
  const before = await verdictSerial(page);
  await page.getByRole('button', { name: /^(Send|发送)$/ }).click();
  return nextVerdict(page, before);
}

/** A local TCP port that was free a moment ago and is closed now (connection refused). */
export async function closedPort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}
