// Answers at any size, measured through the UI in headless Chromium on localhost:
//   - a 20 MB JSON chat completion: first content after the last byte, longest main-thread
//     task, time to the verdict;
//   - a 20,000-event chat stream at full speed: final text after the last byte, longest task,
//     events lost;
//   - a video task followed to its end (polls with backoff until the terminal state).
// The twin serves the loads (`/_huge/`, `/_flood/`); sizes come from the twin's flags.
import { startTwin, startApp, launch, openApp, pick, send } from './harness.mjs';

const HUGE_MB = Number(process.env.BENCH_HUGE_MB ?? 20);
// Each load is measured this many times on a fresh page; the medians are printed (these
// machines are noisy, and one figure would be luck either way).
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const FLOOD_EVENTS = Number(process.env.BENCH_FLOOD_EVENTS ?? 20000);

/** Starts recording long tasks (>50 ms) on the page; returns a reader of the longest so far. */
async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  return () => page.evaluate(() => window.__longest);
}

/**
 * Sends the current request and times it: the last byte is when the network finished
 * (resource timing of the fetch), the verdict when the diagnosis rendered.
 */
async function timedSend(page, urlPart) {
  await page.evaluate(() => performance.clearResourceTimings());
  const clicked = await page.evaluate(() => performance.now());
  const category = await send(page);
  const verdictAt = await page.evaluate(() => performance.now());
  const lastByte = await page.evaluate((part) => {
    const entry = performance.getEntriesByType('resource').filter((e) => e.name.includes(part)).pop();
    return entry ? entry.responseEnd : null;
  }, urlPart);
  return { category, clicked, verdictAt, lastByte };
}

const twin = await startTwin(['--huge-mb', String(HUGE_MB), '--flood-events', String(FLOOD_EVENTS)]);
const app = await startApp();
const browser = await launch();
const runs = [];
try {
  for (let run = 0; run < RUNS; run += 1) {
  const results = {};
  // A huge JSON answer.
  {
    const page = await openApp(browser, app.url, { gateway: `${twin.url}/_huge` });
    await pick(page, 'Chat Completions');
    const longest = await watchLongTasks(page);
    const t = await timedSend(page, '/_huge/');
    const firstContent = await page.evaluate(() => performance.now());
    await page.getByRole('region', { name: /^(Response|响应)$/ }).getByLabel('Response body').waitFor();
    results.huge = {
      mb: HUGE_MB,
      category: t.category,
      sendToVerdictMs: Math.round(t.verdictAt - t.clicked),
      lastByteToVerdictMs: t.lastByte ? Math.round(t.verdictAt - t.lastByte) : null,
      lastByteToContentMs: t.lastByte ? Math.round(firstContent - t.lastByte) : null,
      longestTaskMs: Math.round(await longest()),
    };
    await page.context().close();
  }
  // A flood of stream events.
  {
    const page = await openApp(browser, app.url, { gateway: `${twin.url}/_flood` });
    await pick(page, 'Chat Completions');
    await page.getByLabel('Stream', { exact: true }).check();
    const longest = await watchLongTasks(page);
    const t = await timedSend(page, '/_flood/');
    // The page shows the text a window at a time; "Copy answer" gives the whole merged text.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    await page.getByRole('region', { name: 'Answer' }).getByRole('button', { name: 'Copy answer' }).click();
    await page.getByRole('region', { name: 'Answer' }).getByRole('button', { name: 'Copied' }).waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    const words = text.trim().split(/\s+/);
    let lost = 0;
    for (let i = 0; i < FLOOD_EVENTS; i += 1) if (words[i] !== `w${i}`) lost += 1;
    lost += Math.max(0, words.length - FLOOD_EVENTS);
    results.flood = {
      events: FLOOD_EVENTS,
      category: t.category,
      lastByteToFinalTextMs: t.lastByte ? Math.round(t.verdictAt - t.lastByte) : null,
      longestTaskMs: Math.round(await longest()),
      eventsLost: lost,
    };
    await page.context().close();
  }
  // A video task followed to its end: submit, "Follow this task", the terminal state.
  {
    const page = await openApp(browser, app.url, { gateway: twin.url });
    await pick(page, 'Video: submit');
    await send(page);
    const polls = [];
    page.on('request', (r) => { if (r.resourceType() === 'fetch' && r.method() === 'GET' && r.url().includes('/v1/video/generations/')) polls.push(r.url()); });
    const longest = await watchLongTasks(page);
    const started = Date.now();
    await page.getByRole('region', { name: 'Answer' }).getByRole('button', { name: 'Follow this task' }).click();
    const bar = page.getByRole('region', { name: /^(Response|响应)$/ }).locator('[aria-label="Task follow"][data-active="false"]');
    await bar.waitFor({ timeout: 120000 });
    results.task = {
      state: await bar.getAttribute('data-state'),
      followToEndMs: Date.now() - started,
      polls: polls.length,
      longestTaskMs: Math.round(await longest()),
    };
    await page.context().close();
  }
  runs.push(results);
  }
} finally {
  await browser.close();
  app.stop();
  twin.stop();
}
const figure = (load, name) => median(runs.map((r) => r[load][name] ?? Infinity));
const h = { mb: HUGE_MB, sendToVerdictMs: figure('huge', 'sendToVerdictMs'), lastByteToVerdictMs: figure('huge', 'lastByteToVerdictMs'), lastByteToContentMs: figure('huge', 'lastByteToContentMs'), longestTaskMs: figure('huge', 'longestTaskMs') };
const f = { events: FLOOD_EVENTS, lastByteToFinalTextMs: figure('flood', 'lastByteToFinalTextMs'), longestTaskMs: figure('flood', 'longestTaskMs'), eventsLost: Math.max(...runs.map((r) => r.flood.eventsLost)) };
console.log(`answers at any size: medians of ${RUNS} runs each`);
console.log(`${h.mb} MB JSON answer: first content ${h.lastByteToContentMs} ms after the last byte, verdict ${h.lastByteToVerdictMs} ms after it (${h.sendToVerdictMs} ms from Send), longest main-thread task ${h.longestTaskMs} ms (0 = none over 50 ms)`);
const k = { followToEndMs: figure('task', 'followToEndMs'), polls: figure('task', 'polls'), longestTaskMs: figure('task', 'longestTaskMs'), states: [...new Set(runs.map((r) => r.task.state))].join(', ') };
console.log(`video task followed to its end (the twin finishes it 4 s after submit): ${k.states} after ${k.followToEndMs} ms and ${k.polls} polls, longest main-thread task ${k.longestTaskMs} ms (0 = none over 50 ms)`);
console.log(`${f.events}-event stream at full speed: final text ${f.lastByteToFinalTextMs} ms after the last byte, longest main-thread task ${f.longestTaskMs} ms (0 = none over 50 ms), events lost ${f.eventsLost}`);
