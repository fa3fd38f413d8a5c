// Takes the README's screenshots: the app against the twin, after a typo'd model id, with
// the diagnosis and its follow-up check on screen. Light, dark, Chinese, and a 390 px phone
// (the diagnosis tab). Chinese glyphs need a CJK font in the system (Debian: fonts-wqy-zenhei).
import { startTwin, startApp, launch, openApp, pick, send } from './harness.mjs';

const twin = await startTwin();
const app = await startApp();
const browser = await launch();
const shots = [
  { name: 'light', colorScheme: 'light' },
  { name: 'dark', colorScheme: 'dark' },
  { name: 'chinese', colorScheme: 'light', locale: 'zh-CN' },
  { name: 'narrow', colorScheme: 'light', viewport: { width: 390, height: 844 } },
];
try {
  for (const shot of shots) {
    const page = await openApp(browser, app.url, { gateway: twin.url, colorScheme: shot.colorScheme, locale: shot.locale, viewport: shot.viewport });
    const zh = shot.locale === 'zh-CN';
    await page.getByText(zh ? '更多设置' : 'More settings').click();
    await page.getByLabel(zh ? '自助接口地址' : 'Self-service API URL').fill(twin.url);
    await page.getByText(zh ? '更多设置' : 'More settings').click();
    await pick(page, 'Chat Completions');
    await page.getByRole('combobox', { name: /^(Model|模型)$/ }).fill('gpt-5.4x');
    if (shot.viewport) {
      // Send shows the response tab; the diagnosis is one tab away.
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByRole('tab', { name: /^(Diagnosis|诊断)$/ }).click();
      await page.getByRole('region', { name: /^(Diagnosis|诊断)$/ }).locator('[data-category]').waitFor();
    } else {
      await send(page);
    }
    const actions = page.getByRole('group', { name: /^(Next actions|下一步操作)$/ });
    await actions.getByRole('button', { name: zh ? /模型/ : /visible to my key/ }).first().click();
    await page.getByRole('list', { name: /^(Follow-up checks|后续检查)$/ }).locator('li').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `screenshots/playground-${shot.name}.png` });
    await page.context().close();
  }
} finally {
  await browser.close();
  app.stop();
  twin.stop();
}
console.log(`wrote ${shots.map((s) => `tests/e2e/screenshots/playground-${s.name}.png`).join(', ')}`);
