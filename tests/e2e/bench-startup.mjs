// Start-up benchmark: cold loads of the release build in headless Chromium, timing from
// navigation start to the endpoint list being on screen (the app mounted and rendered).
import { startApp, launch } from './harness.mjs';

const runs = 7;
const app = await startApp();
const browser = await launch();
const times = [];
try {
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('navigation', { name: /^(Endpoints|接口)$/ }).waitFor();
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
} finally {
  await browser.close();
  app.stop();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`start-up to first render (local server, ${runs} cold loads): median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);
