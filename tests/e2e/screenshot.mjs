// Takes the README's screenshots: the app against the twin, after a typo'd model id, with
// the diagnosis and its follow-up check on screen. Light and dark.
import { startTwin, startApp, launch, openApp, pick, send } from './harness.mjs';

const twin = await startTwin();
const app = await startApp();
const browser = await launch();
try {
  for (const scheme of ['light', 'dark']) {
    const page = await openApp(browser, app.url, { gateway: twin.url, colorScheme: scheme });
    await page.getByText('More settings').click();
    await page.getByLabel('Self-service API URL').fill(twin.url);
    await page.getByText('More settings').click();
    await pick(page, 'Chat Completions');
    await page.getByRole('combobox', { name: 'Model', exact: true }).fill('gpt-5.4x');
    await send(page);
    const actions = page.getByRole('group', { name: 'Next actions' });
    await actions.getByRole('button', { name: /visible to my key/ }).click();
    await page.getByRole('list', { name: 'Follow-up checks' }).locator('li').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `screenshots/playground-${scheme}.png` });
    await page.context().close();
  }
} finally {
  await browser.close();
  app.stop();
  twin.stop();
}
console.log('wrote tests/e2e/screenshots/playground-light.png and playground-dark.png');
