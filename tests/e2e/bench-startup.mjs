// Start-up benchmark: cold loads of the release build in headless Chromium. "First render"
// is timed inside the page: from navigation start to the animation frame that first shows
// the endpoint list and the form (a MutationObserver installed before any script runs sees
// the list arrive). What the test driver observes (its polling and round trips add ~100-300
// ms on this machine) is printed beside it for comparison with older figures.
import { startApp, launch } from './harness.mjs';

const runs = 9;
const app = await startApp();
const browser = await launch();
const inPage = [];
const driver = [];
try {
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('nav[aria-label]') && document.querySelector('.request-column')) {
          observer.disconnect();
          requestAnimationFrame(() => { window.__firstRenderMs = performance.now(); });
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('navigation', { name: /^(Endpoints|接口)$/ }).waitFor();
    driver.push(await page.evaluate(() => performance.now()));
    await page.waitForFunction(() => window.__firstRenderMs !== undefined);
    inPage.push(await page.evaluate(() => window.__firstRenderMs));
    await context.close();
  }
} finally {
  await browser.close();
  app.stop();
}
const summary = (times) => {
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return `median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`;
};
console.log(`first render (in the page, ${runs} cold loads): ${summary(inPage)}`);
console.log(`  as the test driver sees it (polling included): ${summary(driver)}`);
